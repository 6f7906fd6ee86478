-- Key persons and care (seed 002): the helper team of each key person (N帮一) with its history, the
-- audited history of risk levels, what a key-person visit recorded (who of the team came, the person's
-- state), the overdue periods already announced, and the care agreements of left-behind children.

-- One membership of one helper in a key person's team, from the day they joined until the day they
-- left (null: still in the team). A helper is a staff member (grid chief, grid manager, ...) or a named
-- person outside the system (family member, community doctor, volunteer, village cadre). Phones of
-- named helpers are encrypted like persons' phones, with a masked copy for pages.
CREATE TABLE helper_membership (
    id            uuid PRIMARY KEY,
    person_id     uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    staff_id      uuid REFERENCES staff (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    role          text NOT NULL CHECK (role IN ('GRID_CHIEF', 'GRID_MANAGER', 'GRID_MEMBER', 'FAMILY', 'DOCTOR',
                                                'VOLUNTEER', 'CADRE', 'INFORMANT', 'GUARDIAN', 'TEACHER', 'OTHER')),
    relation      text CHECK (length(relation) <= 64),
    phone_cipher  bytea,
    phone_masked  text,
    joined_on     date NOT NULL,
    left_on       date,
    left_reason   text CHECK (length(left_reason) <= 500),
    created_by    uuid REFERENCES staff (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX helper_membership_person ON helper_membership (person_id, left_on NULLS FIRST, joined_on);
-- a staff member is in a person's team once at a time
CREATE UNIQUE INDEX helper_membership_current_staff ON helper_membership (person_id, staff_id)
    WHERE left_on IS NULL AND staff_id IS NOT NULL;

-- Every change of a key person's risk level, with the reason given (the audit trail has it too).
CREATE TABLE risk_change (
    id          uuid PRIMARY KEY,
    person_id   uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    from_risk   text CHECK (from_risk IN ('HIGH', 'MEDIUM', 'LOW')),
    to_risk     text NOT NULL CHECK (to_risk IN ('HIGH', 'MEDIUM', 'LOW')),
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    changed_by  uuid REFERENCES staff (id),
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_change_person ON risk_change (person_id, changed_at DESC);

-- A visit that concerned a key person (or any person): the person's state and which team members came.
CREATE TABLE visit_person (
    visit_id    uuid NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    person_id   uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    state       text CHECK (state IN ('STABLE', 'UNSTABLE', 'ABSENT', 'LOST_CONTACT')),
    helper_ids  uuid[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (visit_id, person_id)
);
CREATE INDEX visit_person_person ON visit_person (person_id);
CREATE INDEX visit_household_time ON visit (household_id, visited_at DESC);

-- The overdue periods the sweep has announced: one row (and one KeyPersonVisitOverdue event) per key
-- person and period, a period being identified by the day the rhythm counts from (the last visit, or
-- the day the person became a key person when never visited).
CREATE TABLE overdue_notice (
    person_id    uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    counted_from date NOT NULL,
    due_on       date NOT NULL,
    grid_id      uuid NOT NULL REFERENCES grid (id),
    noticed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, counted_from)
);

-- Care agreements of left-behind children (三帮一 / 四帮一 帮扶协议): signed on a day, with the guardian,
-- where the parents are, and the day of the next review. Signing a new agreement ends the current one.
CREATE TABLE care_agreement (
    id                    uuid PRIMARY KEY,
    person_id             uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    signed_on             date NOT NULL,
    review_on             date NOT NULL,
    guardian_name         text NOT NULL CHECK (length(guardian_name) BETWEEN 1 AND 64),
    guardian_relation     text CHECK (length(guardian_relation) <= 64),
    guardian_phone_cipher bytea,
    guardian_phone_masked text,
    father_whereabouts    text CHECK (length(father_whereabouts) <= 200),
    mother_whereabouts    text CHECK (length(mother_whereabouts) <= 200),
    note                  text CHECK (length(note) <= 2000),
    ended_on              date,
    created_by            uuid REFERENCES staff (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (review_on > signed_on),
    CHECK (ended_on IS NULL OR ended_on >= signed_on)
);
CREATE UNIQUE INDEX care_agreement_current ON care_agreement (person_id) WHERE ended_on IS NULL;
CREATE INDEX care_agreement_person ON care_agreement (person_id, signed_on DESC);

-- The helpers named in an agreement, in the order written; the guardian is one of them.
CREATE TABLE care_helper (
    agreement_id  uuid NOT NULL REFERENCES care_agreement (id) ON DELETE CASCADE,
    position      int NOT NULL,
    staff_id      uuid REFERENCES staff (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    role          text NOT NULL CHECK (role IN ('GRID_CHIEF', 'GRID_MANAGER', 'GRID_MEMBER', 'FAMILY', 'DOCTOR',
                                                'VOLUNTEER', 'CADRE', 'INFORMANT', 'GUARDIAN', 'TEACHER', 'OTHER')),
    relation      text CHECK (length(relation) <= 64),
    phone_cipher  bytea,
    phone_masked  text,
    PRIMARY KEY (agreement_id, position)
);
