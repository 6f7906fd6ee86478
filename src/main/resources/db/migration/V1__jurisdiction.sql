-- The jurisdiction tree: bureau -> station -> central police office -> workstation -> work point.
-- path is the materialised path of ids ('/<bureau>/<station>/.../<self>/'), so everything under a
-- unit is one indexed prefix query: path LIKE '/<bureau>/<station>/%'.
CREATE TABLE unit (
    id            uuid PRIMARY KEY,
    parent_id     uuid REFERENCES unit (id),
    kind          text NOT NULL CHECK (kind IN ('BUREAU', 'STATION', 'CENTRAL_OFFICE', 'WORKSTATION', 'WORK_POINT')),
    code          text NOT NULL UNIQUE,
    name          text NOT NULL,
    division_code text CHECK (division_code ~ '^[0-9]{6}([0-9]{6})?$'),
    address       text,
    phone         text,
    path          text NOT NULL UNIQUE,
    depth         int  NOT NULL CHECK (depth >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint NOT NULL DEFAULT 0,
    CHECK ((parent_id IS NULL) = (kind = 'BUREAU'))
);
CREATE INDEX unit_path_prefix ON unit (path text_pattern_ops);
CREATE INDEX unit_parent ON unit (parent_id);

-- Communities and administrative villages, each answered for by one unit and one responsible
-- officer with two auxiliary members (一村一警, 一警两员). Staff ids point into the account module.
CREATE TABLE community (
    id                uuid PRIMARY KEY,
    unit_id           uuid NOT NULL REFERENCES unit (id),
    kind              text NOT NULL CHECK (kind IN ('COMMUNITY', 'VILLAGE')),
    code              text NOT NULL UNIQUE,
    name              text NOT NULL,
    division_code     text CHECK (division_code ~ '^[0-9]{12}$'),
    officer_id        uuid,
    patrol_member_id  uuid,
    security_member_id uuid,
    households        int CHECK (households >= 0),
    population        int CHECK (population >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint NOT NULL DEFAULT 0
);
CREATE INDEX community_unit ON community (unit_id);

-- Grids of the police network and of the networks merged with it (四网合一). A police grid keeps
-- the codes of the matching 综治, 城管 and 创城 grids so records can be exchanged.
-- boundary is a GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude; the bounding box
-- columns let a caller ask for the grids in view without parsing every boundary.
CREATE TABLE grid (
    id               uuid PRIMARY KEY,
    network          text NOT NULL DEFAULT 'POLICE' CHECK (network IN ('POLICE', 'COMPREHENSIVE', 'URBAN', 'CIVILIZATION')),
    code             text NOT NULL,
    name             text NOT NULL,
    community_id     uuid NOT NULL REFERENCES community (id),
    unit_id          uuid NOT NULL REFERENCES unit (id),
    boundary         jsonb NOT NULL,
    area_m2          double precision NOT NULL CHECK (area_m2 > 0),
    min_lon          double precision NOT NULL,
    min_lat          double precision NOT NULL,
    max_lon          double precision NOT NULL,
    max_lat          double precision NOT NULL,
    comprehensive_code text,
    urban_code       text,
    civilization_code text,
    households       int CHECK (households >= 0),
    population       int CHECK (population >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 0,
    UNIQUE (network, code)
);
CREATE INDEX grid_unit ON grid (unit_id);
CREATE INDEX grid_community ON grid (community_id);

-- Every change to the grids bumps this counter (one row), so each instance can tell cheaply
-- whether its in-memory spatial index is behind the database.
CREATE TABLE grid_revision (
    id       int PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL
);
INSERT INTO grid_revision VALUES (1, 0);

CREATE FUNCTION grid_touch_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE grid_revision SET revision = revision + 1 WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER grid_revision_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid
    FOR EACH STATEMENT EXECUTE FUNCTION grid_touch_revision();

-- Groupings that cut across the tree: police districts (警务区), cooperation zones (警务合作区,
-- communities whose officers cover for one another) and joint-patrol zones (联勤联防区).
CREATE TABLE grouping (
    id         uuid PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('POLICE_DISTRICT', 'COOPERATION_ZONE', 'JOINT_PATROL_ZONE')),
    code       text NOT NULL UNIQUE,
    name       text NOT NULL,
    unit_id    uuid NOT NULL REFERENCES unit (id),
    boundary   jsonb,
    note       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    version    bigint NOT NULL DEFAULT 0
);
CREATE INDEX grouping_unit ON grouping (unit_id);

CREATE TABLE grouping_community (
    grouping_id  uuid NOT NULL REFERENCES grouping (id) ON DELETE CASCADE,
    community_id uuid NOT NULL REFERENCES community (id),
    PRIMARY KEY (grouping_id, community_id)
);
