-- What names the key identity numbers and phones are sealed under (an HMAC of a fixed text under a key derived from
-- it, which reveals nothing of the key): a start with another key is refused instead of storing data under two keys.
CREATE TABLE personal_data_key_check (
    id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    check_value text        NOT NULL,
    kept_at     timestamptz NOT NULL DEFAULT now()
);
