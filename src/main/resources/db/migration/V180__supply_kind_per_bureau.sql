-- Supply kinds belong to a bureau (警务保障 is each county bureau's own): a bureau's catalogue manager adds and
-- changes his bureau's kinds only, the issue form offers them, and a unit lacks what its own bureau requires. On a
-- province's cluster every bureau had seen, issued and required the one global catalogue.
--
-- Where the existing kinds go: a standard kind to every bureau (each equips its stations with the standard signs and
-- books, and from now on decides for itself which it requires); a kind of a bureau's own to the bureaus whose units'
-- lines or stock use it (copied when several do, since each then changes its own), or when nothing uses it yet to
-- the bureau of whoever added it, or to every bureau when that is not known. With one bureau (a county's
-- installation) every kind simply goes to it and no line changes. A kind keeps its id in the first bureau (by path)
-- that uses it; the lines and stock of the other bureaus' units move to their copy. With no bureau at all (a fresh
-- installation, before the tree is loaded) nothing can use a kind and the standard ones are kept as the template
-- from which each bureau gets its own the first time its catalogue is read.

CREATE TABLE supply_standard_kind (
    code        text PRIMARY KEY,
    count_unit  text NOT NULL CHECK (count_unit IN ('PIECE', 'VOLUME', 'BOOK', 'COPY', 'SET')),
    required    boolean NOT NULL
);
INSERT INTO supply_standard_kind (code, count_unit, required)
SELECT code, count_unit, required FROM supply_kind WHERE builtin;

ALTER TABLE supply_kind ADD COLUMN unit_id uuid REFERENCES unit (id);
ALTER TABLE supply_kind DROP CONSTRAINT supply_kind_code_key;
DROP INDEX supply_kind_name;

CREATE TEMPORARY TABLE supply_kind_bureau ON COMMIT DROP AS
WITH used AS (
    SELECT e.kind_id, split_part(u.path, '/', 2)::uuid AS bureau
      FROM supply_entry e JOIN unit u ON u.id = e.unit_id
    UNION
    SELECT s.kind_id, split_part(u.path, '/', 2)::uuid FROM supply_stock s JOIN unit u ON u.id = s.unit_id
), made AS (
    SELECT k.id AS kind_id, split_part(u.path, '/', 2)::uuid AS bureau
      FROM supply_kind k JOIN staff st ON st.id = k.created_by JOIN unit u ON u.id = st.unit_id
)
SELECT k.id AS kind_id, b.id AS bureau, b.path,
       EXISTS (SELECT 1 FROM used x WHERE x.kind_id = k.id AND x.bureau = b.id) AS uses, NULL::uuid AS new_id
  FROM supply_kind k JOIN unit b ON b.kind = 'BUREAU'
 WHERE k.builtin
    OR EXISTS (SELECT 1 FROM used x WHERE x.kind_id = k.id AND x.bureau = b.id)
    OR (NOT EXISTS (SELECT 1 FROM used x WHERE x.kind_id = k.id)
        AND (b.id IN (SELECT m.bureau FROM made m WHERE m.kind_id = k.id)
             OR NOT EXISTS (SELECT 1 FROM made m WHERE m.kind_id = k.id)));

UPDATE supply_kind_bureau t SET new_id = t.kind_id
  FROM (SELECT DISTINCT ON (kind_id) kind_id, bureau FROM supply_kind_bureau ORDER BY kind_id, uses DESC, path) first
 WHERE first.kind_id = t.kind_id AND first.bureau = t.bureau;
UPDATE supply_kind_bureau SET new_id = gen_random_uuid() WHERE new_id IS NULL;

UPDATE supply_kind k SET unit_id = t.bureau FROM supply_kind_bureau t WHERE t.new_id = k.id;
INSERT INTO supply_kind (id, unit_id, code, name, count_unit, builtin, required, created_by, created_at)
SELECT t.new_id, t.bureau, k.code, k.name, k.count_unit, k.builtin, k.required, k.created_by, k.created_at
  FROM supply_kind_bureau t JOIN supply_kind k ON k.id = t.kind_id
 WHERE t.new_id <> t.kind_id;

-- the ledger is append-only for the application; this move of lines to their bureau's copy changes no quantity
ALTER TABLE supply_entry DISABLE TRIGGER supply_entry_append_only;
UPDATE supply_entry e SET kind_id = t.new_id
  FROM supply_kind_bureau t, unit u
 WHERE u.id = e.unit_id AND t.kind_id = e.kind_id AND t.bureau = split_part(u.path, '/', 2)::uuid
   AND t.new_id <> t.kind_id;
ALTER TABLE supply_entry ENABLE TRIGGER supply_entry_append_only;
UPDATE supply_stock s SET kind_id = t.new_id
  FROM supply_kind_bureau t, unit u
 WHERE u.id = s.unit_id AND t.kind_id = s.kind_id AND t.bureau = split_part(u.path, '/', 2)::uuid
   AND t.new_id <> t.kind_id;

-- no bureau at all: nothing uses them (every line is a unit's, every unit a bureau's)
DELETE FROM supply_kind WHERE unit_id IS NULL;

ALTER TABLE supply_kind ALTER COLUMN unit_id SET NOT NULL;
ALTER TABLE supply_kind ADD CONSTRAINT supply_kind_code UNIQUE (unit_id, code);
CREATE UNIQUE INDEX supply_kind_name ON supply_kind (unit_id, lower(name)) WHERE name IS NOT NULL;
