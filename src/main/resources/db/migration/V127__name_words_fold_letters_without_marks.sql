-- Letters that have no decomposition into a to z and a mark (ø, ß, đ, ł, æ, œ, þ, ð, ı, ħ, ŧ) broke a name's words
-- where they stood: "Søren" was stored as the words s and ren, so soren found nobody and ren found him. They are now
-- written as people type them on a keyboard without them (ø o, ß ss, đ and ð d, ł l, æ ae, œ oe, þ th, ı i, ħ h,
-- ŧ t), in upper case too (lower() of the "C" collation the names are kept in changes only a to z), as
-- PersonQuery.foldLetters reads a search's text.
CREATE OR REPLACE FUNCTION name_words(person_name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT DISTINCT w
      FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(
                   translate(lower(regexp_replace(normalize(person_name, NFKD),
                       '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g')),
                       'øØđĐðÐłŁıħĦŧŦ', 'ooddddllihhtt'),
                   'ß', 'ss'), 'ẞ', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe'), 'þ', 'th'), 'Þ', 'th') AS folded) f,
           LATERAL (SELECT regexp_split_to_table(f.folded, '[^a-z]+')
                    UNION ALL
                    SELECT regexp_split_to_table(regexp_replace(f.folded, '[''`\u2018\u2019\u02bc]', '', 'g'), '[^a-z]+')) s (w)
     WHERE w <> ''
$$;

-- The names already registered with such a letter: their words again, without the broken ones.
DELETE FROM name_word WHERE name ~ '[øØđĐðÐłŁıħĦŧŦßẞæÆœŒþÞ]';
INSERT INTO name_word (word, name)
SELECT DISTINCT w, n.name
  FROM (SELECT DISTINCT name FROM person WHERE name ~ '[øØđĐðÐłŁıħĦŧŦßẞæÆœŒþÞ]') n, name_words(n.name) w
 WHERE name_has_latin(n.name)
ON CONFLICT DO NOTHING;
