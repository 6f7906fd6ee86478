-- The references of the rows every filing writes (an incident, its timeline, its inbox entries) are checked once per
-- statement instead of once per row.
--
-- A foreign key checks each new row on its own: one query per row and per reference, each locking the row it finds
-- (FOR KEY SHARE). The intake writes its reports in batches of about 17 rows a statement, an incident with four
-- references and eight foreign keys, and its steps and inbox entries with one each: in a measurement on the intake
-- bench's database (pgbench, 2 connections, 17 incidents a statement, its 8 foreign keys) the foreign keys halved the
-- rate of the incidents' insert: 510-750 statements/s against 1,300-1,600 without them, 780-990 with the triggers
-- below.
--
-- The triggers below keep what the foreign keys guaranteed, with the same locks and the same errors:
-- * a statement that writes rows (INSERT, or an UPDATE that changes a reference) locks every row they refer to
--   FOR KEY SHARE, in one query per referenced table, then fails with foreign_key_violation (23503) if one is missing;
--   UPDATEs that change no reference lock nothing, as a foreign key's check is skipped then;
-- * deleting a referenced row, or changing its id, fails the same way, and deleting an incident deletes its
--   timeline (as ON DELETE CASCADE did). The check runs after the row to delete has been locked, so it waits for any
--   writer that locked it and sees what that writer committed. A row locked FOR KEY SHARE cannot be deleted until
--   the locker ends, and a writer that locks a row deleted meanwhile finds it missing: no reference can dangle;
-- * TRUNCATE of a referenced table fails while rows refer to it.
-- Nothing in the application deletes grids, units, staff or incidents; these guards hold for SQL by hand too.
-- The constraint names in the errors are those of the foreign keys they replace.

ALTER TABLE incident DROP CONSTRAINT incident_grid_id_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_owner_unit_id_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_owner_staff_id_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_acknowledged_by_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_arrived_by_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_created_by_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_merged_by_fkey;
ALTER TABLE incident DROP CONSTRAINT incident_merged_into_fkey;
ALTER TABLE incident_event DROP CONSTRAINT incident_event_incident_id_fkey;
ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_recipient_id_fkey;

-- The error a foreign key raises when a new row refers to nothing.
CREATE FUNCTION reference_missing(child text, constraint_name text, col text, val uuid, parent text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', child, constraint_name
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = child,
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', col, val, parent);
END $$;

-- The error a foreign key raises when a referenced row is deleted or its key changed.
CREATE FUNCTION reference_still_held(parent text, constraint_name text, child text, val uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"', parent,
        constraint_name, child
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = parent,
              DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', val, child);
END $$;

-- incident's references: the (column, value) pairs a statement wrote, locked and checked one referenced table at a
-- time. Staff are referred to by five columns, a grid, a unit and an incident (the one merged into) by one each.
CREATE FUNCTION incident_references_hold(cols text[], vals uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    missing record;
BEGIN
    IF cardinality(vals) IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM grid WHERE id = ANY (ARRAY(SELECT v FROM unnest(cols, vals) r (c, v) WHERE c = 'grid_id'))
    FOR KEY SHARE;
    PERFORM 1 FROM unit WHERE id = ANY (ARRAY(SELECT v FROM unnest(cols, vals) r (c, v) WHERE c = 'owner_unit_id'))
    FOR KEY SHARE;
    PERFORM 1 FROM staff
    WHERE id = ANY (ARRAY(SELECT v FROM unnest(cols, vals) r (c, v) WHERE c NOT IN ('grid_id', 'owner_unit_id', 'merged_into')))
    FOR KEY SHARE;
    PERFORM 1 FROM incident WHERE id = ANY (ARRAY(SELECT v FROM unnest(cols, vals) r (c, v) WHERE c = 'merged_into'))
    FOR KEY SHARE;
    SELECT r.c, r.v INTO missing
    FROM unnest(cols, vals) r (c, v)
    WHERE CASE r.c
              WHEN 'grid_id' THEN NOT EXISTS (SELECT 1 FROM grid g WHERE g.id = r.v)
              WHEN 'owner_unit_id' THEN NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = r.v)
              WHEN 'merged_into' THEN NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = r.v)
              ELSE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = r.v)
          END
    LIMIT 1;
    IF FOUND THEN
        PERFORM reference_missing('incident', 'incident_' || missing.c || '_fkey', missing.c, missing.v,
                                  CASE missing.c WHEN 'grid_id' THEN 'grid' WHEN 'owner_unit_id' THEN 'unit'
                                                 WHEN 'merged_into' THEN 'incident' ELSE 'staff' END);
    END IF;
