-- Each officer's result for each duty of the rhythm whose period closed (职责完成率, seed 004: 量化考核工作绩效),
-- written once the period can no longer change (the day after its last day plus backdate-days) and never rewritten:
-- the officer's name and unit, the item's code and text and the period are kept as they were, so the results of a
-- past month stay true when officers move and the rhythm changes. Only the officers who owed the item are there.
CREATE TABLE duty_result (
    officer_id   uuid NOT NULL REFERENCES staff (id),
    officer_name text NOT NULL,
    unit_id      uuid NOT NULL REFERENCES unit (id),
    -- the unit's path when the result was written: the scope it is read in
    unit_path    text NOT NULL,
    item         text NOT NULL CHECK (item ~ '^[a-z][a-z0-9-]{1,39}$'),
    item_text    text NOT NULL,
    period       text NOT NULL CHECK (period IN ('DAY', 'WEEK', 'MONTH', 'QUARTER')),
    period_start date NOT NULL,
    period_end   date NOT NULL CHECK (period_end >= period_start),
    state        text NOT NULL CHECK (state IN ('DONE', 'MISSED')),
    records      int NOT NULL CHECK (records >= 0),
    recorded_at  timestamptz NOT NULL,
    CHECK ((state = 'DONE') = (records > 0)),
    -- recording twice changes nothing
    PRIMARY KEY (officer_id, item, period_start)
);
-- the figures and the list: the results whose period ends in the chosen days, in a subtree
CREATE INDEX duty_result_end ON duty_result (period_end, unit_path text_pattern_ops);
CREATE INDEX duty_result_unit ON duty_result (unit_id);

-- The days whose closing periods are recorded: the job's cursor (it catches up from the last one), and what says from
-- which day the results are kept and that none is missing in between.
CREATE TABLE duty_result_day (
    closed_on   date PRIMARY KEY,
    results     int NOT NULL,
    recorded_at timestamptz NOT NULL
);
-- the job reads the records of the periods closing on a day, of every officer at once
CREATE INDEX duty_record_done_on ON duty_record (done_on);
