-- A "use without residents" task resolved as "no issue" (a shop's meter, an owner who comes by now and then) holds for
-- its place: held marks it, hold_until is the last month it holds (null: no month limit), hold_water/power/gas the
-- monthly use above which the place is checked again. Before, the same meter opened a new task every month.
ALTER TABLE verification_task
    ADD COLUMN held        boolean NOT NULL DEFAULT false,
    ADD COLUMN hold_until  date CHECK (hold_until IS NULL OR extract(day FROM hold_until) = 1),
    ADD COLUMN hold_water  numeric(14, 3) CHECK (hold_water >= 0),
    ADD COLUMN hold_power  numeric(14, 3) CHECK (hold_power >= 0),
    ADD COLUMN hold_gas    numeric(14, 3) CHECK (hold_gas >= 0),
    ADD CONSTRAINT verification_task_hold_no_issue
        CHECK (NOT held OR (finding = 'NO_ISSUE' AND kind = 'UNREGISTERED_USE'));

-- A new task is given to the grid's verifier at once and waits in his inbox (VERIFICATION_TASK_ASSIGNED).
SELECT inbox_allow_kinds('VERIFICATION_TASK_ASSIGNED');
