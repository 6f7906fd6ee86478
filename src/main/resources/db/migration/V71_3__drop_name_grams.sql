-- Nothing has read person.name_grams since V58 (name fragments come from name_bigram); every insert still
-- computed, encoded, parsed and stored the array, some 40 bytes a person.
ALTER TABLE person DROP COLUMN name_grams;
