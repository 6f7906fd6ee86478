package org.fengqiao.mediation.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.DisputesScreened;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weekly dispute screening of each grid (每周一次矛盾纠纷排查化解, seed 000): who screened, what they found, and
 * the disputes found, each opened as a case in the same transaction; and the grids of a scope not screened in a week.
 * Read within the unit paths and, for one who serves grids, the grids he serves ({@link GridReach}), with the
 * screenings he recorded himself; he records them for those grids only, as he opens cases there.
 * <p>
 * Its one read of the cases, how many a screening found, needs no gathered case written first ({@link Disputes#gather}):
 * a screening's cases are written as it opens them, and the gathered ones are 110 disputes, of no screening.
 */
@Service
public class Screenings {

    public record Screening(UUID id, UUID gridId, String gridCode, String gridName, String unitPath, LocalDate weekStart,
            LocalDate screenedOn, String screenedBy, String participants, String findings, int disputesFound) {
    }

    public record Found(DisputeKind kind, String summary, String address, List<MediationDesk.PartyForm> parties) {
    }

    public record Form(UUID gridId, LocalDate screenedOn, String participants, String findings, List<Found> disputes) {
    }

    public record Unscreened(UUID gridId, String gridCode, String gridName, String unitName, LocalDate lastScreened) {
    }

    private static final String SELECT = """
            SELECT s.id, s.grid_id, g.code, g.name, u.path, s.week_start, s.screened_on, st.name, s.participants, s.findings,
                   (SELECT count(*) FROM dispute_case c WHERE c.screening_id = s.id)
            FROM dispute_screening s JOIN grid g ON g.id = s.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN staff st ON st.id = s.screened_by
            """;

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final MediationDesk desk;
    private final ApplicationEventPublisher events;

    Screenings(JdbcClient jdbc, Jurisdictions jurisdictions, MediationDesk desk, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.desk = desk;
        this.events = events;
    }

    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate thisWeek() {
        return weekOf(desk.today());
    }

    @Transactional
    public Screening record(Form f, Actor who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Grid grid = null;
        if (f.gridId() == null) {
            problems.add(MediationDesk.problem("gridId", "error.field.required"));
        } else {
            // held against a retirement until the screening is written, which then waits for it or reads it retired
            // one who serves grids screens the grids he serves, as he opens their cases (the office's other grids
            // share his grid's path when it has no work point)
            grid = jurisdictions.gridForFiling(new GridId(f.gridId())).filter(g -> who.sees(g.unitPath()))
                    .filter(g -> who.reach().reaches(g.id().value(), false)).orElse(null);
            if (grid == null) {
                problems.add(MediationDesk.problem("gridId", "mediation.grid.unknown"));
            } else if (grid.retired()) {
                // a grid merged away has no week left to screen (a stale form, the API)
                problems.add(GridRetired.problem("gridId", grid));
            } else if (grid.network() != GridNetwork.POLICE) {
                // the weekly screening is the police grid's duty (and the unscreened list names police grids only):
                // one recorded on another network's grid would tick no one's week and open cases no officer serves
                problems.add(MediationDesk.problem("gridId", "mediation.screening.notPoliceGrid"));
            }
        }
        LocalDate on = f.screenedOn() == null ? desk.today() : f.screenedOn();
        if (on.isAfter(desk.today())) {
            problems.add(MediationDesk.problem("screenedOn", "mediation.session.future"));
        }
        required(f.participants(), "participants", problems);
        required(f.findings(), "findings", problems);
        List<Found> found = f.disputes() == null ? List.of()
                : f.disputes().stream().filter(d -> d != null && d.kind() != null && d.summary() != null
                        && !d.summary().isBlank()).toList();
        if (f.disputes() != null) {
            for (int i = 0; i < f.disputes().size(); i++) {
                Found d = f.disputes().get(i);
                if (d != null && (d.kind() == null) != (d.summary() == null || d.summary().isBlank())) {
                    problems.add(MediationDesk.problem("disputes[" + i + "]", "mediation.screening.disputeIncomplete"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO dispute_screening (id, grid_id, week_start, screened_on, screened_by, participants, findings)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, grid.id().value(), weekOf(on), on, who.staffId(), f.participants().trim(), f.findings().trim())
                .update();
        for (Found d : found) {
            // a problem in any found dispute throws before commit: the screening and its cases stand or fall together
            desk.open(new MediationDesk.NewCase(DisputeOrigin.SCREENING, d.kind(), grid.id().value(), d.summary(),
                    d.address(), d.parties(), null), who, null, null, id);
        }
        Screening s = find(id, null).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("grid", s.gridCode());
        after.put("week", s.weekStart().toString());
        after.put("findings", s.findings());
        after.put("disputesFound", s.disputesFound());
        events.publishEvent(Audited.created("dispute-screening", id, s.unitPath(), after).by(who.name()));
        events.publishEvent(new DisputesScreened(id, grid.id(), s.unitPath(), on, who.staffId(), s.disputesFound()));
        return s;
    }

    /**
     * What of a screening is the reader's own, for one who reads only the grids he serves ({@link GridReach}): one he
     * recorded (in a grid he served then).
     */
    static final String HIS = "s.screened_by = :reachMe";

    /** The screening if the scope (unit paths) sees its grid; null scope sees all. */
    public Optional<Screening> find(UUID id, List<String> scopePaths) {
        return find(id, scopePaths, GridReach.EVERY_GRID);
    }

    /** The screening if the scope sees its grid and the reader reaches it ({@link GridReach}); null scope sees all. */
    public Optional<Screening> find(UUID id, List<String> scopePaths, GridReach reach) {
        if (scopePaths == null) {
            return jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query(Screenings::map).optional();
        }
        return jdbc.sql(SELECT + " WHERE s.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("s.grid_id", HIS)).param("id", id)
                .param("scope", Disputes.patterns(scopePaths)).params(reach.params()).query(Screenings::map).optional();
    }

    public Screening get(UUID id, Actor who) {
        return find(id, who.scopePaths(), who.reach()).orElseThrow(() -> new NotFound("dispute-screening", id));
    }

    /** The screenings of a week in the scope that the reader reaches ({@link GridReach}), by grid. */
    public List<Screening> ofWeek(LocalDate week, List<String> scopePaths, GridReach reach) {
        return jdbc.sql(SELECT + " WHERE s.week_start = :week AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("s.grid_id", HIS) + " ORDER BY g.code, s.screened_on")
                .param("week", weekOf(week)).param("scope", Disputes.patterns(scopePaths)).params(reach.params())
                .query(Screenings::map).list();
    }

    /**
     * The police grids of the scope that the reader reaches ({@link GridReach}: for one who serves grids, those he
     * serves) with no screening in the week, with the last day each was screened. A grid retired before the week's end
     * is not listed: merged away or redrawn, it has no week left to screen (recording one is refused), and it would
     * stand on this week's list for ever; a past week still lists a grid retired after it.
     */
    public List<Unscreened> unscreened(LocalDate week, List<String> scopePaths, GridReach reach) {
        return jdbc.sql("""
                SELECT g.id, g.code, g.name, u.name,
                       (SELECT max(s.screened_on) FROM dispute_screening s WHERE s.grid_id = g.id)
                FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE g.network = 'POLICE' AND u.path LIKE ANY(CAST(:scope AS text[]))
                  AND NOT EXISTS (SELECT 1 FROM dispute_screening s WHERE s.grid_id = g.id AND s.week_start = :week)
                  AND (g.retired_at IS NULL OR g.retired_at >= :weekEnd)"""
                        + reach.condition("g.id") + " ORDER BY g.code")
                .param("week", weekOf(week))
                .param("weekEnd", weekOf(week).plusWeeks(1).atStartOfDay(MediationDesk.ZONE).toOffsetDateTime()).param("scope", Disputes.patterns(scopePaths)).params(reach.params())
                .query((rs, n) -> new Unscreened(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class))).list();
    }

    private static void required(String value, String field, List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(MediationDesk.problem(field, "error.field.required"));
        } else if (value.length() > MediationDesk.MAX_TEXT) {
            problems.add(MediationDesk.problem(field, "mediation.text.tooLong"));
        }
    }

    private static Screening map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Screening(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getInt(11));
    }
}
