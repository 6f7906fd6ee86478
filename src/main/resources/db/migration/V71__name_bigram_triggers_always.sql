-- The name_bigram triggers fire in every session_replication_role. A large import writes its rows with
-- session_replication_role = replica, having checked and locked the grids, households and addresses they
-- refer to once per key instead of by a foreign-key trigger per row (PersonImport.setBasedReferences);
-- in that role PostgreSQL fires only triggers enabled ALWAYS, and the dictionary of name fragments must
-- still learn every new name. Before this, the import saw a trigger it could not account for and went
-- back to the per-row checks, which doubled what PostgreSQL spent on a million persons.
ALTER TABLE person ENABLE ALWAYS TRIGGER person_name_bigram_insert;
ALTER TABLE person ENABLE ALWAYS TRIGGER person_name_bigram_rename;
