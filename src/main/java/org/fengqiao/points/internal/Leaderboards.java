package org.fengqiao.points.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 龙虎榜: the points earned in a period (awards less their reversals; redemptions spend, they do not lower a
 * rank), per grid (the awards of that grid) or per station (the holders sitting under it), with the number of awards
 * that stand (a reversed award is not counted). 积极分子: the top N of a board's year (a station's, an office's or the
 * bureau's), confirmed and kept; each board keeps its own list, so one person may be on several.
 */
@Service
public class Leaderboards {

    /** The day boundaries of a period are local days in China. */
    public static final ZoneId ZONE = LocalTimes.ZONE;

    public record Row(int rank, UUID holderId, String holderName, String role, String unitName, long points,
            long awards) {
    }

    public record Place(UUID id, String name, String path) {
    }

    public record Activist(int year, int rank, UUID holderId, String holderName, long points, String confirmedByName) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final HolderNames names;

    Leaderboards(JdbcClient jdbc, Ledger ledger, ApplicationEventPublisher events, HolderNames names) {
        this.names = names;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.events = events;
    }

    public Place visibleGrid(UUID grid, Caller caller) {
        return jdbc.sql("""
                SELECT g.id, g.name, u.path FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE g.id = :id AND CAST(:read AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))""")
                .param("id", grid).param("read", caller.may("POINTS_READ")).param("scope", caller.scopePatterns())
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional().orElseThrow(() -> new NotFound("grid", grid));
    }

    /** A unit the caller sees (its own or below); a station board covers everything under it. */
    public Place visibleUnit(UUID unit, Caller caller) {
        return jdbc.sql("""
                SELECT id, name, path FROM unit
                WHERE id = :id AND CAST(:read AS boolean) AND path LIKE ANY(CAST(:scope AS text[]))""")
                .param("id", unit).param("read", caller.may("POINTS_READ")).param("scope", caller.scopePatterns())
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional().orElseThrow(() -> new NotFound("unit", unit));
    }

    /** The units whose boards the caller may open (stations and offices in scope, a retired one no longer). */
    public List<Place> units(Caller caller) {
        return jdbc.sql("""
                SELECT id, name, path FROM unit WHERE path LIKE ANY(CAST(:scope AS text[])) AND retired_at IS NULL
                    AND kind IN ('BUREAU', 'STATION', 'CENTRAL_OFFICE', 'WORKSTATION') ORDER BY path""")
                .param("scope", caller.scopePatterns())
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    /** A grid's board, an informant the caller may not know shown as such ({@link HolderNames}). */
    public List<Row> byGrid(UUID grid, LocalDate from, LocalDate to, int limit, Caller caller) {
        visibleGrid(grid, caller);
        return names.rows(board("e.grid_id = :place", grid, from, to, limit), caller);
    }

    /** A unit's board, an informant the caller may not know shown as such ({@link HolderNames}). */
    public List<Row> byUnit(UUID unit, LocalDate from, LocalDate to, int limit, Caller caller) {
        return names.rows(unitBoard(unit, from, to, limit, caller), caller);
    }

    private List<Row> unitBoard(UUID unit, LocalDate from, LocalDate to, int limit, Caller caller) {
        Place place = visibleUnit(unit, caller);
        return board("u.path LIKE :place", place.path() + "%", from, to, limit);
    }

    private List<Row> board(String where, Object place, LocalDate from, LocalDate to, int limit) {
        if (from == null || to == null || to.isBefore(from)) {
            throw Invalid.of("to", "points.error.period");
        }
        // the year 1 or 9999 is a mistyped year: a board of every point ever, or of days to come, read as the period's
        PeriodFigures.Period.held("from", from);
        PeriodFigures.Period.held("to", to);
        return jdbc.sql("""
                SELECT rank() OVER (ORDER BY sum(e.points) DESC) AS rank, s.id, s.name, s.role, u.name AS unit_name,
                    sum(e.points) AS points, count(*) FILTER (WHERE e.kind = 'AWARD' AND NOT EXISTS (
                        SELECT 1 FROM points_entry r WHERE r.reverses_id = e.id)) AS awards
                FROM points_entry e JOIN staff s ON s.id = e.holder_id JOIN unit u ON u.id = s.unit_id
                WHERE e.kind IN ('AWARD', 'REVERSAL') AND e.source_type <> 'store_item'
                    AND e.at >= :from AND e.at < :to""" + " AND " + where + """
                 GROUP BY s.id, s.name, s.role, u.name HAVING sum(e.points) > 0
                ORDER BY points DESC, s.name LIMIT :limit""")
                .param("place", place).param("from", start(from)).param("to", start(to.plusDays(1)))
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> new Row(rs.getInt("rank"), rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("role"), rs.getString("unit_name"), rs.getLong("points"), rs.getLong("awards")))
                .list();
    }

