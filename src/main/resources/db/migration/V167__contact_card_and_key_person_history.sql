-- The work figures of a past month must stay what they were. They counted the contact cards (警民联系卡) of a
-- period by household.contact_card_on, which holds only the last card: a household handed a card again in December
-- left November's count. And they counted the key persons visited in a period by who is a key person today: one who
-- stopped being one left every past month he was visited in. Both are now counted from a dated history.

-- 1. Every day a household was handed a contact card (once per household and day; the household page still shows
-- the last one, household.contact_card_on). Written with it by Households.contactCard.
CREATE TABLE contact_card_handed (
    household_id uuid NOT NULL REFERENCES household (id) ON DELETE CASCADE,
    handed_on    date NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (household_id, handed_on)
);
CREATE INDEX contact_card_handed_on ON contact_card_handed (handed_on);

-- Backfilled from what is stored: each household's last card, every card day its audit entries recorded (a card
-- handed again wrote the new day over the old one, the entry kept both), and the visits that handed one (by the day
-- they were made in China).
INSERT INTO contact_card_handed (household_id, handed_on, recorded_at)
SELECT household_id, handed_on, min(recorded_at) FROM (
    SELECT h.id AS household_id, h.contact_card_on AS handed_on, h.updated_at AS recorded_at
    FROM household h WHERE h.contact_card_on IS NOT NULL
    UNION ALL
    SELECT h.id, d.day, e.at
    FROM audit_entry e
    JOIN household h ON h.id::text = e.record_id
    CROSS JOIN LATERAL (SELECT CAST(e.after ->> 'contactCardOn' AS date) AS day UNION
                        SELECT CAST(e.before ->> 'contactCardOn' AS date)) d
    WHERE e.record_type = 'household' AND e.action IN ('CREATE', 'UPDATE') AND d.day IS NOT NULL
    UNION ALL
    SELECT v.household_id, CAST(v.visited_at AT TIME ZONE 'Asia/Shanghai' AS date), v.created_at
    FROM visit v WHERE v.contact_card AND v.household_id IS NOT NULL
) handed
GROUP BY household_id, handed_on;

-- The figures' old way to the cards of a period, no longer read.
DROP INDEX IF EXISTS household_contact_card;
DELETE FROM deferred_index WHERE name = 'household_contact_card';

-- 2. The spells a person was a key person (重点人员): from the first moment of the day he became one (his
-- person_category.since, the day his visit rhythm counts from and before which no visit of him may be dated) to the
-- moment the category was taken away (open while he is one). A change of his type (涉毒 to 涉稳) continues the spell.
-- Kept by the triggers below, whoever writes the category: the person form and the persons import (both through
-- PersonCategories), the demo's loaders.
CREATE TABLE key_person_spell (
    person_id  uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX key_person_spell_person ON key_person_spell (person_id, started_at);
CREATE UNIQUE INDEX key_person_spell_open ON key_person_spell (person_id) WHERE ended_at IS NULL;

CREATE FUNCTION key_person_spell_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO key_person_spell (person_id, started_at)
    VALUES (NEW.person_id, coalesce(CAST(NEW.since AS timestamp) AT TIME ZONE 'Asia/Shanghai', now()))
    ON CONFLICT (person_id) WHERE ended_at IS NULL DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION key_person_spell_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE key_person_spell SET ended_at = greatest(started_at, now())
    WHERE person_id = OLD.person_id AND ended_at IS NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER key_person_spell_start AFTER INSERT ON person_category FOR EACH ROW
    WHEN (NEW.category = 'KEY_PERSON') EXECUTE FUNCTION key_person_spell_start();
CREATE TRIGGER key_person_spell_end AFTER DELETE ON person_category FOR EACH ROW
    WHEN (OLD.category = 'KEY_PERSON') EXECUTE FUNCTION key_person_spell_end();

-- Backfilled: the spell of each key person of today, from the day he became one (or, not recorded, from the day he
-- was entered); and the spells of the audit trail, each change that made a person a key person (the person form's
-- entries and the persons import's batch entries list the categories before and after) to the next that unmade him,
-- a spell ended before any recorded beginning reaching back to the person's entry.
INSERT INTO key_person_spell (person_id, started_at)
SELECT c.person_id, coalesce(CAST(c.since AS timestamp) AT TIME ZONE 'Asia/Shanghai', p.created_at)
FROM person_category c JOIN person p ON p.id = c.person_id
WHERE c.category = 'KEY_PERSON';

CREATE FUNCTION pg_temp.key_person_in(categories jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(categories) = 'array'
       AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(categories) c WHERE c LIKE 'KEY_PERSON:%')
$$;

WITH change AS (
    SELECT CAST(e.record_id AS uuid) AS person_id, e.at, e.seq,
           coalesce(pg_temp.key_person_in(e.before -> 'categories'), false) AS was_key,
           coalesce(pg_temp.key_person_in(e.after -> 'categories'), false) AS is_key
    FROM audit_entry e
    WHERE e.record_type = 'person' AND e.action IN ('CREATE', 'UPDATE')
      AND e.record_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      AND (e.action = 'CREATE' OR e.before ? 'categories') AND e.after ? 'categories'
    UNION ALL
    SELECT CAST(c ->> 'person' AS uuid), e.at, e.seq,
           coalesce(pg_temp.key_person_in(c -> 'before'), false), coalesce(pg_temp.key_person_in(c -> 'after'), false)
    FROM audit_entry e CROSS JOIN LATERAL jsonb_array_elements(e.after -> 'categories') c
    WHERE e.record_type = 'person-batch' AND jsonb_typeof(e.after -> 'categories') = 'array'
), turn AS (
    SELECT person_id, at, seq, is_key AS starts FROM change WHERE was_key <> is_key
), ended AS (
    SELECT t.person_id, t.at AS ended_at,
           (SELECT max(s.at) FROM turn s WHERE s.person_id = t.person_id AND s.starts AND s.seq < t.seq
              AND NOT EXISTS (SELECT 1 FROM turn x WHERE x.person_id = t.person_id AND NOT x.starts
                              AND x.seq > s.seq AND x.seq < t.seq)) AS started_at
    FROM turn t WHERE NOT t.starts
)
INSERT INTO key_person_spell (person_id, started_at, ended_at)
SELECT e.person_id, least(coalesce(e.started_at, p.created_at), e.ended_at), e.ended_at
FROM ended e JOIN person p ON p.id = e.person_id;

-- The figures find the spells of the persons visited in a period by person (key_person_spell_person).
