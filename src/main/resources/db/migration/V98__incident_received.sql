-- The hard-case board's sweep reads the incidents that came of age since its last run (received in a window
-- of time); without an index that read was a scan of every incident each minute.
CREATE INDEX incident_received ON incident (received_at);
