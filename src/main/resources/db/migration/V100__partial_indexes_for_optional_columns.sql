-- Optional columns are indexed only where they hold a value: a person without a phone (a child, an elderly
-- resident) and a household in no building's room (most rural ones) added an entry of NULL to these indexes
-- that no search or reference check ever reads (both look rows up by a value, which implies NOT NULL).
DROP INDEX person_phone;
CREATE INDEX person_phone ON person (phone_index) WHERE phone_index IS NOT NULL;
DROP INDEX household_room;
CREATE INDEX household_room ON household (room_id) WHERE room_id IS NOT NULL;
