-- The community's own forces (群防群治, issue 5): teams of volunteers, informants, village police and
-- mediators, their profiles and trainings, security companies and their guards in joint-patrol zones
-- (grouping of kind JOINT_PATROL_ZONE), fixed posts and the shifts kept at them.
-- Every record hangs off a unit, so each query scopes through unit.path.

CREATE TABLE force_team (
    id         uuid PRIMARY KEY,
    unit_id    uuid NOT NULL REFERENCES unit (id),
    grid_id    uuid REFERENCES grid (id),
    kind       text NOT NULL CHECK (kind IN ('MEDIATION', 'INFORMATION', 'FIRE_PATROL', 'COMPOUND_PATROL',
                   'PUBLICITY', 'POST_VOLUNTEERS', 'FIVE_ELDERS', 'ACTIVISTS', 'VILLAGE_POLICE', 'MEDIATORS',
                   'INFORMANTS')),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    note       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    version    bigint NOT NULL DEFAULT 0,
    UNIQUE (unit_id, name)
);
CREATE INDEX force_team_unit ON force_team (unit_id);
CREATE INDEX force_team_grid ON force_team (grid_id);

-- A member's terms in a team: left_on NULL = in the team now; one open term per member and team.
CREATE TABLE force_team_member (
    id        uuid PRIMARY KEY,
    team_id   uuid NOT NULL REFERENCES force_team (id),
    staff_id  uuid NOT NULL REFERENCES staff (id),
    leader    boolean NOT NULL DEFAULT false,
    joined_on date NOT NULL,
    left_on   date,
    CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX force_team_member_team ON force_team_member (team_id);
CREATE INDEX force_team_member_staff ON force_team_member (staff_id);
CREATE UNIQUE INDEX force_team_member_open ON force_team_member (team_id, staff_id) WHERE left_on IS NULL;

CREATE TABLE security_company (
    id                    uuid PRIMARY KEY,
    unit_id               uuid NOT NULL REFERENCES unit (id),
    name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    licence_number        text NOT NULL,
    licence_valid_until   date NOT NULL,
    contact_name          text,
    contact_phone_cipher  bytea,
    contact_phone_masked  text,
    address               text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    version               bigint NOT NULL DEFAULT 0,
    UNIQUE (licence_number)
);
CREATE INDEX security_company_unit ON security_company (unit_id);
CREATE INDEX security_company_licence ON security_company (licence_valid_until);

CREATE TABLE security_company_zone (
    company_id  uuid NOT NULL REFERENCES security_company (id) ON DELETE CASCADE,
    grouping_id uuid NOT NULL REFERENCES grouping (id),
    PRIMARY KEY (company_id, grouping_id)
);
CREATE INDEX security_company_zone_grouping ON security_company_zone (grouping_id);

-- The roster side of a person who works: contact (encrypted, masked copy for lists), where, skills,
-- availability, status; an informant's handler; a guard's company and certificate.
CREATE TABLE force_member (
    staff_id       uuid PRIMARY KEY REFERENCES staff (id),
    grid_id        uuid REFERENCES grid (id),
    zone_id        uuid REFERENCES grouping (id),
    phone_cipher   bytea,
    phone_masked   text,
    skills         text[] NOT NULL DEFAULT '{}',
    availability   text,
    status         text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED', 'LEFT')),
    handler_id     uuid REFERENCES staff (id),
    company_id     uuid REFERENCES security_company (id),
    licence_number text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint NOT NULL DEFAULT 0
);
CREATE INDEX force_member_grid ON force_member (grid_id);
CREATE INDEX force_member_zone ON force_member (zone_id);
CREATE INDEX force_member_handler ON force_member (handler_id);
CREATE INDEX force_member_company ON force_member (company_id);

CREATE TABLE force_training (
    id         uuid PRIMARY KEY,
    staff_id   uuid NOT NULL REFERENCES staff (id),
    held_on    date NOT NULL,
    topic      text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
    hours      numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 1000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX force_training_staff ON force_training (staff_id);

-- Fixed posts (固定点, 平安护学岗) and the shifts kept at them. Patrol hours are the checked-in time.
CREATE TABLE force_post (
    id         uuid PRIMARY KEY,
    grid_id    uuid NOT NULL REFERENCES grid (id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    place      text,
    lon        double precision CHECK (lon BETWEEN -180 AND 180),
    lat        double precision CHECK (lat BETWEEN -90 AND 90),
    created_at timestamptz NOT NULL DEFAULT now(),
    version    bigint NOT NULL DEFAULT 0
);
CREATE INDEX force_post_grid ON force_post (grid_id);

CREATE TABLE force_shift (
    id             uuid PRIMARY KEY,
    post_id        uuid NOT NULL REFERENCES force_post (id),
    staff_id       uuid NOT NULL REFERENCES staff (id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    checked_in_at  timestamptz,
    checked_out_at timestamptz,
    created_by     uuid REFERENCES staff (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at))
);
CREATE INDEX force_shift_post ON force_shift (post_id, starts_at);
CREATE INDEX force_shift_staff ON force_shift (staff_id, starts_at);
