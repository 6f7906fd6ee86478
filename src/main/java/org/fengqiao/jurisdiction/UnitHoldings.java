package org.fengqiao.jurisdiction;

/**
 * What another module keeps at a unit that the tree must know of before it retires the unit or counts what a unit
 * answers for: the staff working there (the account module) and the items still open there (the incident module).
 * The jurisdiction cannot ask those modules itself, as they depend on it; each answers here for its own records.
 */
public interface UnitHoldings {

    /** The active staff who work at the unit, or anywhere under it when {@code subtree}. */
    default long staff(Unit unit, boolean subtree) {
        return 0;
    }

    /** The open items the unit answers for itself (an unanswered incident it owns). */
    default long openItems(Unit unit) {
        return 0;
    }

    /**
     * The open items in these grids whose owner unit, or the person owning them, would no longer see them once the
     * grids lie under {@code targetPath}: an owner still sees them at or above the target, or under one of the
     * {@code movingPaths} (units moving along with the grids). A community is not handed over while one is left.
     */
    default long openItemsLeftBehind(java.util.List<java.util.UUID> grids, String targetPath,
            java.util.List<String> movingPaths) {
        return 0;
    }
}
