-- Reviews of a left-behind child's care agreement (帮扶协议复查): on a day a member of staff checks the
-- agreement with the family, writes what he found and whether anything changed, and sets the next
-- review day. The agreement's review_on moves to that day; the rows keep the history, including the
-- review day the agreement had before (review_on_before), so a review can be read without the audit trail.
CREATE TABLE care_agreement_review (
    id                uuid PRIMARY KEY,
    agreement_id      uuid NOT NULL REFERENCES care_agreement (id) ON DELETE CASCADE,
    reviewed_on       date NOT NULL,
    findings          text NOT NULL CHECK (length(findings) BETWEEN 1 AND 2000),
    changed           boolean NOT NULL,
    review_on_before  date NOT NULL,
    next_review_on    date NOT NULL,
    reviewed_by       uuid REFERENCES staff (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (next_review_on > reviewed_on)
);
CREATE INDEX care_agreement_review_agreement ON care_agreement_review (agreement_id, reviewed_on DESC);
CREATE INDEX care_agreement_review_reviewed_by ON care_agreement_review (reviewed_by);
