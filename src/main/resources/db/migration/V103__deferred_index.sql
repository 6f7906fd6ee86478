-- The secondary indexes a large import has set aside, to be built at its end (DeferredIndexes): each row is
-- written in the transaction that drops its index and deleted in the one that builds it again, so an index is
-- never simply gone. job_id is no foreign key on purpose: the record must outlive its job.
CREATE TABLE deferred_index (
    name        text PRIMARY KEY,
    table_name  text NOT NULL,
    definition  text NOT NULL,
    job_id      uuid NOT NULL,
    deferred_at timestamptz NOT NULL DEFAULT now()
);
