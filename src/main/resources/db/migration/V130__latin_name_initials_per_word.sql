-- A name in Latin letters had all its letters as its initials (John Smith: johnsmith), so js, typed as zs is for
-- 张三, found nobody. Its initials are now the first letter of each word (js), folded as a search's text is
-- (Émile Zola: ez); its Chinese characters keep theirs (Anna 李: al). See ChineseNames.initials.
--
-- SQL has no pinyin, but the stored initials hold one letter for each Han character and each Latin letter of the
-- name, in order: the walk below keeps a Han character's letter and the first of each word's. A name whose stored
-- initials do not match its characters one for one (a character without a reading gave none) is left as it was,
-- and so is one already written per word: running the walk twice changes nothing.
DO $$
DECLARE
    p record;
    c text;
    fresh text;
    folded text;
    pos int;
    in_word boolean;
BEGIN
    FOR p IN SELECT id, name, name_initials FROM person WHERE name_has_latin(name) FOR UPDATE LOOP
        fresh := '';
        pos := 1;
        in_word := false;
        FOREACH c IN ARRAY regexp_split_to_array(p.name, '') LOOP
            IF c ~ '^[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]$' THEN
                IF NOT in_word THEN
                    SELECT left(min(w), 1) INTO folded FROM name_words(c) w;
                    fresh := fresh || coalesce(folded, substr(p.name_initials, pos, 1));
                END IF;
                pos := pos + 1;
                in_word := true;
            ELSIF in_word AND c ~ '^[''`\u2018\u2019\u02bc\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$' THEN
                NULL;
            ELSIF c ~ '^[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$' THEN
                fresh := fresh || substr(p.name_initials, pos, 1);
                pos := pos + 1;
                in_word := false;
            ELSE
                in_word := false;
            END IF;
        END LOOP;
        IF pos - 1 = length(p.name_initials) AND fresh <> p.name_initials THEN
            UPDATE person SET name_initials = fresh WHERE id = p.id;
        END IF;
    END LOOP;
END $$;
