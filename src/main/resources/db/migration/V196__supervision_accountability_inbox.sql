-- The person held to account for a supervision notice finds it in his inbox (SUPERVISION_ACCOUNTABILITY).
SELECT inbox_allow_kinds('SUPERVISION_ACCOUNTABILITY');
