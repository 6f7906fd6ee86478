-- Keys that are only ever compared for equality, or ordered as code points anyway, compare byte by byte
-- ("C") instead of through the C library's locale. The blind indexes are hex digests; an address's text and
-- a household's number are identities whose order in lists is code point order (C.UTF-8) either way.
-- Each insert into these unique and random-order B-trees makes some twenty comparisons, and through the
-- locale each cost a string copy and strcoll: on a 300,000-person import PostgreSQL spent 78 µs of
-- processor time per person instead of 94 with the blind indexes alone changed (ImportExperiment).
-- Changing only the collation rebuilds the indexes and leaves the rows as they are.
ALTER TABLE person ALTER COLUMN id_index TYPE text COLLATE "C",
                   ALTER COLUMN id_last4 TYPE text COLLATE "C",
                   ALTER COLUMN id_last6 TYPE text COLLATE "C",
                   ALTER COLUMN phone_index TYPE text COLLATE "C";
ALTER TABLE address ALTER COLUMN full_text TYPE text COLLATE "C";
ALTER TABLE household ALTER COLUMN number TYPE text COLLATE "C";
