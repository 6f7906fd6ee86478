-- 等保 2.0 (GB/T 22239): a new password may not repeat one of a person's latest passwords (FENGQIAO_PASSWORD_HISTORY),
-- and a password expires after FENGQIAO_PASSWORD_MAX_AGE. The hashes of the passwords a person held before the current
-- one, the latest kept only (StaffRegister.changePassword deletes the older ones); id orders them, as two changes in
-- one instant would tie on a time.
CREATE TABLE password_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id      uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    password_hash text NOT NULL,
    replaced_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_staff ON password_history (staff_id, id DESC);

-- a password whose time of setting was never written counts from this upgrade, so that it expires one maximum age
-- after it, not at once (a hash written without its time: rows put in by hand)
UPDATE staff SET password_changed_at = now() WHERE password_hash IS NOT NULL AND password_changed_at IS NULL;
