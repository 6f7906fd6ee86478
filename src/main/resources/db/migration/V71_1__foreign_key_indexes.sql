-- Every foreign key to a record that may be deleted has an index on its referencing column. Without one, PostgreSQL checks each
-- deleted or re-keyed address with a scan of the whole referencing table: removing the 33,000 addresses of a
-- mistaken import scanned the demo's 52,000 utility readings 33,000 times (minutes). The readings and
-- verification tasks of an address are also what its page lists.
CREATE INDEX utility_reading_address ON utility_reading (address_id) WHERE address_id IS NOT NULL;
CREATE INDEX utility_reading_room ON utility_reading (room_id) WHERE room_id IS NOT NULL;
CREATE INDEX verification_task_address ON verification_task (address_id);
CREATE INDEX building_address ON building (address_id);
CREATE INDEX organisation_address ON organisation (address_id);
CREATE INDEX visit_address ON visit (address_id) WHERE address_id IS NOT NULL;
-- The remaining keys without one (ForeignKeyIndexIntegrationTests lists them).
CREATE INDEX grouping_community_community ON grouping_community (community_id);
CREATE INDEX overdue_notice_grid ON overdue_notice (grid_id);
CREATE INDEX verification_task_room ON verification_task (room_id) WHERE room_id IS NOT NULL;
CREATE INDEX verification_task_visit ON verification_task (visit_id) WHERE visit_id IS NOT NULL;
