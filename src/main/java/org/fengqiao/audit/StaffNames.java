package org.fengqiao.audit;

import java.util.List;
import java.util.UUID;

/**
 * The people the audit trail's actor filter finds by their real name: auditors know people by name, the trail
 * keeps their user names. Implemented by the account module: the audit module cannot call that module itself, as
 * the account module publishes {@link Audited} events and a call back would make the modules depend on each other.
 */
public interface StaffNames {

    /** A person found by name: his id (written with the entries he made signed in) and his user name, if any. */
    record Named(UUID staffId, String username) {
    }

    /**
     * The staff whose real name is what was typed, or contains it when it is two or more characters long (letter
     * case aside); a single character finds only a name that is that character.
     */
    List<Named> named(String typed);
}
