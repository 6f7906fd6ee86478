-- Every step that gives an incident to another owner, or by which its owner takes it up, closes the unread entries that
-- asked someone to handle it (marked read in the step's transaction): they are found through this small partial index
-- rather than by reading the whole inbox on every step of every report.
CREATE INDEX inbox_entry_open_incident_asks ON inbox_entry (record_id)
    WHERE read_at IS NULL
      AND kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED', 'INCIDENT_REOPENED', 'INCIDENT_INFORMATION_ADDED');
