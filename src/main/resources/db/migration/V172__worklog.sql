-- Seed 004's 四有 (有日志、有分析、有督导、有总结): each officer's work log entries (a day's diary, a week's analysis, a
-- month's or quarter's summary) about a unit of his jurisdiction; every earlier version an edit replaced (nothing a
-- user saved is lost); the supervisors' review remarks (督导意见); and the bureau's diary column
-- (包村社民警日记专栏): entries their authors shared, with colleagues' comments and likes (赞, once per person).
CREATE TABLE worklog_entry (
    id           uuid PRIMARY KEY,
    author_id    uuid NOT NULL REFERENCES staff (id),
    unit_id      uuid NOT NULL REFERENCES unit (id),
    kind         text NOT NULL CHECK (kind IN ('DAILY', 'WEEKLY_ANALYSIS', 'MONTHLY_SUMMARY', 'QUARTERLY_SUMMARY')),
    -- the day of a diary entry; the first day of the week, month or quarter an analysis or summary is about
    period_start date NOT NULL,
    title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    body         text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    shared_at    timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint NOT NULL DEFAULT 0
);
-- one analysis or summary per author and period: a second is an edit of the first
CREATE UNIQUE INDEX worklog_entry_one_per_period ON worklog_entry (author_id, kind, period_start)
    WHERE kind <> 'DAILY';
CREATE INDEX worklog_entry_author ON worklog_entry (author_id, period_start DESC);
CREATE INDEX worklog_entry_unit ON worklog_entry (unit_id, period_start DESC);
CREATE INDEX worklog_entry_shared ON worklog_entry (shared_at DESC) WHERE shared_at IS NOT NULL;

-- the versions an edit replaced, each as it was saved
CREATE TABLE worklog_revision (
    entry_id     uuid NOT NULL REFERENCES worklog_entry (id),
    version      bigint NOT NULL,
    kind         text NOT NULL,
    period_start date NOT NULL,
    unit_id      uuid NOT NULL REFERENCES unit (id),
    title        text NOT NULL,
    body         text NOT NULL,
    saved_at     timestamptz NOT NULL,
    replaced_at  timestamptz NOT NULL,
    PRIMARY KEY (entry_id, version)
);

CREATE TABLE worklog_remark (
    id          uuid PRIMARY KEY,
    entry_id    uuid NOT NULL REFERENCES worklog_entry (id),
    reviewer_id uuid NOT NULL REFERENCES staff (id),
    text        text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
    created_at  timestamptz NOT NULL
);
CREATE INDEX worklog_remark_entry ON worklog_remark (entry_id, created_at);

CREATE TABLE worklog_comment (
    id         uuid PRIMARY KEY,
    entry_id   uuid NOT NULL REFERENCES worklog_entry (id),
    author_id  uuid NOT NULL REFERENCES staff (id),
    text       text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL
);
CREATE INDEX worklog_comment_entry ON worklog_comment (entry_id, created_at);

CREATE TABLE worklog_like (
    entry_id   uuid NOT NULL REFERENCES worklog_entry (id),
    staff_id   uuid NOT NULL REFERENCES staff (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (entry_id, staff_id)
);

-- The inbox learns a module's kinds through one function: each kind is added to whatever kinds the check allows now,
-- so migrations that add kinds (V172, V173, V175...) keep each other's whatever order they run in.
CREATE FUNCTION inbox_allow_kinds(VARIADIC kinds text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    def text;
BEGIN
    SELECT pg_get_constraintdef(c.oid) INTO def FROM pg_constraint c
    WHERE c.conname = 'inbox_entry_kind_check' AND c.conrelid = 'inbox_entry'::regclass;
    EXECUTE 'ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_kind_check';
    EXECUTE 'ALTER TABLE inbox_entry ADD CONSTRAINT inbox_entry_kind_check ' || replace(def, 'ARRAY[',
        'ARRAY[' || (SELECT string_agg(quote_literal(k) || '::text, ', '') FROM unnest(kinds) k));
END $$;

SELECT inbox_allow_kinds('WORKLOG_REVIEWED');
