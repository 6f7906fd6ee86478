-- Door order with stored keys for the names of organisations and buildings and the numbers of rooms.
--
-- The organisations list (page and API) read by grid and name as text (10号摊位 before 2号摊位, and shops in the order
-- of their names rather than their doors); it now reads by grid, by the address's stored key (V143, V147) and then by
-- the name's key, so the shops of a street come door by door and the stalls of a market at one address 2号摊位,
-- 10号摊位, 十二号摊位.
--
-- The keys are stored because the lists that use them sort every row of the caller's scope (a county's bureau sees
-- all of them): natural_sort_key computed in the ORDER BY cost 190 to 390 ms over 29,000 organisations against 30 to
-- 45 ms with a stored key, and 45 ms over the demo's 3,230 rooms (building name and room number) against 2 ms with
-- plain text (EXPLAIN ANALYZE). The rentals, the verification tasks, the buildings of a scope, the households offered
-- to move into, a floor plan and a search of persons by address now read the building's and the room's stored keys
-- (V143 computed them as they sorted). PostgreSQL keeps them on every insert and update, the import's too (a few
-- µs a row). No index: each order starts with columns of other tables (the grid's code, the address's key), so no
-- index of these tables can give it; those lists sorted every row before too.
--
-- A later change of natural_sort_key recomputes these columns as V147 recomputed address.sort_key: dropped and added.
ALTER TABLE organisation ADD COLUMN sort_key text COLLATE "C" GENERATED ALWAYS AS (natural_sort_key(name)) STORED;
ALTER TABLE building ADD COLUMN sort_key text COLLATE "C" GENERATED ALWAYS AS (natural_sort_key(name)) STORED;
ALTER TABLE room ADD COLUMN sort_key text COLLATE "C" GENERATED ALWAYS AS (natural_sort_key(number)) STORED;