END $$;

CREATE FUNCTION incident_references_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM incident_references_hold(array_agg(r.col), array_agg(r.val))
    FROM new_rows n
    CROSS JOIN LATERAL (VALUES ('grid_id', n.grid_id), ('owner_unit_id', n.owner_unit_id),
                               ('owner_staff_id', n.owner_staff_id), ('acknowledged_by', n.acknowledged_by),
                               ('arrived_by', n.arrived_by), ('created_by', n.created_by), ('merged_by', n.merged_by),
                               ('merged_into', n.merged_into)) AS r (col, val)
    WHERE r.val IS NOT NULL;
    RETURN NULL;
END $$;

-- An UPDATE checks only the references it changed, as a foreign key does (all of a row whose id it changed).
CREATE FUNCTION incident_references_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM incident_references_hold(array_agg(r.col), array_agg(r.val))
    FROM new_rows n
    LEFT JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES ('grid_id', n.grid_id, o.grid_id), ('owner_unit_id', n.owner_unit_id, o.owner_unit_id),
                               ('owner_staff_id', n.owner_staff_id, o.owner_staff_id),
                               ('acknowledged_by', n.acknowledged_by, o.acknowledged_by),
                               ('arrived_by', n.arrived_by, o.arrived_by), ('created_by', n.created_by, o.created_by),
                               ('merged_by', n.merged_by, o.merged_by), ('merged_into', n.merged_into, o.merged_into))
                AS r (col, val, was)
    WHERE r.val IS NOT NULL AND r.val IS DISTINCT FROM r.was;
    RETURN NULL;
END $$;

CREATE TRIGGER incident_references_inserted AFTER INSERT ON incident REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incident_references_inserted();
CREATE TRIGGER incident_references_updated AFTER UPDATE ON incident REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incident_references_updated();

-- incident_event and inbox_entry: one reference each, never changed after the insert (an UPDATE of it is refused).
CREATE FUNCTION incident_event_references_hold() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing uuid;
BEGIN
    PERFORM 1 FROM incident WHERE id IN (SELECT incident_id FROM new_rows) FOR KEY SHARE;
    SELECT n.incident_id INTO missing FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM incident i WHERE i.id = n.incident_id) LIMIT 1;
    IF FOUND THEN
        PERFORM reference_missing('incident_event', 'incident_event_incident_id_fkey', 'incident_id', missing, 'incident');
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION inbox_entry_references_hold() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing uuid;
BEGIN
    PERFORM 1 FROM staff WHERE id IN (SELECT recipient_id FROM new_rows) FOR KEY SHARE;
    SELECT n.recipient_id INTO missing FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = n.recipient_id) LIMIT 1;
    IF FOUND THEN
        PERFORM reference_missing('inbox_entry', 'inbox_entry_recipient_id_fkey', 'recipient_id', missing, 'staff');
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION reference_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the reference % of table "%" cannot be changed', TG_ARGV[0], TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation';
END $$;

CREATE TRIGGER incident_event_references_hold AFTER INSERT ON incident_event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incident_event_references_hold();
CREATE TRIGGER incident_event_reference_fixed BEFORE UPDATE OF incident_id ON incident_event
    FOR EACH ROW WHEN (NEW.incident_id IS DISTINCT FROM OLD.incident_id) EXECUTE FUNCTION reference_fixed('incident_id');
