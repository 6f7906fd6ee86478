package org.fengqiao.population;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A person became a key person (重点人员), changed key-person type, or stopped being one: published in the transaction
 * that changed his categories (the person form, or a batch of a persons import), once per person whose key-person
 * standing changed, for the grid chief of his grid. Modules that keep an inbox or send reminders listen for it.
 *
 * @param person        the person
 * @param name          his name, as the grid chief's lists show it (never an identity number)
 * @param grid          his grid
 * @param gridName      the grid's name
 * @param unitPath      where the grid sits in the jurisdiction tree
 * @param before        his key-person type before, null when he was none
 * @param after         his key-person type now, null when he is none any more
 * @param firstVisitDue for a new key person, the last day of his first visit (he is visited at the rhythm of one not
 *                      assessed yet, counted from today); null otherwise
 * @param gridChiefs    the staff ids of the grid's current grid chiefs (网格长), usually one
 * @param importJob     the persons import that made the change, null when it was made by the person form
 * @param at            when
 */
public record KeyPersonDesignationChanged(PersonId person, String name, GridId grid, String gridName, String unitPath,
        KeyPersonType before, KeyPersonType after, LocalDate firstVisitDue, List<UUID> gridChiefs, UUID importJob,
        Instant at) {

    /** What happened to the person's key-person standing. */
    public enum Change {
        DESIGNATED, TYPE_CHANGED, ENDED
    }

    public Change change() {
        return before == null ? Change.DESIGNATED : after == null ? Change.ENDED : Change.TYPE_CHANGED;
    }

    /** The type the change is about: the new one, or for an end the one he had. */
    public KeyPersonType type() {
        return after != null ? after : before;
    }
}
