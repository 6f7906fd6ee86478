-- The claimers of a claim the expiry sweep ended hear that the case went back to the board (HARD_CASE_EXPIRED), and
-- the co-claimers a lead claimer named hear that they were named (HARD_CASE_CO_CLAIMED).
SELECT inbox_allow_kinds('HARD_CASE_EXPIRED', 'HARD_CASE_CO_CLAIMED');
