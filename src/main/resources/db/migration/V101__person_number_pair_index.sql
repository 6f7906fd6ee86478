-- One unique B-tree on (id_last6, id_index) instead of the unique id_index and the id_last6 index: the last 6
-- are a part of the number, so the pair is unique exactly when the number is; a search by the last 6 (or by
-- the last 4, V99) reads the first column, and a look-up of a whole number knows both. Every new person is
-- then one insertion into a B-tree of random keys cheaper. Persons without a number are not indexed.
ALTER TABLE person DROP CONSTRAINT person_id_index_key;
DROP INDEX person_id_last6;
CREATE UNIQUE INDEX person_id_number ON person (id_last6, id_index) WHERE id_index IS NOT NULL;
ALTER TABLE person ADD CONSTRAINT person_id_pair CHECK ((id_index IS NULL) = (id_last6 IS NULL));
