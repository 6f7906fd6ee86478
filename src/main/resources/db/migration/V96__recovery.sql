-- Stolen property recovered and returned (追赃挽损, seed 001: 破案必追、追赃必还). A recovery file per case sits in a
-- grid and so in the jurisdiction tree; it has an owning officer (谁主办、谁负责), the investigating department's
-- verification, victims with what each lost, suspects, assets traced, seized or frozen, returns to victims with a
-- signed receipt, collective return events (集中返赃) and revisits to victims. Money is in fen, never negative.
-- Nothing is returned that was not recovered: triggers check, under a lock of the file row, that per asset the
-- returns do not exceed its value, per victim they do not exceed his loss, and per file they do not exceed the value
-- of the assets recovered (seized, frozen or returned). The application checks the same first and says why.

CREATE TABLE recovery_file (
    id                  uuid PRIMARY KEY,
    code                text NOT NULL UNIQUE,
    case_number         text NOT NULL CHECK (length(case_number) BETWEEN 1 AND 64),
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary             text,
    grid_id             uuid NOT NULL REFERENCES grid (id),
    -- the incident (事项) the case came from, read through the incident module's public facts
    incident_id         uuid REFERENCES incident (id),
    incident_code       text,
    -- the day the case was registered (立案): its year is the year the rates count it in
    registered_on       date NOT NULL,
    -- 谁主办、谁负责: the officer who owns the file
    owner_staff_id      uuid NOT NULL REFERENCES staff (id),
    -- the investigating department's verification (刑侦, 经侦, 网安)
    verify_department   text CHECK (verify_department IN ('CRIMINAL', 'ECONOMIC', 'CYBER')),
    verifier_name       text,
    verified_on         date,
    verification_result text,
    status              text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    opened_at           timestamptz NOT NULL DEFAULT now(),
    opened_by           uuid REFERENCES staff (id),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint NOT NULL DEFAULT 0,
    CHECK ((verify_department IS NULL) = (verified_on IS NULL)),
    CHECK (verify_department IS NULL OR (verifier_name IS NOT NULL AND verification_result IS NOT NULL))
);
CREATE INDEX recovery_file_grid ON recovery_file (grid_id, registered_on DESC);
CREATE INDEX recovery_file_registered ON recovery_file (registered_on);
CREATE INDEX recovery_file_incident ON recovery_file (incident_id);
CREATE INDEX recovery_file_owner ON recovery_file (owner_staff_id);
CREATE INDEX recovery_file_opened_by ON recovery_file (opened_by);

-- A victim: a person of the population records (person_id, name copied) or named here with a phone stored
-- encrypted and a masked copy, like a mediation party.
CREATE TABLE recovery_victim (
    id           uuid PRIMARY KEY,
    file_id      uuid NOT NULL REFERENCES recovery_file (id) ON DELETE CASCADE,
    person_id    uuid REFERENCES person (id),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    phone        bytea,
    phone_masked text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (file_id, person_id)
);
CREATE INDEX recovery_victim_file ON recovery_victim (file_id);
CREATE INDEX recovery_victim_person ON recovery_victim (person_id);

-- What a victim lost: items (description, quantity) and their amount in fen.
CREATE TABLE recovery_loss (
    id          uuid PRIMARY KEY,
    file_id     uuid NOT NULL REFERENCES recovery_file (id) ON DELETE CASCADE,
    victim_id   uuid NOT NULL REFERENCES recovery_victim (id) ON DELETE CASCADE,
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    quantity    int NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    amount_fen  bigint NOT NULL CHECK (amount_fen >= 0)
);
CREATE INDEX recovery_loss_victim ON recovery_loss (victim_id);
CREATE INDEX recovery_loss_file ON recovery_loss (file_id);

