package org.fengqiao.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fengqiao.audit.SystemActor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The trail's actors as a reader names them. A person's username stays as it is; an actor that is no person
 * ({@link SystemActor}) is stored as it always was and shown in the reader's language, and a filter by actor finds
 * it by its stored name or by its name in either language.
 */
@Component
public class ActorNames {

    /** The entries that name an attempted username, whatever it is: never read as a system's name. */
    private static final Set<String> NAMED_BY_ATTEMPT = Set.of("SIGN_IN", "SIGN_IN_FAILED");
    private static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private final MessageSource messages;

    ActorNames(MessageSource messages) {
        this.messages = messages;
    }

    /** The actor as the reader reads it: a system's name in his language, anyone else's as stored. */
    public String shown(AuditEntry e, Locale locale) {
        if (e.actor() == null || e.actorId() != null || e.actorRole() != null || NAMED_BY_ATTEMPT.contains(e.action())
                || !SystemActor.ALL.contains(e.actor())) {
            return e.actor();
        }
        return messages.getMessage(key(e.actor()), null, e.actor(), locale);
    }

    /**
     * The stored actors a filter finds: what was typed, and each system whose name in either language is what was
     * typed (letter case aside), so "Resident", "群众" and "system" or "System" find the same entries.
     */
    public List<String> stored(String typed) {
        List<String> actors = new ArrayList<>();
        actors.add(typed);
        for (String actor : SystemActor.ALL) {
            boolean named = actor.equalsIgnoreCase(typed) || LANGUAGES.stream()
                    .anyMatch(l -> typed.equalsIgnoreCase(messages.getMessage(key(actor), null, actor, l).strip()));
            if (named && !actors.contains(actor)) {
                actors.add(actor);
            }
        }
        return actors;
    }

    private static String key(String actor) {
        return "audit.actor." + (actor.equals(SystemActor.RESIDENT) ? "resident" : actor);
    }
}
