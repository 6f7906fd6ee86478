package org.fengqiao.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.account.GridChiefChanged;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.RosterDay;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The five-level grid roster with its history: each term says who held which role in which grid
 * from when until when. A single-holder role (grid chief, coordinator, manager) changes hands by
 * ending the old term on the day the new one starts, so the history has no gaps and no overlaps.
 */
@Repository
public class Roster {

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Roster(JdbcClient jdbc, Jurisdictions jurisdictions, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.events = events;
        this.clock = clock;
    }

    /** One term of one person in one grid role. */
    public record Term(UUID id, UUID gridId, UUID staffId, String staffName, String staffRole, GridRole role,
            LocalDate startedOn, LocalDate endedOn, String note) {
        public boolean current() {
            return endedOn == null;
        }
    }

    private static final String SELECT = """
            SELECT r.id, r.grid_id, r.staff_id, s.name AS staff_name, s.role AS staff_role, r.role, r.started_on,
                   r.ended_on, r.note
            FROM grid_role r JOIN staff s ON s.id = r.staff_id""";

    /** The five levels top down: grid chief, coordinator, manager, members, informants. */
    private static final String LEVEL = "array_position(ARRAY['GRID_CHIEF','COORDINATOR','MANAGER','MEMBER','INFORMANT'], r.role)";

    /** The whole history of a grid's roster, current terms first, each level in the seed's order. */
    public List<Term> history(GridId grid) {
        return jdbc.sql(SELECT + " WHERE r.grid_id = ? ORDER BY r.ended_on NULLS FIRST, " + LEVEL + ", r.started_on DESC, s.name")
                .param(grid.value()).query(Roster::map).list();
    }

    public List<Term> termsOf(StaffId staff) {
        return jdbc.sql(SELECT + " WHERE r.staff_id = ? ORDER BY r.ended_on NULLS FIRST, r.started_on DESC")
                .param(staff.value()).query(Roster::map).list();
    }

    private static final String ON_DAY = RosterDay.covers("r", ":day");

