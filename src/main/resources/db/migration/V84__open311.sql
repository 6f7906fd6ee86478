-- Open311 GeoReport v2 (issue 4): requests filed by Open311 clients become incidents of their own source,
-- and the API keys of the incident intake say what they are for.

-- A request filed through /open311/v2 is an incident like any other, routed and escalated the same way;
-- its source says where it came from, and only these are served back to the public GET requests.
ALTER TABLE incident DROP CONSTRAINT incident_source_check;
ALTER TABLE incident ADD CONSTRAINT incident_source_check
    CHECK (source IN ('CALL_110', 'FIELD', 'RESIDENT', 'INFORMANT', 'OPEN311'));

-- A key opens one door: the 110 centre's push (CALL_110) or the Open311 POST (OPEN311). Keys get an id
-- so the key page can revoke one without handling its hash, and record who made and revoked them.
ALTER TABLE incident_api_key ADD COLUMN id uuid;
UPDATE incident_api_key SET id = gen_random_uuid() WHERE id IS NULL;
ALTER TABLE incident_api_key ALTER COLUMN id SET NOT NULL;
ALTER TABLE incident_api_key ADD CONSTRAINT incident_api_key_id UNIQUE (id);
ALTER TABLE incident_api_key ADD COLUMN purpose text NOT NULL DEFAULT 'CALL_110'
    CHECK (purpose IN ('CALL_110', 'OPEN311'));
ALTER TABLE incident_api_key ADD COLUMN created_by uuid REFERENCES staff (id);
ALTER TABLE incident_api_key ADD COLUMN revoked_by uuid REFERENCES staff (id);
CREATE INDEX incident_api_key_created_by ON incident_api_key (created_by);
CREATE INDEX incident_api_key_revoked_by ON incident_api_key (revoked_by);

-- What an Open311 request carried beyond the incident: the service chosen, its attributes, the client's
-- own identifiers, the media link, and the token the request can also be looked up by. The e-mail is
-- encrypted like a phone; name and phone go to the incident (phone encrypted there).
CREATE TABLE open311_request (
    incident_id    uuid PRIMARY KEY REFERENCES incident (id) ON DELETE CASCADE,
    token          text NOT NULL UNIQUE,
    service_code   text NOT NULL,
    jurisdiction_id text,
    attributes     jsonb NOT NULL DEFAULT '{}'::jsonb,
    email          bytea,
    device_id      text,
    account_id     text,
    media_url      text,
    address_id     uuid,
    -- the reporter's own words as sent (the incident's description adds the attributes' answers)
    description    text,
    api_key_id     uuid NOT NULL REFERENCES incident_api_key (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX open311_request_api_key ON open311_request (api_key_id);
-- GET requests lists the Open311 requests newest first, by time and service.
CREATE INDEX incident_open311_received ON incident (received_at DESC) WHERE source = 'OPEN311';
