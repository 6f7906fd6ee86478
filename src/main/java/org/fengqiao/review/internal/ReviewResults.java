package org.fengqiao.review.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.audit.Audited;
import org.fengqiao.account.StaffId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.review.internal.ReviewRatePolicy.Counts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The results of the reviews as staff read them: over a month, quarter or year, in the caller's scope or one unit of
 * it, or of one officer: the number of reviews and the rates ({@link ReviewRatePolicy}) in total, per unit (the unit
 * that answers for the community), per village or community and per officer, each beside the period before, and the
 * comments, newest first. A community officer reads only his own reviews. A unit or an officer outside what the caller
 * reads is not found.
 * <p>
 * The villages' rows are where a low result is seen: it is judged per officer, village and month ({@link ReviewDesk}),
 * and its inbox entry links to the officer's results of the month, whose totals over all his villages may hide it.
 */
@Service
public class ReviewResults {

    /** The comments listed at most; the figures count every review. */
    public static final int COMMENTS_LISTED = 200;

    /** One row of results: a unit or an officer, or the whole (id null), this period and the one before. */
    public record Row(UUID id, String name, String code, Counts counts, Counts before) {

        @com.fasterxml.jackson.annotation.JsonProperty("rates")
        public ReviewRatePolicy.Rates rates() {
            return counts.rates();
        }

        @com.fasterxml.jackson.annotation.JsonProperty("ratesBefore")
        public ReviewRatePolicy.Rates ratesBefore() {
            return before.rates();
        }
    }

    /** A review's comment; {@code text} null when hidden (the words stay in the record, not on the page). */
    public record Comment(UUID id, OffsetDateTime at, int score, String text, boolean hidden, String hiddenReason,
            String hiddenBy, String officerName, String communityName) {
    }

    /**
     * The results of a period; {@code through} is the day (China Standard Time) a period not over yet is counted to,
     * null for a whole one: its numbers of reviews are those of the days so far, beside a whole period before.
     */
    public record Report(ReviewPeriod period, ReviewPeriod before, Unit unit, UUID officerId, String officerName,
            boolean ownOnly, Row total, List<Row> units, List<Row> communities, List<Row> officers,
            List<Comment> comments, LocalDate through) {
    }

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReviewResults(JdbcClient jdbc, Jurisdictions jurisdictions, StaffDirectory staff, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    /** The results with the comments, as the page and the API show them. */
    public Report of(Caller caller, ReviewPeriod period, UUID unitId, UUID officerId) {
        return of(caller, period, unitId, officerId, true);
    }

    /** The figures alone, without the comments: what an export writes (no comment leaves in a file). */
    public Report figures(Caller caller, ReviewPeriod period, UUID unitId, UUID officerId) {
        return of(caller, period, unitId, officerId, false);
    }

    private Report of(Caller caller, ReviewPeriod period, UUID unitId, UUID officerId, boolean withComments) {
        boolean own = ReviewDesk.ownOnly(caller);
        String[] scope = caller.scopePatterns();
        Unit unit = null;
        if (unitId != null) {
            unit = jurisdictions.visibleUnit(new UnitId(unitId), caller)
                    .orElseThrow(() -> new NotFound("unit", unitId));
            scope = new String[] {unit.path() + "%"};
        }
        UUID officer = officerId;
        String officerName = null;
        if (own) {
            if (officerId != null && !officerId.equals(caller.staffId())) {
                throw new NotFound("officer", officerId);
            }
            officer = caller.staffId();
        }
        if (officer != null) {
            var found = staff.staff(new StaffId(officer)).orElseThrow(() -> new NotFound("officer", officerId));
            // an officer who moved on to a unit outside the scope is still read where he was reviewed: the officers'
            // rows list him with his reviews there, and their link to his results answered 404
            if (!own && jurisdictions.visibleUnit(found.unitId(), caller).isEmpty()
                    && !reviewedIn(caller.scopePatterns(), officer)) {
                throw new NotFound("officer", officerId);
            }
            officerName = found.name();
        }
        ReviewPeriod before = period.previous();
        List<Row> units = rows("u.id", "u.name", "u.code", scope, officer, period, before);
        List<Row> communities = rows("m.id", "m.name", "m.code", scope, officer, period, before);
        List<Row> officers = rows("s.id", "s.name", "s.police_number", scope, officer, period, before);
        Counts now = Counts.NONE;
        Counts then = Counts.NONE;
        for (Row r : units) {
            now = now.plus(r.counts());
            then = then.plus(r.before());
        }
        LocalDate today = LocalDate.now(clock.withZone(LocalTimes.ZONE));
        LocalDate through = period.last().isBefore(YearMonth.from(today)) ? null : today;
        return new Report(period, before, unit, officer, officerName, own, new Row(null, null, null, now, then), units,
                communities, officers, withComments ? comments(scope, officer, period,
                        caller.may(Permission.REVIEW_HIDE.name())) : List.of(), through);
    }

    /** Whether the officer was ever reviewed in a community answered for by a unit of the subtrees. */
    private boolean reviewedIn(String[] scope, UUID officer) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM review r JOIN unit u ON u.id = r.unit_id
                               WHERE r.officer_id = :officer AND u.path LIKE ANY(CAST(:scope AS text[])))""")
                .param("officer", officer).param("scope", scope).query(Boolean.class).single();
    }

    private static final String COUNTS = """
            count(*), count(*) FILTER (WHERE r.knows), count(*) FILTER (WHERE r.seen),
            count(*) FILTER (WHERE r.matter <> 'NONE'), count(*) FILTER (WHERE r.matter IN ('HANDLED', 'UNFINISHED')),
            count(*) FILTER (WHERE r.matter = 'HANDLED'), count(*) FILTER (WHERE r.score >= 4)""";

    private static Counts counts(ResultSet rs, int from) throws SQLException {
        return new Counts(rs.getLong(from), rs.getLong(from + 1), rs.getLong(from + 2), rs.getLong(from + 3),
                rs.getLong(from + 4), rs.getLong(from + 5), rs.getLong(from + 6));
    }

    /** Each unit's, village's or officer's counts in the period and the one before, in one grouped statement. */
    private List<Row> rows(String id, String name, String code, String[] scope, UUID officer, ReviewPeriod period,
            ReviewPeriod before) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT " + id + ", " + name + ", " + code + ", r.month >= :first, " + COUNTS + """

