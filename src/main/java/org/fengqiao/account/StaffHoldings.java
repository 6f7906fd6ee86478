package org.fengqiao.account;

import java.util.UUID;

/**
 * What another module keeps in a person's name that a transfer to another unit would leave out of his sight: his open
 * items (the incident module) and his places in key persons' helper teams (the population module). The account module
 * cannot ask those modules itself, as they depend on it; each answers here for its own records.
 */
public interface StaffHoldings {

    /** His open items (an unanswered incident he owns) that lie outside the subtree of {@code unitPath}. */
    default long openItemsOutside(UUID staff, String unitPath) {
        return 0;
    }

    /** His current places in a key person's helper team (N帮一) whose person lies outside the subtree of {@code unitPath}. */
    default long helperPlacesOutside(UUID staff, String unitPath) {
        return 0;
    }
}
