-- 一标三实: standard addresses, real housing, real population. Every record sits in a grid and
-- takes the grid's place in the jurisdiction tree (grid -> unit -> path) as its scope.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Standard addresses after GA/T 2000.32: division, township, community, village group, street,
-- door number, compound, building, unit, floor, room. full_text is the address as one line and
-- its identity: importing the same address twice finds the same row.
CREATE TABLE address (
    id            uuid PRIMARY KEY,
    grid_id       uuid NOT NULL REFERENCES grid (id),
    county_code   text CHECK (county_code ~ '^[0-9]{6}$'),
    township_code text CHECK (township_code ~ '^[0-9]{12}$'),
    province      text,
    city          text,
    county        text,
    township      text,
    community     text,
    village_group text,
    street        text,
    door_number   text,
    compound      text,
    building      text,
    unit_no       text,
    floor         text,
    room          text,
    full_text     text NOT NULL UNIQUE,
    lon           double precision CHECK (lon BETWEEN 73 AND 136),
    lat           double precision CHECK (lat BETWEEN 3 AND 54),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint NOT NULL DEFAULT 0
);
CREATE INDEX address_grid ON address (grid_id);
CREATE INDEX address_text_trgm ON address USING gin (full_text gin_trgm_ops);

-- A building and its floor plan (居民信息平面图): floors x units x rooms per floor.
CREATE TABLE building (
    id              uuid PRIMARY KEY,
    grid_id         uuid NOT NULL REFERENCES grid (id),
    address_id      uuid REFERENCES address (id),
    name            text NOT NULL,
    floors          int NOT NULL CHECK (floors BETWEEN 1 AND 200),
    units           int NOT NULL CHECK (units BETWEEN 1 AND 50),
    rooms_per_floor int NOT NULL CHECK (rooms_per_floor BETWEEN 1 AND 50),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         bigint NOT NULL DEFAULT 0,
    UNIQUE (grid_id, name)
);
CREATE INDEX building_grid ON building (grid_id);

CREATE TABLE room (
    id          uuid PRIMARY KEY,
    building_id uuid NOT NULL REFERENCES building (id),
    unit_no     int NOT NULL CHECK (unit_no >= 1),
    floor       int NOT NULL,
    number      text NOT NULL,
    address_id  uuid REFERENCES address (id),
    vacant      boolean NOT NULL DEFAULT false,
    rental      boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0,
    UNIQUE (building_id, unit_no, floor, number)
);
CREATE INDEX room_address ON room (address_id);

-- Households (户): one register per household (一户一册). A trusted household (放心户) only
-- records changes; contact_card_on is the day the officer's contact card was handed over.
CREATE TABLE household (
    id               uuid PRIMARY KEY,
    grid_id          uuid NOT NULL REFERENCES grid (id),
    address_id       uuid REFERENCES address (id),
    room_id          uuid REFERENCES room (id),
    number           text UNIQUE,
    trusted          boolean NOT NULL DEFAULT false,
    in_difficulty    boolean NOT NULL DEFAULT false,
    contact_card_on  date,
    note             text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 0
);
CREATE INDEX household_grid ON household (grid_id);
CREATE INDEX household_room ON household (room_id);
CREATE INDEX household_address ON household (address_id);

-- Persons (实有人口). Identity number and phone are stored encrypted (AES-GCM) with keyed blind
-- indexes for exact search (whole number, its last 4 and last 6 digits, phone) and a masked form
-- for lists. name_grams holds every two-character substring of the name (GIN: a two-character
-- fragment is one containment query); name_initials the pinyin initials (张三 -> zs).
CREATE TABLE person (
    id             uuid PRIMARY KEY,
    grid_id        uuid NOT NULL REFERENCES grid (id),
    household_id   uuid REFERENCES household (id),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    name_grams     text[] NOT NULL,
    name_initials  text NOT NULL,
    name_pinyin    text NOT NULL,
    id_cipher      bytea,
    id_index       text UNIQUE,
    id_last4       text,
    id_last6       text,
    id_masked      text,
    phone_cipher   bytea,
    phone_index    text,
    phone_masked   text,
    sex            text CHECK (sex IN ('MALE', 'FEMALE')),
    birth_date     date,
    ethnicity      text CHECK (ethnicity ~ '^[0-9]{2}$'),
    relation       text CHECK (relation IN ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT',
                                            'SIBLING', 'CHILD_IN_LAW', 'OTHER_RELATIVE', 'NON_RELATIVE')),
    residence      text NOT NULL CHECK (residence IN ('PERMANENT', 'FLOATING', 'LEFT')),
    registered_on  date,
    left_on        date,
    occupation     text,
    workplace      text,
    note           text,
    -- SHA-256 of everything written, in the clear: an import row that changes nothing is seen as such
    content_hash   text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint NOT NULL DEFAULT 0,
    CHECK (residence <> 'FLOATING' OR registered_on IS NOT NULL)
);
CREATE INDEX person_grid ON person (grid_id);
CREATE INDEX person_household ON person (household_id);
CREATE INDEX person_name_grams ON person USING gin (name_grams);
CREATE INDEX person_initials ON person (name_initials text_pattern_ops);
CREATE INDEX person_pinyin ON person (name_pinyin text_pattern_ops);
CREATE INDEX person_id_last4 ON person (id_last4);
CREATE INDEX person_id_last6 ON person (id_last6);
CREATE INDEX person_phone ON person (phone_index);

-- Categories of a person: key person with its sub-type and risk level (drug-involved, mentally
-- ill with incidents, stability-related, ex-offender, other), left-behind child, elderly living
-- alone, in difficulty.
CREATE TABLE person_category (
    person_id  uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    category   text NOT NULL CHECK (category IN ('KEY_PERSON', 'LEFT_BEHIND_CHILD', 'ELDERLY_ALONE', 'IN_DIFFICULTY')),
    subtype    text CHECK (subtype IN ('DRUG', 'MENTAL', 'STABILITY', 'EX_OFFENDER', 'OTHER')),
    risk       text CHECK (risk IN ('HIGH', 'MEDIUM', 'LOW')),
    since      date,
    note       text,
    PRIMARY KEY (person_id, category),
    CHECK ((category = 'KEY_PERSON') = (subtype IS NOT NULL))
);
CREATE INDEX person_category_kind ON person_category (category, subtype);

-- Door-to-door visits (走访) with their findings; changes made during a visit carry its id.
CREATE TABLE visit (
    id            uuid PRIMARY KEY,
    grid_id       uuid NOT NULL REFERENCES grid (id),
    household_id  uuid REFERENCES household (id),
    address_id    uuid REFERENCES address (id),
    visited_by    uuid NOT NULL REFERENCES staff (id),
    visited_at    timestamptz NOT NULL,
    findings      text,
    contact_card  boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_household ON visit (household_id);
CREATE INDEX visit_grid_time ON visit (grid_id, visited_at);

CREATE TABLE visit_change (
    visit_id     uuid NOT NULL REFERENCES visit (id),
    record_type  text NOT NULL,
    record_id    uuid NOT NULL,
    summary      text NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_change_visit ON visit_change (visit_id);
