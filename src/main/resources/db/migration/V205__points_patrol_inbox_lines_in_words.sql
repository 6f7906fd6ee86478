-- V195 rewrote a patrol award's note from its raw English hours ("1.50 h") into words ("巡逻 1.5 小时") on the awards
-- and their ledger entries; the inbox entries that asked a grid chief to approve such an award copied the note as its
-- line when it was proposed and still read "1.50 h". They are rewritten the same way: only the entries of awards for
-- patrol shifts whose line has that form (a line that is a message key, or a note typed by hand, is left as it is).
UPDATE inbox_entry SET reason = '巡逻 ' || trim_scale(substring(reason FROM '^([0-9]+(\.[0-9]+)?) h$')::numeric) || ' 小时'
WHERE kind = 'POINTS_AWARD_PENDING' AND record_type = 'points_award' AND reason_is_key IS NOT TRUE
  AND reason ~ '^[0-9]+(\.[0-9]+)? h$'
  AND record_id IN (SELECT id FROM points_award WHERE source_type = 'force_shift');
