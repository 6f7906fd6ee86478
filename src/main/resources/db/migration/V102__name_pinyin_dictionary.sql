-- A search by full pinyin (five letters or more) finds its names in a dictionary of the names registered with
-- their pinyin, as a fragment finds them in name_bigram, and lists their persons in name order from
-- person_name_order. The dictionary holds each name once (a million persons bear about a fifth as many), so
-- person_pinyin_order, a B-tree every new person had to be inserted into at a random place, goes. A name
-- nobody bears any more stays and finds nobody.
CREATE TABLE name_pinyin (
    pinyin text COLLATE "C" NOT NULL,
    name   text COLLATE "C" NOT NULL,
    PRIMARY KEY (pinyin, name)
);
INSERT INTO name_pinyin (pinyin, name)
SELECT DISTINCT name_pinyin, name FROM person WHERE name_pinyin IS NOT NULL;

CREATE OR REPLACE FUNCTION name_bigram_add_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO name_bigram (bigram, name)
    SELECT DISTINCT substr(n.name, i, 2), n.name
      FROM new_rows n, generate_series(1, char_length(n.name) - 1) i
    ON CONFLICT DO NOTHING;
    INSERT INTO name_pinyin (pinyin, name)
    SELECT DISTINCT n.name_pinyin, n.name FROM new_rows n WHERE n.name_pinyin IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION name_bigram_add_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO name_bigram (bigram, name)
    SELECT DISTINCT substr(NEW.name, i, 2), NEW.name FROM generate_series(1, char_length(NEW.name) - 1) i
    ON CONFLICT DO NOTHING;
    IF NEW.name_pinyin IS NOT NULL THEN
        INSERT INTO name_pinyin (pinyin, name) VALUES (NEW.name_pinyin, NEW.name) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- fired too when only the pinyin changes (a reading corrected for a name already registered)
DROP TRIGGER person_name_bigram_rename ON person;
CREATE TRIGGER person_name_bigram_rename AFTER UPDATE OF name, name_pinyin ON person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_pinyin IS DISTINCT FROM NEW.name_pinyin)
    EXECUTE FUNCTION name_bigram_add_renamed();
ALTER TABLE person ENABLE ALWAYS TRIGGER person_name_bigram_rename;

DROP INDEX person_pinyin_order;
