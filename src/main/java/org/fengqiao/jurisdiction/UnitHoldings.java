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
     * The open items in these grids, just handed with their community to {@code target}, whose owning unit or person
     * no longer sees them where they lie now: carried to the new unit's chain (re-owned there, by a named person) in
     * the hand-over's transaction, answering how many; throws what cannot be carried, rolling the hand-over back. The
     * grids as they lay before the hand-over, so that what is told of each item can say where it was.
     */
    default long carryOpenItems(java.util.List<Grid> before, Unit target) {
        return 0;
    }
}
