package org.fengqiao.population;

/** What a rental is let for: a home, a workers' dormitory, a shop, an office, a warehouse, production, other. */
public enum RentalPurpose {
    RESIDENCE, DORMITORY, SHOP, OFFICE, WAREHOUSE, PRODUCTION, OTHER
}
