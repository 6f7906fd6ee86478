-- People who work in the jurisdiction (police, auxiliaries, cadres, volunteers, informants ...),
-- with an optional login. unit_id is where they sit; their scope is that unit's subtree.
CREATE TABLE staff (
    id                  uuid PRIMARY KEY,
    unit_id             uuid NOT NULL REFERENCES unit (id),
    role                text NOT NULL CHECK (role IN ('BUREAU_COMMAND', 'STATION_CHIEF', 'COMMUNITY_OFFICER',
                            'AUXILIARY_POLICE', 'GRID_COORDINATOR', 'GRID_MEMBER', 'INFORMANT', 'VOLUNTEER',
                            'SECURITY_GUARD', 'MEDIATOR', 'INSPECTOR', 'SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN')),
    name                text NOT NULL,
    police_number       text UNIQUE,
    phone               text,
    title               text,
    active              boolean NOT NULL DEFAULT true,
    username            text UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,31}$'),
    password_hash       text,
    password_changed_at timestamptz,
    failed_logins       int NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    last_login_at       timestamptz,
    locale              text NOT NULL DEFAULT 'zh-CN',
    created_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint NOT NULL DEFAULT 0,
    CHECK ((username IS NULL) = (password_hash IS NULL))
);
CREATE INDEX staff_unit ON staff (unit_id);

-- The five-level grid roster of seed 002, kept with history: who held which role in which grid,
-- from when until when (ended_on NULL = holds it now).
CREATE TABLE grid_role (
    id          uuid PRIMARY KEY,
    grid_id     uuid NOT NULL REFERENCES grid (id),
    staff_id    uuid NOT NULL REFERENCES staff (id),
    role        text NOT NULL CHECK (role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER', 'MEMBER', 'INFORMANT')),
    started_on  date NOT NULL,
    ended_on    date,
    assigned_by uuid REFERENCES staff (id),
    note        text,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX grid_role_grid ON grid_role (grid_id);
CREATE INDEX grid_role_staff ON grid_role (staff_id);
-- one grid chief, one coordinator and one manager at a time per grid
CREATE UNIQUE INDEX grid_role_single_holder ON grid_role (grid_id, role)
    WHERE ended_on IS NULL AND role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER');
CREATE UNIQUE INDEX grid_role_no_double ON grid_role (grid_id, staff_id, role) WHERE ended_on IS NULL;

-- Bearer tokens for API clients. Only a SHA-256 of the token is stored.
CREATE TABLE api_token (
    token_hash  text PRIMARY KEY,
    staff_id    uuid NOT NULL REFERENCES staff (id),
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX api_token_staff ON api_token (staff_id);

-- Exactly one instance runs each scheduled job (ShedLock).
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);
