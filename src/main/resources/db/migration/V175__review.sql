-- 群众监督、群众评议 (seed 004): residents review their village or community officer from a public page reached by the
-- QR code on his card. One card per officer and community (its code is the stable public link); one review per
-- device, officer and month; a station chief may hide a comment (with a reason, audited), never delete it.

CREATE TABLE review_card (
    id           uuid PRIMARY KEY,
    code         text NOT NULL UNIQUE,
    officer_id   uuid NOT NULL REFERENCES staff (id),
    community_id uuid NOT NULL REFERENCES community (id),
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    UNIQUE (officer_id, community_id)
);

CREATE TABLE review (
    id                  uuid PRIMARY KEY,
    card_id             uuid NOT NULL REFERENCES review_card (id),
    officer_id          uuid NOT NULL REFERENCES staff (id),
    community_id        uuid NOT NULL REFERENCES community (id),
    -- the community's unit when the review was given: the review is read in that unit's subtree
    unit_id             uuid NOT NULL REFERENCES unit (id),
    -- the first day of the month (China Standard Time) the review counts in
    month               date NOT NULL CHECK (extract(day FROM month) = 1),
    submitted_at        timestamptz NOT NULL,
    knows               boolean NOT NULL,
    seen                boolean NOT NULL,
    matter              text NOT NULL CHECK (matter IN ('NONE', 'HANDLED', 'UNFINISHED', 'IGNORED')),
    score               smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment             text CHECK (length(comment) <= 500),
    comment_hidden_at   timestamptz,
    comment_hidden_by   text,
    comment_hidden_reason text,
    -- keyed blind indexes of the device's cookie and the network address: never the values themselves
    device_key          text NOT NULL,
    address_key         text NOT NULL,
    UNIQUE (officer_id, month, device_key),
    CHECK ((comment_hidden_at IS NULL) = (comment_hidden_reason IS NULL))
);
CREATE INDEX review_unit_month ON review (unit_id, month);
CREATE INDEX review_officer_month ON review (officer_id, month);
CREATE INDEX review_address_recent ON review (address_key, submitted_at);

-- A low result notified once per officer, community and month.
CREATE TABLE review_alert (
    id           uuid PRIMARY KEY,
    officer_id   uuid NOT NULL REFERENCES staff (id),
    community_id uuid NOT NULL REFERENCES community (id),
    month        date NOT NULL,
    reasons      text NOT NULL,
    raised_at    timestamptz NOT NULL,
    UNIQUE (officer_id, community_id, month)
);

-- The station chief hears of a low result in his inbox. The kind is added to whatever kinds the constraint allows now
-- (V172's inbox_allow_kinds), so that the kinds other migrations added stay allowed whatever order they ran in.
SELECT inbox_allow_kinds('REVIEW_RESULT_LOW');

-- a card's, a community's reviews are found when the card or community is deleted (ForeignKeyIndexIntegrationTests)
CREATE INDEX review_by_card ON review (card_id);
CREATE INDEX review_by_community ON review (community_id);
CREATE INDEX review_alert_by_community ON review_alert (community_id);
CREATE INDEX review_card_by_community ON review_card (community_id);
