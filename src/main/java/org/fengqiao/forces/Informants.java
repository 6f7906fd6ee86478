package org.fengqiao.forces;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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
        return clueGiversHiddenFrom(caller, java.util.Collections.singleton(filedBy)).test(filedBy);
    }

    /**
     * For a page of clues, filed by {@code filers}: whether a clue filed by one of them hides its giver from the
     * caller ({@link #clueGiverHiddenFrom}), with one query for the page, and none when the caller may know every
     * informant or filed them all himself (the answer to a report he just filed). A filer not among {@code filers}
     * tests as hidden, as does none (null).
     */
    public Predicate<UUID> clueGiversHiddenFrom(Caller caller, Collection<UUID> filers) {
        if (InformantIdentityPolicy.knowsAll(caller)) {
            return filer -> false;
        }
        UUID me = caller.staffId();
        List<UUID> others = filers.stream().filter(Objects::nonNull).filter(f -> !f.equals(me)).distinct().toList();
        Set<UUID> handled = others.isEmpty() || me == null ? Set.of() : Set.copyOf(jdbc.sql("""
                SELECT s.id FROM staff s JOIN force_member m ON m.staff_id = s.id
                WHERE s.id = ANY(CAST(:ids AS uuid[])) AND s.role = 'INFORMANT' AND m.handler_id = :me""")
                .param("ids", others.toArray(UUID[]::new)).param("me", me).query(UUID.class).list());
        return filer -> filer == null || !(filer.equals(me) || handled.contains(filer));
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