CREATE TRIGGER inbox_entry_references_hold AFTER INSERT ON inbox_entry REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION inbox_entry_references_hold();
CREATE TRIGGER inbox_entry_reference_fixed BEFORE UPDATE OF recipient_id ON inbox_entry
    FOR EACH ROW WHEN (NEW.recipient_id IS DISTINCT FROM OLD.recipient_id) EXECUTE FUNCTION reference_fixed('recipient_id');

-- The referenced side. A row trigger BEFORE DELETE runs once the row is locked for the delete, that is after every
-- writer holding it FOR KEY SHARE has ended; its queries see what they committed. The trigger's arguments name the
-- references to the table, as (table, column) pairs; each foreign key was named <table>_<column>_fkey. Deletes of
-- these rows are rare and made by hand, so the look-ups are built for each call.
CREATE FUNCTION row_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    held boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    FOR i IN 0 .. TG_NARGS - 1 BY 2 LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', TG_ARGV[i], TG_ARGV[i + 1]) INTO held USING OLD.id;
        IF held THEN
            PERFORM reference_still_held(TG_TABLE_NAME, TG_ARGV[i] || '_' || TG_ARGV[i + 1] || '_fkey', TG_ARGV[i], OLD.id);
        END IF;
    END LOOP;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- An incident merged into is held; its timeline goes with it (ON DELETE CASCADE before).
CREATE FUNCTION incident_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM incident WHERE merged_into = OLD.id AND id <> OLD.id) THEN
        PERFORM reference_still_held('incident', 'incident_merged_into_fkey', 'incident', OLD.id);
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

CREATE TRIGGER grid_referenced BEFORE DELETE OR UPDATE OF id ON grid FOR EACH ROW
    EXECUTE FUNCTION row_referenced('incident', 'grid_id');
CREATE TRIGGER unit_referenced BEFORE DELETE OR UPDATE OF id ON unit FOR EACH ROW
    EXECUTE FUNCTION row_referenced('incident', 'owner_unit_id');
CREATE TRIGGER staff_referenced BEFORE DELETE OR UPDATE OF id ON staff FOR EACH ROW
    EXECUTE FUNCTION row_referenced('incident', 'owner_staff_id', 'incident', 'acknowledged_by', 'incident', 'arrived_by',
                                    'incident', 'created_by', 'incident', 'merged_by', 'inbox_entry', 'recipient_id');
CREATE TRIGGER incident_referenced BEFORE DELETE OR UPDATE OF id ON incident FOR EACH ROW
    EXECUTE FUNCTION incident_referenced();

-- TRUNCATE of a referenced table, refused as a foreign key refuses it while rows refer to it.
CREATE FUNCTION referenced_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_TABLE_NAME IN ('grid', 'unit') AND EXISTS (SELECT 1 FROM incident))
            OR (TG_TABLE_NAME = 'incident' AND EXISTS (SELECT 1 FROM incident_event))
            OR (TG_TABLE_NAME = 'staff' AND (EXISTS (SELECT 1 FROM incident) OR EXISTS (SELECT 1 FROM inbox_entry))) THEN
        RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
            USING ERRCODE = 'feature_not_supported', DETAIL = format('Rows refer to table "%s".', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER grid_referenced_truncate BEFORE TRUNCATE ON grid FOR EACH STATEMENT EXECUTE FUNCTION referenced_truncate();
CREATE TRIGGER unit_referenced_truncate BEFORE TRUNCATE ON unit FOR EACH STATEMENT EXECUTE FUNCTION referenced_truncate();
CREATE TRIGGER staff_referenced_truncate BEFORE TRUNCATE ON staff FOR EACH STATEMENT EXECUTE FUNCTION referenced_truncate();
CREATE TRIGGER incident_referenced_truncate BEFORE TRUNCATE ON incident FOR EACH STATEMENT
    EXECUTE FUNCTION referenced_truncate();
