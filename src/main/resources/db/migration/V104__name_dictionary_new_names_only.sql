-- The name dictionaries (name_bigram, name_pinyin) are filled per statement from the rows inserted. Before, every
-- row's every bigram and its pinyin went through INSERT ... ON CONFLICT DO NOTHING: a speculative insertion, checked
-- against the unique index, for about 2.7 entries a person although almost every name is registered already (a
-- million persons bear about 200,000 names). That was about a third of PostgreSQL's time for a new person once the
-- import builds the other indexes at its end (17 us a person; bench/README.md). Now the names of the statement are
-- first looked up in name_pinyin, one index probe a distinct name, and only the names not registered yet are added,
-- with their bigrams. A name in name_pinyin has its bigrams in name_bigram: both are added in the same statement, here
-- and on a rename (name_bigram_add_renamed), and V102 filled name_pinyin from names whose bigrams were there (V58).
-- Two transactions adding the same new name both find it missing and both add it; ON CONFLICT keeps one.
CREATE OR REPLACE FUNCTION name_bigram_add_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH fresh AS (
        SELECT d.pinyin, d.name FROM (SELECT DISTINCT n.name_pinyin AS pinyin, n.name FROM new_rows n) d
        WHERE NOT EXISTS (SELECT 1 FROM name_pinyin p
                          WHERE p.pinyin = d.pinyin COLLATE "C" AND p.name = d.name COLLATE "C")
    ), pinyin AS (
        INSERT INTO name_pinyin (pinyin, name) SELECT f.pinyin, f.name FROM fresh f WHERE f.pinyin IS NOT NULL
        ON CONFLICT DO NOTHING
    )
    INSERT INTO name_bigram (bigram, name)
    SELECT DISTINCT substr(f.name, i, 2), f.name FROM fresh f, generate_series(1, char_length(f.name) - 1) i
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- The rule above, made to hold for the names registered so far whatever path they came by.
INSERT INTO name_bigram (bigram, name)
SELECT DISTINCT substr(p.name, i, 2), p.name FROM name_pinyin p, generate_series(1, char_length(p.name) - 1) i
ON CONFLICT DO NOTHING;
