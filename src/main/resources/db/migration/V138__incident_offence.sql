-- The offence (案由) of a case (incident.Offence): set by the 110 centre's push, by staff filing a case, or on the
-- incident's page by the officer handling it (the step OFFENCE_SET on the timeline). The work figures count the
-- preventable ones (可防性案件) received in a period; incidents filed before stay unclassified (NULL), and the figures
-- count the cases still without one. Only a case has an offence, as only a case has a subtype.
ALTER TABLE incident ADD COLUMN offence text CHECK (offence IN ('BURGLARY', 'MOTOR_VEHICLE_THEFT',
    'NON_MOTOR_VEHICLE_THEFT', 'THEFT_FROM_VEHICLE', 'PICKPOCKETING', 'OTHER_THEFT', 'ROBBERY', 'SNATCHING',
    'TELECOM_FRAUD', 'OTHER_FRAUD', 'INTENTIONAL_INJURY', 'ASSAULT', 'PICKING_QUARRELS', 'PROPERTY_DAMAGE', 'GAMBLING',
    'DRUG_USE', 'DRUG_TRAFFICKING', 'PROSTITUTION', 'OTHER'));
ALTER TABLE incident ADD CONSTRAINT incident_offence_only_for_cases CHECK (category = 'CASE' OR offence IS NULL);

ALTER TABLE incident_event DROP CONSTRAINT incident_event_kind_check;
ALTER TABLE incident_event ADD CONSTRAINT incident_event_kind_check CHECK (kind IN ('RECEIVED', 'ROUTED',
    'ACKNOWLEDGED', 'DISPATCHED', 'ARRIVED', 'CHIEF_ARRIVED', 'RESOLVED', 'ANSWERED', 'ESCALATED', 'REFERRED',
    'MEDIATION', 'INFORMATION_ADDED', 'RATED', 'REOPENED', 'DUPLICATE_OFFERED', 'MERGED', 'MERGED_INTO', 'NOTE',
    'OFFENCE_SET'));
