-- The step a merge writes on the duplicate (MERGED_INTO) names the report it was merged into. Until now that report
-- was found by the steps' order: the MERGED step the merge wrote right after it on the other report, at the same
-- moment and by the same person. Nothing held that order (two merges by one person at one moment in two transactions,
-- or a merge that wrote its steps the other way round, would name the wrong report or none), and the resident's
-- "taken up together" line and where his matter went after his reopening (merged_into is cleared then) rest on it.
-- Now the merge writes it on its step; the merges made before are given it here by the old rule, which held for them
-- (each merge wrote its two steps one after the other in its transaction). A step the old rule finds nothing for
-- (none is known) takes the report the duplicate is merged into now, if it still is.
ALTER TABLE incident_event ADD COLUMN merged_into uuid;

UPDATE incident_event s SET merged_into = p.incident_id
FROM incident_event d CROSS JOIN LATERAL (
    SELECT e.incident_id FROM incident_event e
    WHERE e.id > d.id AND e.id <= d.id + 100000 AND e.kind = 'MERGED' AND e.at = d.at
      AND e.actor_id IS NOT DISTINCT FROM d.actor_id AND e.actor_name IS NOT DISTINCT FROM d.actor_name
    ORDER BY e.id LIMIT 1) p
WHERE s.id = d.id AND d.kind = 'MERGED_INTO' AND s.merged_into IS NULL;

UPDATE incident_event s SET merged_into = i.merged_into
FROM incident i
WHERE s.incident_id = i.id AND s.kind = 'MERGED_INTO' AND s.merged_into IS NULL AND i.merged_into IS NOT NULL
  AND s.id = (SELECT max(l.id) FROM incident_event l WHERE l.incident_id = i.id AND l.kind = 'MERGED_INTO');

-- Only merge steps name a report: the partial index holds those few and costs the intake nothing but the test.
CREATE INDEX incident_event_merged_into ON incident_event (merged_into) WHERE merged_into IS NOT NULL;

-- The reference holds as V113's do, without a foreign key: a foreign key queues a check for every step the intake
-- writes, this trigger only for the rows that name a report (its WHEN is tested as the row is written).
CREATE FUNCTION incident_event_merged_into_holds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM incident WHERE id = NEW.merged_into FOR KEY SHARE;
    IF NOT FOUND THEN
        PERFORM reference_missing('incident_event', 'incident_event_merged_into_fkey', 'merged_into', NEW.merged_into,
                                  'incident');
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER incident_event_merged_into_holds AFTER INSERT OR UPDATE OF merged_into ON incident_event FOR EACH ROW
    WHEN (NEW.merged_into IS NOT NULL) EXECUTE FUNCTION incident_event_merged_into_holds();

-- A report a merge step names is held, as one a duplicate is merged into is (V113).
CREATE OR REPLACE FUNCTION incident_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM incident WHERE merged_into = OLD.id AND id <> OLD.id) THEN
        PERFORM reference_still_held('incident', 'incident_merged_into_fkey', 'incident', OLD.id);
    END IF;
    IF EXISTS (SELECT 1 FROM incident_event WHERE merged_into = OLD.id AND incident_id <> OLD.id) THEN
        PERFORM reference_still_held('incident', 'incident_event_merged_into_fkey', 'incident_event', OLD.id);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF EXISTS (SELECT 1 FROM incident_event WHERE incident_id = OLD.id) THEN
            PERFORM reference_still_held('incident', 'incident_event_incident_id_fkey', 'incident_event', OLD.id);
        END IF;
        RETURN NEW;
    END IF;
    DELETE FROM incident_event WHERE incident_id = OLD.id;
    RETURN OLD;
END $$;
