package org.fengqiao.population;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.internal.PersonQuery;
import org.fengqiao.population.internal.PersonRegister;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The population records as other modules may use them: find a person to link to one of their records (a party of a
 * dispute, say) and show him as the person pages do, identity number and phone masked. Scoped like every read: a
 * person outside the scope is not found, exactly like one who does not exist. Every search and every read of a
 * person's record is audited, as through the person API.
 */
@Service
public class PersonLookup {

    /** At most this many persons come back from one search: the picker's list, not a register. */
    public static final int MAX_RESULTS = 20;

    /** A person as another module shows him: numbers masked, and where he lives in the jurisdiction tree. */
    public record PersonCard(UUID id, UUID gridId, String gridCode, String unitPath, String name, String idMasked,
            String phoneMasked) {
    }

    private final PersonRegister register;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    PersonLookup(PersonRegister register, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.register = register;
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * The caller's persons matching a name (or two or more characters of it, its pinyin or initials, any word of a name
     * in Latin letters) or the last 6
     * characters of an identity number, in the person search's order; the search is audited like the person API's.
     * A text the search cannot read answers {@link Invalid} on field {@code q}.
     */
    public List<PersonCard> search(String text, Caller caller, int limit) {
        if (text == null || text.isBlank()) {
            throw Invalid.of("q", "error.field.required");
        }
        PersonQuery query = new PersonQuery(text.trim(), null, null, null, null, null, null);
        int n = Math.max(1, Math.min(limit, MAX_RESULTS));
        return register.search(query, caller, n, 0).rows().stream()
                .map(r -> new PersonCard(r.id(), r.gridId(), r.gridCode(), r.unitPath(), r.name(), r.idMasked(),
                        r.phoneMasked()))
                .toList();
    }

    /**
     * One person if the scope (unit paths; null: the application itself, which sees everything) sees his grid and,
     * for one who serves grids, he is of a grid he serves ({@link GridReach}, as the person pages read him), checked
     * in the query; the read is audited as a read of the person's record by {@code by}.
     */
    public Optional<PersonCard> read(UUID id, List<String> scopePaths, GridReach reach, String by) {
        if (id == null) {
            return Optional.empty();
        }
        Optional<PersonCard> card = jdbc.sql("""
                SELECT p.id, p.grid_id, g.code, u.path, p.name, p.id_masked, p.phone_masked
                FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE p.id = :id AND (CAST(:scope AS text[]) IS NULL OR u.path LIKE ANY(CAST(:scope AS text[])))"""
                        + reach.condition("p.grid_id"))
                .param("id", id).params(reach.params())
                .param("scope", scopePaths == null ? null : scopePaths.stream().map(p -> p + "%").toArray(String[]::new))
                .query((rs, row) -> new PersonCard(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .optional();
        card.ifPresent(c -> events.publishEvent(Audited.read("person", c.id(), c.unitPath()).by(by)));
        return card;
    }
}