    static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** The confirmed activists of a unit's year, or empty when none were confirmed yet. */
    public List<Activist> activists(UUID unit, int year, Caller caller) {
        visibleUnit(unit, caller);
        return names.activists(confirmed(unit, year), caller);
    }

    private List<Activist> confirmed(UUID unit, int year) {
        return jdbc.sql("""
                SELECT a.year, a.rank, a.holder_id, s.name, a.points, c.name AS confirmed_by FROM points_activist a
                JOIN staff s ON s.id = a.holder_id JOIN staff c ON c.id = a.confirmed_by
                WHERE a.station_id = ? AND a.year = ? ORDER BY a.rank, s.name""").params(unit, year)
                .query((rs, n) -> new Activist(rs.getInt(1), rs.getInt(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getLong(5), rs.getString(6)))
                .list();
    }

    /** Confirms the top N of the unit's year as its activists (积极分子); a unit's year is confirmed once. */
    @Transactional
    public List<Activist> confirmActivists(UUID unit, int year, int top, Caller caller) {
        Place place = visibleUnit(unit, caller);
        if (!caller.may("POINTS_APPROVE")) {
            throw new NotFound("unit", unit);
        }
        if (top < 1 || top > 100) {
            throw Invalid.of("top", "points.error.top");
        }
        if (year < 2000 || year > LocalDate.now(ZONE).getYear()) {
            throw Invalid.of("year", "points.error.year");
        }
        jdbc.sql("SELECT 1 FROM unit WHERE id = ? FOR UPDATE").param(unit).query(Integer.class).single();
        if (!confirmed(unit, year).isEmpty()) {
            throw Invalid.of("year", "points.error.activistsConfirmed");
        }
        List<Row> rows = unitBoard(unit, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), 1000, caller).stream()
                .filter(r -> Awards.FORCES.contains(r.role())).limit(top).toList();
        if (rows.isEmpty()) {
            throw Invalid.of("year", "points.error.noActivists");
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            jdbc.sql("""
                    INSERT INTO points_activist (year, holder_id, station_id, points, rank, confirmed_by, confirmed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    // ties share a rank
                    .params(year, r.holderId(), unit, (int) r.points(),
                            i > 0 && rows.get(i - 1).points() == r.points() ? rankOf(rows, i) : i + 1, caller.staffId(), ledger.now()).update();
        }
        List<Activist> confirmed = confirmed(unit, year);
        events.publishEvent(Audited.created("points_activists", unit + "/" + year, place.path(), confirmed));
        return names.activists(confirmed, caller);
    }

    private static int rankOf(List<Row> rows, int i) {
        int j = i;
        while (j > 0 && rows.get(j - 1).points() == rows.get(i).points()) {
            j--;
        }
        return j + 1;
    }

    public Optional<Place> unitOf(UUID staff) {
        return jdbc.sql("SELECT u.id, u.name, u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.id = ?")
                .param(staff).query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional();
    }
}
