-- The work figures (/figures) count, for a period and the period a year before, the persons, households and standard
-- addresses entered in it, the floating residents registered in it and the contact cards handed over in it. Without
-- these each count read the whole table: at the bench's million persons the population figures took 0.75 s for a
-- period with nothing in it, twice per page view, and more at a province's size.
-- created_at grows with the order rows are written in, so a BRIN index (a few pages, next to nothing to keep up on an
-- import) finds a period's rows; the registration day and the contact card's day are not in that order, and are kept
-- in B-trees holding only the rows they are about.
CREATE INDEX person_created_brin ON person USING brin (created_at);
CREATE INDEX household_created_brin ON household USING brin (created_at);
CREATE INDEX address_created_brin ON address USING brin (created_at);
CREATE INDEX person_floating_registered ON person (registered_on) WHERE residence = 'FLOATING';
CREATE INDEX household_contact_card ON household (contact_card_on) WHERE contact_card_on IS NOT NULL;
