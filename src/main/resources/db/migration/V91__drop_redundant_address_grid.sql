-- address_grid_text (grid_id, full_text), added with the places, leads with the grid and serves every lookup
-- address_grid served (the grid's addresses, the foreign key to grid). Each new address maintained both: one
-- index fewer on the table a large import fills a third of a million rows into.
DROP INDEX address_grid;
