-- A verification task not yet resolved is judged again when its place's readings change (a corrected month, a
-- resident registered since): its reason then shows the figures of now, and its history says so with REVISED.
ALTER TABLE verification_task_event DROP CONSTRAINT verification_task_event_action_check;
ALTER TABLE verification_task_event ADD CONSTRAINT verification_task_event_action_check
    CHECK (action IN ('OPENED', 'EXTENDED', 'ASSIGNED', 'RESOLVED', 'REVISED'));
