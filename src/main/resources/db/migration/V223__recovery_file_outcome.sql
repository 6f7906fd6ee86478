-- How a closed recovery file ended (结档结论): recovered in full, in part, nothing recoverable, or handed to another
-- unit, with the officer's note of why, and when it was closed. A file closed before this was written has none (its
-- page says so); reopening a file clears them, and closing it again asks for them anew. The application requires
-- both on every close; the check keeps an open file from carrying a conclusion it no longer has.
ALTER TABLE recovery_file
    ADD COLUMN outcome      text CHECK (outcome IN ('RECOVERED_IN_FULL', 'RECOVERED_IN_PART', 'NOTHING_RECOVERABLE',
                                                    'TRANSFERRED')),
    ADD COLUMN outcome_note text CHECK (length(outcome_note) BETWEEN 1 AND 4000),
    ADD COLUMN closed_at    timestamptz,
    ADD CONSTRAINT recovery_file_outcome_closed CHECK (status = 'CLOSED' OR (outcome IS NULL AND outcome_note IS NULL
                                                                             AND closed_at IS NULL)),
    ADD CONSTRAINT recovery_file_outcome_noted CHECK ((outcome IS NULL) = (outcome_note IS NULL));