-- A suspect, named; an identity number only encrypted with a masked copy (revealing it is audited).
CREATE TABLE recovery_suspect (
    id         uuid PRIMARY KEY,
    file_id    uuid NOT NULL REFERENCES recovery_file (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    id_cipher  bytea,
    id_masked  text,
    caught_on  date,
    note       text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX recovery_suspect_file ON recovery_suspect (file_id);

-- An asset traced, then seized or frozen, then returned (to victims) or confiscated.
CREATE TABLE recovery_asset (
    id          uuid PRIMARY KEY,
    file_id     uuid NOT NULL REFERENCES recovery_file (id) ON DELETE CASCADE,
    suspect_id  uuid REFERENCES recovery_suspect (id),
    kind        text NOT NULL CHECK (kind IN ('CASH', 'BANK_DEPOSIT', 'VEHICLE', 'GOODS', 'JEWELLERY', 'PHONE', 'OTHER')),
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    value_fen   bigint NOT NULL CHECK (value_fen >= 0),
    held_at     text,
    state       text NOT NULL CHECK (state IN ('TRACED', 'SEIZED', 'FROZEN', 'RETURNED', 'CONFISCATED')),
    traced_on   date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX recovery_asset_file ON recovery_asset (file_id);
CREATE INDEX recovery_asset_suspect ON recovery_asset (suspect_id);

-- Every state an asset went through: traced → seized/frozen → returned/confiscated.
CREATE TABLE recovery_asset_step (
    id         uuid PRIMARY KEY,
    asset_id   uuid NOT NULL REFERENCES recovery_asset (id) ON DELETE CASCADE,
    from_state text CHECK (from_state IN ('TRACED', 'SEIZED', 'FROZEN', 'RETURNED', 'CONFISCATED')),
    to_state   text NOT NULL CHECK (to_state IN ('TRACED', 'SEIZED', 'FROZEN', 'RETURNED', 'CONFISCATED')),
    on_day     date NOT NULL,
    note       text,
    by_staff   uuid REFERENCES staff (id),
    at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX recovery_asset_step_asset ON recovery_asset_step (asset_id, at);
CREATE INDEX recovery_asset_step_by ON recovery_asset_step (by_staff);

-- 集中返赃: one event (date, place, officer, victims present) with many returns, held by a unit (a station,
-- an office) for the files of its subtree.
CREATE TABLE recovery_return_event (
    id              uuid PRIMARY KEY,
    unit_id         uuid NOT NULL REFERENCES unit (id),
    held_on         date NOT NULL,
    place           text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    officer_staff_id uuid NOT NULL REFERENCES staff (id),
    victims_present text,
    note            text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by      uuid REFERENCES staff (id)
);
CREATE INDEX recovery_return_event_unit ON recovery_return_event (unit_id, held_on DESC);
CREATE INDEX recovery_return_event_officer ON recovery_return_event (officer_staff_id);
CREATE INDEX recovery_return_event_by ON recovery_return_event (created_by);

-- A return of (part of) an asset to a victim, with its receipt: printed to sign, then recorded as signed
-- (optionally with the signed scan, a PDF, JPEG or PNG).
CREATE TABLE recovery_return (
    id                 uuid PRIMARY KEY,
    file_id            uuid NOT NULL REFERENCES recovery_file (id) ON DELETE CASCADE,
    victim_id          uuid NOT NULL REFERENCES recovery_victim (id),
    asset_id           uuid NOT NULL REFERENCES recovery_asset (id),
    event_id           uuid REFERENCES recovery_return_event (id),
    amount_fen         bigint NOT NULL CHECK (amount_fen > 0),
    items              text,
    returned_on        date NOT NULL,
    returned_by        uuid NOT NULL REFERENCES staff (id),
    receipt_signed_on  date,
    receipt_recorded_by uuid REFERENCES staff (id),
    scan               bytea,
    scan_type          text CHECK (scan_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK ((scan IS NULL) = (scan_type IS NULL)),
    CHECK (scan IS NULL OR receipt_signed_on IS NOT NULL)
);
CREATE INDEX recovery_return_file ON recovery_return (file_id, returned_on);
CREATE INDEX recovery_return_victim ON recovery_return (victim_id);
CREATE INDEX recovery_return_asset ON recovery_return (asset_id);
CREATE INDEX recovery_return_event_returns ON recovery_return (event_id);
CREATE INDEX recovery_return_by ON recovery_return (returned_by);
CREATE INDEX recovery_return_recorded_by ON recovery_return (receipt_recorded_by);

-- 回访: a visit back to a victim, what he said and whether he is satisfied.
CREATE TABLE recovery_revisit (
    id          uuid PRIMARY KEY,
    file_id     uuid NOT NULL REFERENCES recovery_file (id) ON DELETE CASCADE,
    victim_id   uuid NOT NULL REFERENCES recovery_victim (id) ON DELETE CASCADE,
    visited_on  date NOT NULL,
    visited_by  uuid NOT NULL REFERENCES staff (id),
    said        text NOT NULL,
    satisfied   boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX recovery_revisit_file ON recovery_revisit (file_id, visited_on);
CREATE INDEX recovery_revisit_victim ON recovery_revisit (victim_id);
CREATE INDEX recovery_revisit_by ON recovery_revisit (visited_by);

-- The reconciliation of one file, checked after every change of its returns, assets or losses. It first locks
-- the file row, so two transactions changing the same file check one after the other (each statement of this
-- function sees what the other committed), and two concurrent returns can never together exceed.
CREATE FUNCTION recovery_reconcile(f uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    bad record;
    recovered bigint;
    returned bigint;
BEGIN
    PERFORM 1 FROM recovery_file WHERE id = f FOR UPDATE;
    SELECT a.id, a.value_fen, sum(r.amount_fen) AS returned INTO bad
      FROM recovery_asset a JOIN recovery_return r ON r.asset_id = a.id
     WHERE a.file_id = f GROUP BY a.id, a.value_fen HAVING sum(r.amount_fen) > a.value_fen LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'recovery_asset_returned_within_value: asset % returned % fen of a value of % fen', bad.id, bad.returned, bad.value_fen
            USING ERRCODE = 'check_violation', CONSTRAINT = 'recovery_asset_returned_within_value';
    END IF;
    SELECT v.id, (SELECT coalesce(sum(l.amount_fen), 0) FROM recovery_loss l WHERE l.victim_id = v.id) AS lost,
           sum(r.amount_fen) AS returned INTO bad
      FROM recovery_victim v JOIN recovery_return r ON r.victim_id = v.id
     WHERE v.file_id = f GROUP BY v.id
    HAVING sum(r.amount_fen) > (SELECT coalesce(sum(l.amount_fen), 0) FROM recovery_loss l WHERE l.victim_id = v.id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'recovery_victim_returned_within_loss: victim % got back % fen of a loss of % fen', bad.id, bad.returned, bad.lost
            USING ERRCODE = 'check_violation', CONSTRAINT = 'recovery_victim_returned_within_loss';
    END IF;
    SELECT coalesce(sum(value_fen), 0) INTO recovered FROM recovery_asset
     WHERE file_id = f AND state IN ('SEIZED', 'FROZEN', 'RETURNED');
    SELECT coalesce(sum(amount_fen), 0) INTO returned FROM recovery_return WHERE file_id = f;
    IF returned > recovered THEN
        RAISE EXCEPTION 'recovery_file_returned_within_recovered: file % returned % fen of % fen recovered', f, returned, recovered
            USING ERRCODE = 'check_violation', CONSTRAINT = 'recovery_file_returned_within_recovered';
    END IF;
    IF EXISTS (SELECT 1 FROM recovery_return r JOIN recovery_asset a ON a.id = r.asset_id
                WHERE r.file_id = f AND (a.file_id <> r.file_id OR a.state NOT IN ('SEIZED', 'FROZEN', 'RETURNED'))) THEN
        RAISE EXCEPTION 'recovery_return_from_recovered_asset: file % has a return from an asset not recovered for it', f
            USING ERRCODE = 'check_violation', CONSTRAINT = 'recovery_return_from_recovered_asset';
    END IF;
    IF EXISTS (SELECT 1 FROM recovery_return r JOIN recovery_victim v ON v.id = r.victim_id
                WHERE r.file_id = f AND v.file_id <> r.file_id) THEN
        RAISE EXCEPTION 'recovery_return_to_own_victim: file % has a return to a victim of another file', f
            USING ERRCODE = 'check_violation', CONSTRAINT = 'recovery_return_to_own_victim';
    END IF;
END $$;

CREATE FUNCTION recovery_reconcile_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM recovery_reconcile(OLD.file_id);
    ELSE
        PERFORM recovery_reconcile(NEW.file_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER recovery_return_reconciled AFTER INSERT OR UPDATE ON recovery_return
    FOR EACH ROW EXECUTE FUNCTION recovery_reconcile_trigger();
CREATE TRIGGER recovery_asset_reconciled AFTER UPDATE OR DELETE ON recovery_asset
    FOR EACH ROW EXECUTE FUNCTION recovery_reconcile_trigger();
CREATE TRIGGER recovery_loss_reconciled AFTER UPDATE OR DELETE ON recovery_loss
    FOR EACH ROW EXECUTE FUNCTION recovery_reconcile_trigger();
