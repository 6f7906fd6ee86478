-- The floor plan's 出租 now follows the registered rentals' contract dates at read time (a rental lets
-- its room from contract_from to contract_to). room.rental keeps only what an officer marks by hand for
-- a room without a registered rental. Marks written by registering a rental are cleared here, so a room
-- whose contract has ended stops showing 出租.
UPDATE room rm SET rental = false, updated_at = now(), version = rm.version + 1
WHERE rm.rental AND EXISTS (SELECT 1 FROM rental r WHERE r.room_id = rm.id);
