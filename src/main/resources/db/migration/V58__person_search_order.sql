-- Person search reads its matches from B-trees in the order it lists them, so a page and a capped
-- count cost the rows of the page and the cap, however many people share a common name fragment
-- (docs/adr/0005). Names, initials and pinyin are compared in the "C" collation: byte order of
-- UTF-8, which is code point order, the order the embedded database's C.UTF-8 gives as well, and
-- the only one in which a B-tree answers LIKE 'prefix%' and ORDER BY from the same index.

-- Every two-character fragment of every name registered, with that name: a fragment gives the
-- names that hold it, in order, from one index range; the persons of those names come in order
-- from person_name_order. Filled from person by the triggers below, so no insert path has to
-- know about it. A name nobody bears any more stays behind and finds nobody.
CREATE TABLE name_bigram (
    bigram text COLLATE "C" NOT NULL,
    name   text COLLATE "C" NOT NULL,
    PRIMARY KEY (bigram, name)
);

-- Statement-level with a transition table: a COPY or a batch of a thousand persons adds its new
-- names in one statement, not a thousand.
CREATE FUNCTION name_bigram_add_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO name_bigram (bigram, name)
    SELECT DISTINCT substr(n.name, i, 2), n.name
      FROM new_rows n, generate_series(1, char_length(n.name) - 1) i
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER person_name_bigram_insert AFTER INSERT ON person
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION name_bigram_add_new();

-- A renamed person: row-level, fired only when the name really changed.
CREATE FUNCTION name_bigram_add_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO name_bigram (bigram, name)
    SELECT DISTINCT substr(NEW.name, i, 2), NEW.name FROM generate_series(1, char_length(NEW.name) - 1) i
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER person_name_bigram_rename AFTER UPDATE OF name ON person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION name_bigram_add_renamed();

INSERT INTO name_bigram (bigram, name)
SELECT DISTINCT substr(p.name, i, 2), p.name FROM person p, generate_series(1, char_length(p.name) - 1) i;

-- The persons of a name in id order, with their grid for the scope check, from the index alone;
-- also a one-character search (the surname) as a prefix range.
CREATE INDEX person_name_order ON person (name COLLATE "C", id) INCLUDE (grid_id);
-- Initials and pinyin prefixes list by initials (pinyin), then name and id: the closest matches
-- (zs before zsf) first, straight from the index.
CREATE INDEX person_initials_order ON person (name_initials COLLATE "C", name COLLATE "C", id) INCLUDE (grid_id);
CREATE INDEX person_pinyin_order ON person (name_pinyin COLLATE "C", name COLLATE "C", id) INCLUDE (grid_id);

-- Replaced by the indexes above: the bigram GIN could not give its matches in order (a common
-- fragment read and sorted every one of its thousands of rows), and the text_pattern_ops
-- B-trees could not give name order within a prefix. name_grams stays a column the insert paths
-- write; nothing reads it any more.
DROP INDEX person_name_grams;
DROP INDEX person_initials;
DROP INDEX person_pinyin;
