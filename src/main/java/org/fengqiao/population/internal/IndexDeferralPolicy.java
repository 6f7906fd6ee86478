package org.fengqiao.population.internal;

/**
 * Whether an import builds the secondary indexes of the tables it writes once at its end instead of inserting
 * every row into each of them (see {@link DeferredIndexes}). Inserting into a B-tree costs a descent to a random
 * leaf per row, and once an index outgrows the shared buffers a page read and a page write as well; building it
 * sorts the table once. So building is cheaper when the import brings at least as many persons as the table
 * holds: a county's first load, a test system filled from a file. For an import smaller than that, or smaller
 * than {@code minimumRows} (where the difference is seconds and searches would go without their indexes
 * meanwhile), the indexes are kept up row by row as always. Pure; the reason is for the log and the job's audit.
 */
public record IndexDeferralPolicy(long minimumRows) {

    public IndexDeferralPolicy {
        if (minimumRows < 1) {
            throw new IllegalArgumentException("minimumRows must be positive: " + minimumRows);
        }
    }

    public record Decision(boolean defer, String reason) {
    }

    /**
     * @param incomingRows the rows the file appears to hold
     * @param storedPersons the persons stored now (an estimate will do)
     * @param dryRun a dry run writes nothing
     */
    public Decision decide(long incomingRows, long storedPersons, boolean dryRun) {
        if (dryRun) {
            return new Decision(false, "a dry run writes nothing");
        }
        if (incomingRows < minimumRows) {
            return new Decision(false, incomingRows + " rows, fewer than " + minimumRows);
        }
        if (incomingRows < storedPersons) {
            return new Decision(false, incomingRows + " rows, fewer than the " + storedPersons + " persons stored");
        }
        return new Decision(true, incomingRows + " rows, at least " + minimumRows + " and at least the "
                + storedPersons + " persons stored");
    }
}
