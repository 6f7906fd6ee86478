-- The supervisors who remarked on a work log entry hear when its author edits it afterwards (WORKLOG_EDITED).
SELECT inbox_allow_kinds('WORKLOG_EDITED');
