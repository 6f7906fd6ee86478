-- The board's sweep registers the open disputes that came of age since it last looked, by a window of their opening
-- time, as it does for incidents (incident_received, V98): disputes no longer reach the board by an event of their
-- own at every opening.
CREATE INDEX dispute_case_opened ON dispute_case (opened_at);
