package org.fengqiao.forces;

import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;

/**
 * Who may know that a person is an informant (信息员, issue 4: "their identity visible only to their handler and the
 * station chief"): his handler, those who may know informants (the station chief's
 * {@code INCIDENT_INFORMANT_IDENTITY}) and the informant himself. Anyone else who meets him in a record (an award,
 * the ledger, a ranking) sees "信息员" and no name, phone or link. A person who is no informant is never hidden by
 * this rule. The forces' own SQL ({@code Visibility.INFORMANT}) applies the same rule inside its queries.
 */
public final class InformantIdentityPolicy {

    /** Why the identity shows or not. */
    public enum Reason {
        NO_INFORMANT, HIMSELF, HIS_HANDLER, KNOWS_INFORMANTS, HIDDEN
    }

    /** Whether the reader may know the person, and why. */
    public record Decision(boolean shown, Reason reason) {
    }

    private InformantIdentityPolicy() {
    }

    /** Whether the caller may know every informant (the station chief). */
    public static boolean knowsAll(Caller caller) {
        return caller.may(Permission.INCIDENT_INFORMANT_IDENTITY.name());
    }

    /**
     * @param person    the person met in a record
     * @param informant whether he is an informant
     * @param handler   his handler (none when he has none)
     * @param caller    who reads
     */
    public static Decision decide(UUID person, boolean informant, UUID handler, Caller caller) {
        if (!informant) {
            return new Decision(true, Reason.NO_INFORMANT);
        }
        if (person != null && person.equals(caller.staffId())) {
            return new Decision(true, Reason.HIMSELF);
        }
        if (handler != null && handler.equals(caller.staffId())) {
            return new Decision(true, Reason.HIS_HANDLER);
        }
        if (knowsAll(caller)) {
            return new Decision(true, Reason.KNOWS_INFORMANTS);
        }
        return new Decision(false, Reason.HIDDEN);
    }
}