    /** The active grid chiefs of these grids on a day (see {@link RosterDay}), per grid, the first appointed first. */
    public Map<UUID, List<UUID>> chiefs(Collection<UUID> grids, LocalDate day) {
        Map<UUID, List<UUID>> chiefs = new LinkedHashMap<>();
        if (grids.isEmpty()) {
            return chiefs;
        }
        jdbc.sql("""
                SELECT r.grid_id, r.staff_id FROM grid_role r JOIN staff s ON s.id = r.staff_id AND s.active
                WHERE r.grid_id = ANY(CAST(:grids AS uuid[])) AND r.role = 'GRID_CHIEF' AND """ + ON_DAY + """
                 ORDER BY r.started_on, r.staff_id""")
                .param("grids", grids.toArray(UUID[]::new)).param("day", day)
                .query((rs, n) -> chiefs.computeIfAbsent(rs.getObject(1, UUID.class), g -> new ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return chiefs;
    }

    /** The grids a person heads as active grid chief on a day. */
    public List<UUID> gridsHeadedBy(UUID staff, LocalDate day) {
        return jdbc.sql("""
                SELECT DISTINCT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id AND s.active
                WHERE r.staff_id = :staff AND r.role = 'GRID_CHIEF' AND """ + ON_DAY)
                .param("staff", staff).param("day", day).query(UUID.class).list();
    }

    /**
     * The grids a person answers for on a day: those he heads as active grid chief (网格长) and those he manages as
     * grid manager (网格管理员, the auxiliary police who stand duty in them).
     */
    public List<UUID> gridsLookedAfterBy(UUID staff, LocalDate day) {
        return jdbc.sql("""
                SELECT DISTINCT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id AND s.active
                WHERE r.staff_id = :staff AND r.role IN ('GRID_CHIEF', 'MANAGER') AND """ + ON_DAY)
                .param("staff", staff).param("day", day).query(UUID.class).list();
    }

    /** Whether an active person holds a role of {@code roles} (any role when empty) on the grid's roster on a day. */
    public boolean holds(UUID grid, UUID staff, Set<GridRole> roles, LocalDate day) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM grid_role r JOIN staff s ON s.id = r.staff_id AND s.active
                WHERE r.grid_id = :grid AND r.staff_id = :staff AND (:anyRole OR r.role = ANY(CAST(:roles AS text[])))
                  AND """ + ON_DAY + ")")
                .param("grid", grid).param("staff", staff).param("day", day).param("anyRole", roles.isEmpty())
                .param("roles", roles.stream().map(GridRole::name).toArray(String[]::new))
                .query(Boolean.class).single();
    }

    /** The active holders of the grid's single roles (chief, coordinator, manager) on a day, in one statement. */
    public Map<GridRole, Staff> singleHolders(UUID grid, LocalDate day) {
        Map<GridRole, Staff> holders = new EnumMap<>(GridRole.class);
        jdbc.sql("""
                SELECT r.role, s.id, s.unit_id, s.role AS staff_role, s.name, s.username
                FROM grid_role r JOIN staff s ON s.id = r.staff_id AND s.active
                WHERE r.grid_id = :grid AND r.role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER') AND """ + ON_DAY + """
                 ORDER BY r.started_on""")
                .param("grid", grid).param("day", day)
                .query(rs -> {
                    holders.put(GridRole.valueOf(rs.getString(1)), new Staff(new StaffId(rs.getObject(2, UUID.class)),
                            new UnitId(rs.getObject(3, UUID.class)), StaffRole.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getString(6), true));
                });
        return holders;
    }

    @Transactional
    public Term assign(GridId gridId, StaffId staffId, GridRole role, LocalDate from, StaffId assignedBy) {
        Grid grid = jurisdictions.gridToFileInto(gridId).orElseThrow(() -> new NotFound("grid", gridId));
        return assignIn(grid, staffId, role, from, assignedBy);
    }

    /** As {@link #assign}, for a caller who may only touch grids and people of their own scope. */
    @Transactional
    public Term assign(GridId gridId, StaffId staffId, GridRole role, LocalDate from, Caller caller) {
        // nobody takes up a place in a grid merged away (a stale form, the API): 400 naming it, nothing changed
        Grid grid = jurisdictions.visibleGridToFileInto(gridId, caller)
                .orElseThrow(() -> new NotFound("grid", gridId));
        Integer visible = jdbc.sql("""
                SELECT count(*) FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.id = ? AND u.path LIKE ANY(?)""")
                .param(staffId.value()).param(caller.scopePatterns()).query(Integer.class).single();
        if (visible == 0) {
            throw Invalid.of("staffId", "account.roster.staffUnknown");
        }
        return assignIn(grid, staffId, role, from, new StaffId(caller.staffId()));
    }

    private Term assignIn(Grid grid, StaffId staffId, GridRole role, LocalDate from, StaffId assignedBy) {
        if (from == null) {
            throw Invalid.of("from", "account.roster.fromRequired");
        }
        boolean already = jdbc.sql("""
                SELECT count(*) FROM grid_role WHERE grid_id = ? AND staff_id = ? AND role = ? AND ended_on IS NULL""")
                .params(grid.id().value(), staffId.value(), role.name()).query(Integer.class).single() > 0;
        if (already) {
            throw new Conflict("account.roster.alreadyHolds");
        }
        if (role.single()) {
            Optional<Term> holder = jdbc.sql(SELECT + " WHERE r.grid_id = ? AND r.role = ? AND r.ended_on IS NULL FOR UPDATE OF r")
                    .params(grid.id().value(), role.name()).query(Roster::map).optional();
            if (holder.isPresent()) {
                if (from.isBefore(holder.get().startedOn())) {
                    throw Invalid.of("from", "account.roster.beforeCurrentTerm", holder.get().startedOn());
                }
                end(holder.get(), from, grid);
            }
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO grid_role (id, grid_id, staff_id, role, started_on, assigned_by) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, grid.id().value(), staffId.value(), role.name(), from,
                        assignedBy == null ? null : assignedBy.value()).update();
        events.publishEvent(Audited.created("grid_role", id, grid.unitPath(),
                Map.of("grid", grid.code(), "staff", staffId.toString(), "role", role.name(), "from", from.toString())));
        if (role == GridRole.GRID_CHIEF) {
            chiefChanged(grid, from);
        }
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(Roster::map).single();
    }

    /**
     * The roster of a grid merged into another (移交至网格…): each place held now ends today (or on its first day, one
     * not begun yet) in the old grid and starts that day in the other, as ending and assigning by hand would, audited
     * alike; unless the other grid has that single role filled (its own chief, coordinator and manager stay) or the
     * person holds that role there already: such a place only ends. Answers the places moved and those only ended.
     */
    Map<String, Long> handOver(Grid from, Grid to) {
        LocalDate today = LocalDate.now(clock.withZone(LocalTimes.ZONE));
        List<Term> held = jdbc.sql(SELECT + " WHERE r.grid_id = ? AND r.ended_on IS NULL ORDER BY r.started_on, r.id"
                + " FOR UPDATE OF r").param(from.id().value()).query(Roster::map).list();
        long moved = 0;
        for (Term term : held) {
            LocalDate on = term.startedOn().isAfter(today) ? term.startedOn() : today;
            end(term, on, from);
            boolean taken = jdbc.sql("""
                    SELECT count(*) FROM grid_role WHERE grid_id = ? AND ended_on IS NULL AND role = ?
                       AND (staff_id = ? OR ?)""")
                    .params(to.id().value(), term.role().name(), term.staffId(), term.role().single())
                    .query(Integer.class).single() > 0;
            if (!taken) {
                assignIn(to, new StaffId(term.staffId()), term.role(), on, null);
                moved++;
            }
        }
        return Map.of("rosterPlaces", moved, "rosterPlacesEnded", held.size() - moved);
    }

    /** Ends a current term on a day. */
    @Transactional
    public void end(UUID termId, LocalDate on, Caller caller) {
        Term term = jdbc.sql(SELECT + " WHERE r.id = ? AND r.ended_on IS NULL").param(termId).query(Roster::map)
                .optional().orElseThrow(() -> new NotFound("grid_role", termId));
        Grid grid = jurisdictions.visibleGrid(new GridId(term.gridId()), caller)
                .orElseThrow(() -> new NotFound("grid_role", termId));
        if (on.isBefore(term.startedOn())) {
            throw Invalid.of("on", "account.roster.endBeforeStart", term.startedOn());
        }
        end(term, on, grid);
    }

    private void end(Term term, LocalDate on, Grid grid) {
        jdbc.sql("UPDATE grid_role SET ended_on = ? WHERE id = ?").params(on, term.id()).update();
        events.publishEvent(Audited.updated("grid_role", term.id(), grid.unitPath(),
                Map.of("endedOn", "null"), Map.of("endedOn", on.toString())));
        if (term.role() == GridRole.GRID_CHIEF) {
            chiefChanged(grid, on);
        }
    }

    /**
     * The grid's chief changes on {@code on}: told now when that day has come, else by {@link #changesTakingEffect}
     * on the morning of that day. Told before, the work waiting for the chief in office was handed to him again (a
     * second entry of what he had read) and nothing moved it to the new chief when his term began.
     */
    private void chiefChanged(Grid grid, LocalDate on) {
        if (!on.isAfter(LocalDate.now(clock.withZone(LocalTimes.ZONE)))) {
            events.publishEvent(new GridChiefChanged(grid.id(), grid.unitPath(), on));
        }
    }

    /**
     * The grid chiefs' terms that begin or end on {@code day} (appointed or ended beforehand from that day): the work
     * waiting for each such grid's chief is handed to whoever holds the role now ({@link GridChiefChanged}).
     */
    @Transactional
    public int changesTakingEffect(LocalDate day) {
        List<UUID> grids = jdbc.sql("""
                SELECT DISTINCT grid_id FROM grid_role
                WHERE role = 'GRID_CHIEF' AND (started_on = :day OR ended_on = :day)""")
                .param("day", day).query(UUID.class).list();
        for (UUID id : grids) {
            jurisdictions.grid(new GridId(id))
                    .ifPresent(grid -> events.publishEvent(new GridChiefChanged(grid.id(), grid.unitPath(), day)));
        }
        return grids.size();
    }

    /** Each morning in China, a little after midnight: the terms beginning or ending today take effect. */
    @Scheduled(cron = "${fengqiao.roster.day-start-cron:0 1 0 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "roster-day-start", lockAtLeastFor = "PT1M", lockAtMostFor = "PT30M")
    @Transactional
    public void startOfDay() {
        changesTakingEffect(LocalDate.now(clock.withZone(LocalTimes.ZONE)));
    }

    static Term map(ResultSet rs, int row) throws SQLException {
        java.sql.Date ended = rs.getDate("ended_on");
        return new Term(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class),
                rs.getObject("staff_id", UUID.class), rs.getString("staff_name"), rs.getString("staff_role"),
                GridRole.valueOf(rs.getString("role")), rs.getDate("started_on").toLocalDate(),
                ended == null ? null : ended.toLocalDate(), rs.getString("note"));
    }
}
