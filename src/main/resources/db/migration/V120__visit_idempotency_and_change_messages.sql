-- A visit recorded from a page carries the key the page drew when it showed the form (Idempotency-Key): a form
-- sent twice (a double tap, a retry after a lost answer) records one visit, and the second request answers the
-- first visit. The key binds to the officer who recorded the visit, beside the hash of what was submitted, so
-- the same key with a different visit is refused rather than answered with the wrong one. Visits without a key
-- (API clients that send none) are recorded as before.
ALTER TABLE visit ADD COLUMN idempotency_key text;
ALTER TABLE visit ADD COLUMN submission_hash bytea;
CREATE UNIQUE INDEX visit_idempotency ON visit (visited_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- What changed during a visit, as a message key with its arguments, so pages, the API and the PDFs say it in the
-- reader's language. summary stays as written (rows written before carry only it: the application reads the
-- known English shapes out of it, VisitChangeTexts, and shows any other text as stored).
ALTER TABLE visit_change ADD COLUMN message_key text;
ALTER TABLE visit_change ADD COLUMN message_args text[];
