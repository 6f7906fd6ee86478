package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.population.Residence;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The persons of the households in difficulty helped (帮扶人数) in a unit over days, as the work figures count them
 * (PopulationFigures#HELPED, the same statement): each person once, who lived in a household in difficulty on the day
 * it was visited. Identity numbers and phones masked; each reading of the list is audited with what it asked and
 * how many it showed, as a person search is.
 */
@Service
public class HelpedPersons {

    /** The list's page; the API's is under {@code /api/v1}. */
    public static final String LIST = "/persons/helped";

    /** One person helped: masked, with his household's address and the first visit of the days. */
    public record Helped(UUID id, String name, String idMasked, String phoneMasked, Residence residence,
            LocalDate leftOn, String address, String gridCode, OffsetDateTime firstVisit) {
    }

    /** The days and unit asked (null: the caller's whole scope), a page of the persons and how many in all. */
    public record Listing(Unit unit, LocalDate from, LocalDate to, List<Helped> items, long total) {
    }

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HelpedPersons(JdbcClient jdbc, Jurisdictions jurisdictions, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The persons helped in the grids of a unit of the caller's scope and those under it (404 outside; his whole
     * scope when none is named) over the days (by default this month up to today; 400 reversed), by address.
     */
    public Listing list(Caller caller, UUID unitId, LocalDate from, LocalDate to, int limit, int offset) {
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), caller)
                .orElseThrow(() -> new NotFound("unit", unitId));
        PeriodFigures.Period days = PeriodFigures.Period.asked(from, to,
                LocalDate.now(clock.withZone(PeriodFigures.ZONE)));
        String[] scope = unit == null ? caller.scopePatterns() : new String[] {unit.path() + "%"};
        // one who serves grids (GridReach) reads the help given in those grids to their persons only, as his persons
        GridReach reach = GridReach.of(caller);
        String helped = PopulationFigures.HELPED + reach.condition("x.grid_id") + reach.condition("p.grid_id");
        long total = jdbc.sql("SELECT count(DISTINCT p.id)" + helped).param("scope", scope).params(reach.params())
                .param("start", days.start()).param("end", days.end()).query(Long.class).single();
        List<Helped> items = jdbc.sql("""
                SELECT p.id, p.name, p.id_masked, p.phone_masked, p.residence, p.left_on, hh.address_text,
                       pg.code AS grid_code, v.first_visit
                  FROM (SELECT p.id, min(x.visited_at) AS first_visit""" + helped + """
                 GROUP BY p.id) v
                  JOIN person p ON p.id = v.id JOIN household hh ON hh.id = p.household_id
                  LEFT JOIN grid pg ON pg.id = p.grid_id
                 ORDER BY hh.address_text, p.name, p.id LIMIT :limit OFFSET :offset""")
                .param("scope", scope).params(reach.params()).param("start", days.start()).param("end", days.end())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Helped(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("id_masked"), rs.getString("phone_masked"),
                        Residence.valueOf(rs.getString("residence")), rs.getObject("left_on", LocalDate.class),
                        rs.getString("address_text"), rs.getString("grid_code"),
                        rs.getObject("first_visit", OffsetDateTime.class)))
                .list();
        Map<String, Object> asked = new LinkedHashMap<>();
        if (unit != null) {
            asked.put("unitId", unit.id().value().toString());
        }
        asked.put("from", days.first().toString());
        asked.put("to", days.last().toString());
        asked.put("results", total);
        events.publishEvent(new Audited("READ", "helped-person-list", null, unit == null ? null : unit.path(), null, asked, null));
        return new Listing(unit, days.first(), days.last(), items, total);
    }
}
