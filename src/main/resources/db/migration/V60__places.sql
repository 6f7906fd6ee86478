-- 三实 beside the addresses (一标): rental housing with landlord and tenants, and organisations
-- (实有单位: shops, firms, schools, hospitals, the nine small places) with owner, staff and their
-- fire-safety inspections. Every record sits in a grid and takes its scope from the grid's unit.

-- Address search by a fragment of its one-line text, scoped by grid.
CREATE INDEX IF NOT EXISTS address_grid_text ON address (grid_id, full_text);

-- 出租房屋: a room of a building, or an address without a floor plan, let by a landlord who is
-- either a person of the population records or named with a phone (encrypted like a person's,
-- with a blind index and a masked copy). A rental is active while its contract has not ended.
CREATE TABLE rental (
    id                     uuid PRIMARY KEY,
    grid_id                uuid NOT NULL REFERENCES grid (id),
    room_id                uuid REFERENCES room (id),
    address_id             uuid REFERENCES address (id),
    landlord_person_id     uuid REFERENCES person (id),
    landlord_name          text CHECK (length(landlord_name) BETWEEN 1 AND 64),
    landlord_phone_cipher  bytea,
    landlord_phone_index   text,
    landlord_phone_masked  text,
    purpose                text NOT NULL CHECK (purpose IN ('RESIDENCE', 'DORMITORY', 'SHOP', 'OFFICE', 'WAREHOUSE',
                                                            'PRODUCTION', 'OTHER')),
    contract_from          date,
    contract_to            date,
    police_registered_on   date,
    note                   text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                bigint NOT NULL DEFAULT 0,
    CHECK (room_id IS NOT NULL OR address_id IS NOT NULL),
    CHECK (landlord_person_id IS NOT NULL OR landlord_name IS NOT NULL),
    CHECK (contract_to IS NULL OR contract_from IS NULL OR contract_to >= contract_from)
);
CREATE INDEX rental_grid ON rental (grid_id);
CREATE INDEX rental_room ON rental (room_id);
CREATE INDEX rental_address ON rental (address_id);
CREATE INDEX rental_landlord ON rental (landlord_person_id);
CREATE INDEX rental_landlord_phone ON rental (landlord_phone_index);

-- A tenant of a rental from one day to another (open while to_on is null); a person holds at
-- most one open tenancy in the same rental.
CREATE TABLE rental_tenant (
    id          uuid PRIMARY KEY,
    rental_id   uuid NOT NULL REFERENCES rental (id) ON DELETE CASCADE,
    person_id   uuid NOT NULL REFERENCES person (id),
    from_on     date NOT NULL,
    to_on       date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE INDEX rental_tenant_rental ON rental_tenant (rental_id);
CREATE INDEX rental_tenant_person ON rental_tenant (person_id);
CREATE UNIQUE INDEX rental_tenant_open ON rental_tenant (rental_id, person_id) WHERE to_on IS NULL;

-- 实有单位. kind is what it is (门市房 shop, firm, school, hospital, other); small_place marks one
-- of the nine small places (九小场所). licence_no is the unified social credit code (GB 32100) or
-- an old 15-digit registration number. The phone is encrypted like a person's: a small shop's
-- phone is its owner's mobile.
CREATE TABLE organisation (
    id              uuid PRIMARY KEY,
    grid_id         uuid NOT NULL REFERENCES grid (id),
    address_id      uuid REFERENCES address (id),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind            text NOT NULL CHECK (kind IN ('SHOP', 'FIRM', 'SCHOOL', 'HOSPITAL', 'OTHER')),
    small_place     text CHECK (small_place IN ('STORE', 'EATERY', 'HOTEL', 'INTERNET_CAFE', 'BEAUTY_BATH',
                                                'SINGING_DANCING', 'SCHOOL_KINDERGARTEN', 'CLINIC', 'WORKSHOP')),
    business        text,
    licence_no      text UNIQUE,
    phone_cipher    bytea,
    phone_index     text,
    phone_masked    text,
    owner_person_id uuid REFERENCES person (id),
    note            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         bigint NOT NULL DEFAULT 0,
    UNIQUE (grid_id, name)
);
CREATE INDEX organisation_kind ON organisation (kind, small_place);
CREATE INDEX organisation_owner ON organisation (owner_person_id);
CREATE INDEX organisation_name_trgm ON organisation USING gin (name gin_trgm_ops);

-- Staff of an organisation (persons with their role), from one day, until another.
CREATE TABLE organisation_staff (
    id               uuid PRIMARY KEY,
    organisation_id  uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    person_id        uuid NOT NULL REFERENCES person (id),
    role             text NOT NULL CHECK (role IN ('LEGAL_REPRESENTATIVE', 'MANAGER', 'FIRE_SAFETY', 'SECURITY',
                                                   'EMPLOYEE')),
    from_on          date,
    to_on            date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (to_on IS NULL OR from_on IS NULL OR to_on >= from_on)
);
CREATE INDEX organisation_staff_org ON organisation_staff (organisation_id);
CREATE INDEX organisation_staff_person ON organisation_staff (person_id);
CREATE UNIQUE INDEX organisation_staff_open ON organisation_staff (organisation_id, person_id, role) WHERE to_on IS NULL;

-- Fire-safety inspections (消防安全检查). hazards empty means none found; a hazard found has a
-- rectification deadline and is open until rectified_on. The state of a place is derived
-- (population.internal.FireSafety): overdue, hazard open, compliant, or not inspected yet.
CREATE TABLE fire_inspection (
    id               uuid PRIMARY KEY,
    organisation_id  uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    inspected_on     date NOT NULL,
    inspector        text NOT NULL CHECK (length(inspector) BETWEEN 1 AND 100),
    findings         text,
    hazards          text,
    rectify_by       date,
    rectified_on     date,
    recorded_by      uuid REFERENCES staff (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (hazards IS NOT NULL OR (rectify_by IS NULL AND rectified_on IS NULL)),
    CHECK (hazards IS NULL OR rectify_by IS NOT NULL),
    CHECK (rectify_by IS NULL OR rectify_by >= inspected_on),
    CHECK (rectified_on IS NULL OR rectified_on >= inspected_on)
);
CREATE INDEX fire_inspection_org ON fire_inspection (organisation_id, inspected_on DESC);
CREATE INDEX fire_inspection_open ON fire_inspection (organisation_id, rectify_by) WHERE hazards IS NOT NULL AND rectified_on IS NULL;
