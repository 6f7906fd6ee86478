-- A shift checked in and never checked out is closed by the forces' sweep at its booked end (OpenShiftSweep): the
-- mark says the end was the system's, not the member's, so the shift counts no patrol hours and earns no points.
ALTER TABLE force_shift ADD COLUMN closed_unchecked boolean NOT NULL DEFAULT false;
ALTER TABLE force_shift ADD CONSTRAINT force_shift_closed_unchecked_at_end
    CHECK (NOT closed_unchecked OR checked_out_at = ends_at);
-- the sweep reads only the shifts still open, by their end
CREATE INDEX force_shift_open ON force_shift (ends_at) WHERE checked_in_at IS NOT NULL AND checked_out_at IS NULL;
