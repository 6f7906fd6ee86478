-- Which standard kinds each bureau has been given its copy of. V180 gave a bureau the whole template on its first
-- read and never looked again, so a standard kind added to the template later (by a migration, or by whoever keeps
-- the standard list) never reached a bureau that had its copies. Now a read gives the bureau every standard kind it
-- was never given, once: one it was given and retired since stays retired, and its own changes to the ones it has
-- (required or not, the count unit) stay as it made them.
CREATE TABLE supply_standard_offered (
    unit_id  uuid NOT NULL REFERENCES unit (id),
    code     text NOT NULL,
    PRIMARY KEY (unit_id, code)
);

-- what each bureau holds now it was given
INSERT INTO supply_standard_offered (unit_id, code)
SELECT unit_id, code FROM supply_kind WHERE builtin
ON CONFLICT DO NOTHING;
