-- A household carries its address's text (address_text), kept in step by the triggers below, so a page of persons
-- shows each one's address with one look-up of the household instead of two (household, then address): about a
-- quarter of what a two-character name search costs PostgreSQL at a million persons went to those look-ups
-- (bench/README.md, thirty-sixth session). address.full_text stays the one place the text is written.
ALTER TABLE household ADD COLUMN address_text text;
UPDATE household h SET address_text = a.full_text FROM address a WHERE a.id = h.address_id;

-- The household's text, read from its address under FOR SHARE: that lock conflicts with an UPDATE of the address,
-- so a rename not yet committed is waited for and then read (READ COMMITTED reads the newest version of a row it
-- waited for; without the lock the old text was read, and the rename's trigger could not see this household), and
-- one not yet begun waits for this transaction and then finds the household (address_text_to_households).
CREATE FUNCTION household_address_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.address_id IS NULL THEN
        NEW.address_text := NULL;
    ELSE
        SELECT a.full_text INTO NEW.address_text FROM address a WHERE a.id = NEW.address_id FOR SHARE;
    END IF;
    RETURN NEW;
END $$;

-- An insert may give the text itself only for an address it made in the same transaction (the persons import does,
-- for the addresses of its batch: nobody else can rename those before it commits); otherwise it is looked up.
CREATE TRIGGER household_address_text_insert BEFORE INSERT ON household FOR EACH ROW
    WHEN (NEW.address_text IS NULL AND NEW.address_id IS NOT NULL) EXECUTE FUNCTION household_address_text();
-- Any change of the address or of the text itself reads the text again: nothing else can set it.
CREATE TRIGGER household_address_text_update BEFORE UPDATE OF address_id, address_text ON household FOR EACH ROW
    WHEN (NEW.address_id IS DISTINCT FROM OLD.address_id OR NEW.address_text IS DISTINCT FROM OLD.address_text)
    EXECUTE FUNCTION household_address_text();

CREATE FUNCTION address_text_to_households() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE household SET address_text = NEW.full_text WHERE address_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER address_text_to_households AFTER UPDATE OF full_text ON address FOR EACH ROW
    WHEN (NEW.full_text IS DISTINCT FROM OLD.full_text) EXECUTE FUNCTION address_text_to_households();

-- Enabled ALWAYS: they fire under session_replication_role = replica too, in which the persons import writes its
-- rows once it has checked their references itself (PersonImport.setBasedReferences counts on it).
ALTER TABLE household ENABLE ALWAYS TRIGGER household_address_text_insert;
ALTER TABLE household ENABLE ALWAYS TRIGGER household_address_text_update;
ALTER TABLE address ENABLE ALWAYS TRIGGER address_text_to_households;
