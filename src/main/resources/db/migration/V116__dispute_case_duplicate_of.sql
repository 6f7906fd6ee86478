-- A mediation case ended because its 110 report was merged into another (status DUPLICATE) names that report here,
-- by its tracking code, instead of in a closing note written in Chinese: nobody wrote that note, so the pages say it
-- in the reader's language, and outcome_note keeps only what a person wrote. Cases ended so before keep their note;
-- the application reads the code out of it (Disputes.map).
ALTER TABLE dispute_case ADD COLUMN duplicate_of text;
