-- Dispute mediation (矛盾纠纷调解, seeds 001, 003, 004): a case per dispute with its parties, its mediation team,
-- many sessions, and one end (an agreement to sign, a failure, or a referral) with follow-up visits; the level
-- where it was settled feeds the ladder 小事不出村、大事不出镇、矛盾不上交. Weekly screenings per grid (seed 000)
-- open cases for the disputes they find. Every row sits in a grid and so in the jurisdiction tree.

CREATE TABLE dispute_screening (
    id            uuid PRIMARY KEY,
    grid_id       uuid NOT NULL REFERENCES grid (id),
    -- the Monday of the week screened
    week_start    date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
    screened_on   date NOT NULL,
    screened_by   uuid REFERENCES staff (id),
    participants  text NOT NULL,
    findings      text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispute_screening_grid_week ON dispute_screening (grid_id, week_start);
CREATE INDEX dispute_screening_week ON dispute_screening (week_start);
CREATE INDEX dispute_screening_by ON dispute_screening (screened_by);

CREATE TABLE dispute_case (
    id               uuid PRIMARY KEY,
    code             text NOT NULL UNIQUE,
    origin           text NOT NULL CHECK (origin IN ('CALL_110', 'WALK_IN', 'PATROL', 'SCREENING')),
    kind             text NOT NULL CHECK (kind IN ('FAMILY', 'NEIGHBOURS', 'PROPERTY', 'LAND', 'CONSUMER', 'LABOUR',
                         'OTHER')),
    grid_id          uuid NOT NULL REFERENCES grid (id),
    summary          text NOT NULL,
    address          text,
    -- the 110 incident it came from (one case per incident), or the screening that found it
    incident_id      uuid UNIQUE REFERENCES incident (id),
    incident_code    text,
    screening_id     uuid REFERENCES dispute_screening (id),
    status           text NOT NULL CHECK (status IN ('OPEN', 'AGREED', 'FAILED', 'REFERRED')),
    -- 民转刑: at risk of turning violent; the station chief is told at once
    at_risk          boolean NOT NULL DEFAULT false,
    risk_note        text,
    risk_flagged_at  timestamptz,
    risk_flagged_by  uuid REFERENCES staff (id),
    -- the end: where it was settled (the ladder), the agreement, the referral
    settled_level    text CHECK (settled_level IN ('GRID', 'VILLAGE', 'STATION', 'COUNTY')),
    ended_at         timestamptz,
    ended_by         uuid REFERENCES staff (id),
    agreement_text   text,
    witness_staff_id uuid REFERENCES staff (id),
    referred_to      text CHECK (referred_to IN ('MEDIATION_COMMITTEE', 'COURT', 'DEPARTMENT')),
    referral_body    text,
    outcome_note     text,
    opened_at        timestamptz NOT NULL,
    opened_by        uuid REFERENCES staff (id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 0,
    CHECK ((status = 'OPEN') = (ended_at IS NULL)),
    CHECK (status <> 'AGREED' OR (agreement_text IS NOT NULL AND settled_level IS NOT NULL)),
    CHECK (status <> 'REFERRED' OR referred_to IS NOT NULL)
);
CREATE INDEX dispute_case_grid ON dispute_case (grid_id, opened_at DESC);
CREATE INDEX dispute_case_screening ON dispute_case (screening_id);
CREATE INDEX dispute_case_ended ON dispute_case (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX dispute_case_risk_by ON dispute_case (risk_flagged_by);
CREATE INDEX dispute_case_ended_by ON dispute_case (ended_by);
CREATE INDEX dispute_case_witness ON dispute_case (witness_staff_id);
CREATE INDEX dispute_case_opened_by ON dispute_case (opened_by);

-- The parties, named here (the population module offers no lookup to other modules); a phone is stored
-- encrypted with a masked copy, like a person's.
CREATE TABLE dispute_party (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES dispute_case (id) ON DELETE CASCADE,
    position     int NOT NULL,
    name         text NOT NULL,
    phone        bytea,
    phone_masked text,
    UNIQUE (case_id, position)
);

-- The mediation team: officer + community mediator + social-work volunteer (seed 001), or officer + village
-- police (喻事好商量, seed 003).
CREATE TABLE dispute_team (
    case_id  uuid NOT NULL REFERENCES dispute_case (id) ON DELETE CASCADE,
    staff_id uuid NOT NULL REFERENCES staff (id),
    role     text NOT NULL CHECK (role IN ('OFFICER', 'COMMUNITY_MEDIATOR', 'SOCIAL_WORK_VOLUNTEER', 'VILLAGE_POLICE')),
    PRIMARY KEY (case_id, staff_id)
);
CREATE INDEX dispute_team_staff ON dispute_team (staff_id);

CREATE TABLE dispute_session (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES dispute_case (id) ON DELETE CASCADE,
    held_on     date NOT NULL,
    place       text NOT NULL,
    attendees   text NOT NULL,
    said        text NOT NULL,
    next_step   text,
    recorded_by uuid REFERENCES staff (id),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispute_session_case ON dispute_session (case_id, held_on);
CREATE INDEX dispute_session_by ON dispute_session (recorded_by);

CREATE TABLE dispute_follow_up (
    id      uuid PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES dispute_case (id) ON DELETE CASCADE,
    due_on  date NOT NULL,
    done_on date,
    note    text
);
CREATE INDEX dispute_follow_up_case ON dispute_follow_up (case_id, due_on);
