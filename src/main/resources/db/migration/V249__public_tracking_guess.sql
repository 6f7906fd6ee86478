-- Look-ups of the public tracking page (查询办理进度) that named no report, counted per sending network address and
-- second, so that one address cannot try tracking codes without end: every instance of the application shares the
-- count and a restart forgets nothing. The address is kept only as a keyed blind index (HMAC), never in the clear;
-- a look-up is counted before it is made and given back when it found its report, so concurrent guesses cannot pass
-- the share. Rows older than the window are deleted by a sweep.
CREATE TABLE public_tracking_guess (
    address_key  text        NOT NULL,
    second       timestamptz NOT NULL,
    count        integer     NOT NULL CHECK (count >= 0),
    PRIMARY KEY (address_key, second)
);
CREATE INDEX public_tracking_guess_second ON public_tracking_guess (second);
