-- Public submissions (the resident's page) counted per sending network address and minute, so that every
-- instance of the application shares one limit and a restart forgets nothing. The address is kept only as a
-- keyed blind index (HMAC), never in the clear; rows older than the hour are deleted by a sweep.
CREATE TABLE public_filing_count (
    address_key  text        NOT NULL,
    minute       timestamptz NOT NULL,
    count        integer     NOT NULL CHECK (count > 0),
    PRIMARY KEY (address_key, minute)
);
CREATE INDEX public_filing_count_minute ON public_filing_count (minute);
