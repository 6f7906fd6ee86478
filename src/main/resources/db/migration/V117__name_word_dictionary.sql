-- Foreign residents are registered under their names in Latin letters ("John Smith", "Maria Garcia-Lopez",
-- "O'Brien Sean"), and an officer finds one by any word of that name or its start. A name's words are held in a
-- dictionary beside name_pinyin, each word with its name: a word's start gives the names from one index range, and
-- their persons come in name order from person_name_order, as full pinyin's do (V102, docs/adr/0005). Filled by the
-- same triggers, from the names new to the dictionaries only (V104): a Chinese name costs one character-class test
-- when it is new, nothing when it is known, and a large import of Chinese names no more than that.

CREATE TABLE name_word (
    word text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    PRIMARY KEY (word, name)
);

-- The words of a name as searched: compatibility-decomposed (fullwidth letters typed with a Chinese input method
-- become plain ones) with the combining marks dropped (José → jose, Nguyễn → nguyen), lower-cased, split at anything
-- that is not a letter a to z; a word holding an apostrophe gives itself without it and its parts (O'Brien: obrien,
-- o, brien). PersonQuery.latinWords reads a search's text by the same rules.
CREATE FUNCTION name_words(person_name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT DISTINCT w
      FROM (SELECT lower(regexp_replace(normalize(person_name, NFKD),
                   '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g')) AS folded) f,
           LATERAL (SELECT regexp_split_to_table(f.folded, '[^a-z]+')
                    UNION ALL
                    SELECT regexp_split_to_table(regexp_replace(f.folded, '[''`\u2018\u2019\u02bc]', '', 'g'), '[^a-z]+')) s (w)
     WHERE w <> ''
$$;

-- Whether a name holds a Latin letter at all: the test a new Chinese name pays, instead of name_words.
CREATE FUNCTION name_has_latin(person_name text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT person_name ~ '[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]'
$$;

CREATE OR REPLACE FUNCTION name_bigram_add_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH fresh AS (
        SELECT d.pinyin, d.name FROM (SELECT DISTINCT n.name_pinyin AS pinyin, n.name FROM new_rows n) d
        WHERE NOT EXISTS (SELECT 1 FROM name_pinyin p
                          WHERE p.pinyin = d.pinyin COLLATE "C" AND p.name = d.name COLLATE "C")
    ), pinyin AS (
        INSERT INTO name_pinyin (pinyin, name) SELECT f.pinyin, f.name FROM fresh f WHERE f.pinyin IS NOT NULL
        ON CONFLICT DO NOTHING
    ), words AS (
        INSERT INTO name_word (word, name)
        SELECT DISTINCT w, f.name FROM fresh f, name_words(f.name) w WHERE name_has_latin(f.name)
        ON CONFLICT DO NOTHING
    )
    INSERT INTO name_bigram (bigram, name)
    SELECT DISTINCT substr(f.name, i, 2), f.name FROM fresh f, generate_series(1, char_length(f.name) - 1) i
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
    IF name_has_latin(NEW.name) THEN
        INSERT INTO name_word (word, name) SELECT w, NEW.name FROM name_words(NEW.name) w ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- The words of the names registered so far, whatever path registered them.
INSERT INTO name_word (word, name)
SELECT DISTINCT w, n.name FROM (SELECT DISTINCT name FROM person) n, name_words(n.name) w WHERE name_has_latin(n.name);