                FROM review r JOIN unit u ON u.id = r.unit_id JOIN staff s ON s.id = r.officer_id
                JOIN community m ON m.id = r.community_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND r.month BETWEEN :since AND :last
                  AND (CAST(:officer AS uuid) IS NULL OR r.officer_id = :officer)
                GROUP BY 1, 2, 3, 4 ORDER BY 3, 1""")
                .param("first", period.from()).param("since", before.from()).param("last", period.to())
                .param("scope", scope).param("officer", officer)
                .query((RowCallbackHandler) rs -> {
                    UUID key = rs.getObject(1, UUID.class);
                    Row r = rows.getOrDefault(key, new Row(key, rs.getString(2), rs.getString(3), Counts.NONE,
                            Counts.NONE));
                    Counts c = counts(rs, 5);
                    rows.put(key, rs.getBoolean(4) ? new Row(key, r.name(), r.code(), c, r.before())
                            : new Row(key, r.name(), r.code(), r.counts(), c));
                });
        return new ArrayList<>(rows.values());
    }

    /**
     * The comments, newest first. A resident may write a number into his words (his own phone, a neighbour's
     * identity number): it is masked but for the station chief, who reads the words whole to judge whether to hide
     * them ({@code whole}); the officer reviewed, the bureau and the inspectors read the opinion, not the number. Each
     * comment the chief is shown with a number whole is a read of personal data, audited as a read of that review.
     */
    private List<Comment> comments(String[] scope, UUID officer, ReviewPeriod period, boolean whole) {
        List<Audited> numbersRead = new ArrayList<>();
        List<Comment> comments = jdbc.sql("""
                SELECT r.id, r.submitted_at, r.score, r.comment, r.comment_hidden_at IS NOT NULL,
                       r.comment_hidden_reason, r.comment_hidden_by, s.name, m.name, u.path
                FROM review r JOIN unit u ON u.id = r.unit_id JOIN staff s ON s.id = r.officer_id
                JOIN community m ON m.id = r.community_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND r.month BETWEEN :first AND :last
                  AND r.comment IS NOT NULL AND (CAST(:officer AS uuid) IS NULL OR r.officer_id = :officer)
                ORDER BY r.submitted_at DESC, r.id LIMIT :limit""")
                .param("scope", scope).param("first", period.from()).param("last", period.to())
                .param("officer", officer).param("limit", COMMENTS_LISTED)
                .query((rs, n) -> {
                    boolean hidden = rs.getBoolean(5);
                    UUID id = rs.getObject(1, UUID.class);
                    String text = rs.getString(4);
                    if (!hidden && whole && Texts.holdsPersonalNumber(text)) {
                        numbersRead.add(Audited.read("review", id, rs.getString(10)));
                    }
                    return new Comment(id, rs.getObject(2, OffsetDateTime.class), rs.getInt(3),
                            hidden ? null : whole ? text : Texts.maskedNumbers(text), hidden,
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                }).list();
        if (!numbersRead.isEmpty()) {
            events.publishEvent(Audited.reads(numbersRead));
        }
        return comments;
    }

    /** One officer's counts in one community and month: what {@link ReviewDesk} judges a low result on. */
    static Counts counts(JdbcClient jdbc, UUID officer, UUID community, YearMonth month) {
        LocalDate first = month.atDay(1);
        return jdbc.sql("SELECT " + COUNTS + """

                FROM review r WHERE r.officer_id = ? AND r.community_id = ? AND r.month = ?""")
                .params(officer, community, first).query((rs, n) -> counts(rs, 1)).single();
    }
}
