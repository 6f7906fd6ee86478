package org.fengqiao.forces;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.InformantDisclosure.Known;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask about informants: which of the people a record names the reader may not know as
 * informants ({@link InformantIdentityPolicy}), so that a page or an answer shows them as "信息员" and nothing more.
 */
@Service
public class Informants implements org.fengqiao.account.InformantDisclosure {

    private final JdbcClient jdbc;

    Informants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Handled(UUID id, UUID handler) {
    }

    /**
     * Those of {@code people} who are informants the caller may not know (one query for them all). He knows himself,
     * so a record that names only its reader asks nothing: the answer to a report he just filed names only him (the
     * staff intake path, where a statement per report counts).
     */
    @Override
    public Set<UUID> hiddenFrom(Caller caller, Collection<UUID> people) {
        Set<UUID> hidden = new HashSet<>();
        List<UUID> ids = people.stream().filter(Objects::nonNull).filter(p -> !p.equals(caller.staffId()))
                .distinct().toList();
        if (ids.isEmpty() || InformantIdentityPolicy.knowsAll(caller)) {
            return hidden;
        }
        jdbc.sql("""
                SELECT s.id, m.handler_id FROM staff s LEFT JOIN force_member m ON m.staff_id = s.id
                WHERE s.id = ANY(CAST(:ids AS uuid[])) AND s.role = 'INFORMANT'""")
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> new Handled(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list()
                .forEach(k -> {
                    if (!InformantIdentityPolicy.decide(k.id(), true, k.handler(), caller).shown()) {
                        hidden.add(k.id());
                    }
                });
        return hidden;
    }

    /**
     * Whether the giver of a clue (an incident of source INFORMANT, its reporter the informant) is hidden from the
     * caller. The clue names its giver as its reporter, typed by whoever filed it: the informant himself, or an officer
     * for him. It shows to those who may know every informant, to the one who filed it, and, when the informant filed
     * it himself, to his handler ({@link InformantIdentityPolicy}).
     */
    public boolean clueGiverHiddenFrom(Caller caller, UUID filedBy) {
        if (InformantIdentityPolicy.knowsAll(caller) || (filedBy != null && filedBy.equals(caller.staffId()))) {
            return false;
        }
        return filedBy == null || !handlerOf(filedBy).map(caller.staffId()::equals).orElse(false);
    }

    /** The handler of an informant; none for one who has none or is no informant. */
    public java.util.Optional<UUID> handlerOf(UUID informant) {
        return jdbc.sql("SELECT m.handler_id FROM staff s JOIN force_member m ON m.staff_id = s.id "
                + "WHERE s.id = ? AND s.role = 'INFORMANT' AND m.handler_id IS NOT NULL")
                .param(informant).query(UUID.class).optional();
    }

    /**
     * The informants the caller may know ({@link InformantIdentityPolicy}): all of them, or those he handles and
     * himself, in one query.
     */
    @Override
    public Known knownTo(Caller caller) {
        if (InformantIdentityPolicy.knowsAll(caller)) {
            return Known.ALL;
        }
        if (caller.staffId() == null) {
            return new Known(false, Set.of());
        }
        Set<UUID> known = new HashSet<>(jdbc.sql("""
                SELECT s.id FROM staff s JOIN force_member m ON m.staff_id = s.id
                WHERE m.handler_id = ? AND s.role = 'INFORMANT'""").param(caller.staffId()).query(UUID.class).list());
        known.add(caller.staffId());
        return new Known(false, known);
    }

    /** Whether the person is an informant the caller may not know. */
    public boolean hiddenFrom(Caller caller, UUID person) {
        return !hiddenFrom(caller, List.of(person)).isEmpty();
    }
}
