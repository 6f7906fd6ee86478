-- A building made smaller removes rooms only when nothing refers to them, a visit's record of a change to the room
-- among them (visit_change names its record by type and id, without a foreign key). This finds those records of the
-- rooms to be removed by the room, instead of reading every visit's changes for each room.
CREATE INDEX visit_change_room ON visit_change (record_id) WHERE record_type = 'room';
