-- Who owed the duties of the periods closing on a day, and in which unit, as the job found them the morning after
-- (DutyResultSweep's roll call, ADR 0011): the day's results, written eight days later, go to these officers in these
-- units, though one was deactivated or moved in between. A day's officers are dropped once its results are written;
-- the day's row stays, saying its roll was taken.
CREATE TABLE duty_roll_day (
    closed_on date PRIMARY KEY,
    taken_at  timestamptz NOT NULL
);
CREATE TABLE duty_roll (
    closed_on    date NOT NULL REFERENCES duty_roll_day (closed_on),
    officer_id   uuid NOT NULL REFERENCES staff (id),
    officer_name text NOT NULL,
    unit_id      uuid NOT NULL REFERENCES unit (id),
    unit_path    text NOT NULL,
    -- the day he took up his duties then (the checklist's since): what he owed follows from it
    since        date NOT NULL,
    PRIMARY KEY (closed_on, officer_id)
);
CREATE INDEX duty_roll_officer ON duty_roll (officer_id);
CREATE INDEX duty_roll_unit ON duty_roll (unit_id);
