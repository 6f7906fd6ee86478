-- Flyway runs this before each pending migration: it builds again the indexes a large import set aside and did
-- not build (its process stopped before the import watch could; see DeferredIndexes and V103), so a migration
-- always finds the schema whole.
DO $$
DECLARE
    d record;
BEGIN
    IF to_regclass('deferred_index') IS NULL THEN
        RETURN;
    END IF;
    FOR d IN SELECT name, definition FROM deferred_index ORDER BY name FOR UPDATE LOOP
        EXECUTE regexp_replace(d.definition, '^CREATE INDEX ', 'CREATE INDEX IF NOT EXISTS ');
        DELETE FROM deferred_index WHERE name = d.name;
    END LOOP;
END $$;
