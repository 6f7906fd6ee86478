-- The work figures count the floating residents registered in a period whether they are still here or have left
-- since (residence LEFT keeps the registration day): the partial index of V141 held only those still here, so the
-- count read the whole person table. The same index, holding both.
DROP INDEX person_floating_registered;
CREATE INDEX person_floating_registered ON person (registered_on) WHERE residence IN ('FLOATING', 'LEFT');
