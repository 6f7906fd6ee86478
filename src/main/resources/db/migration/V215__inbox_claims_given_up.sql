-- The co-claimers of a claim its lead claimer gave up hear that the case went back to the board (HARD_CASE_GIVEN_UP).
SELECT inbox_allow_kinds('HARD_CASE_GIVEN_UP');
