package org.fengqiao.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.InformantDisclosure.Known;
import org.fengqiao.account.RosterDay;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.ShortLived;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The staff table: people who work, with their optional sign-in. */
@Repository
public class StaffRegister {

    private static final String SELECT = """
            SELECT s.id, s.unit_id, s.role, s.name, s.username, s.active, s.police_number, s.phone, s.title,
                   s.password_hash, s.failed_logins, s.locked_until, s.last_login_at, s.locale, s.password_must_change,
                   s.password_changed_at, u.path AS unit_path, u.name AS unit_name
            FROM staff s JOIN unit u ON u.id = s.unit_id""";

    /**
     * The holders of bearer tokens, by token hash, for a second: an API client sends its token with every request,
     * and looking it up was a round trip of every call (a tenth of a person search's processor time). Any change
     * of a person through this register, of his tokens, or of grid roles, units or grids (their audit events) clears
     * it (at once and again when the change's transaction ends); a change made on another instance is seen within the second. Expiry is checked on every
     * use against the token's own time.
     */
    private final ShortLived<String, TokenHolder> tokenHolders = new ShortLived<>(Duration.ofSeconds(1), 10_000);

    /**
     * The holders of page sessions, by staff id, for a second, the same way: a signed-in page asks on every request
     * who its holder is now (SessionHolderFilter), and one query a second per person is all that costs.
     */
    private final ShortLived<UUID, Signing> sessionHolders = new ShortLived<>(Duration.ofSeconds(1), 10_000);

    /** The record types whose change (each audited) may change who a person is now: his row, grid roles, units, grids. */
    private static final java.util.Set<String> CHANGING_HOLDERS = java.util.Set.of("staff", "grid_role", "unit", "grid");

    /** The audited actions that change a record. */
    private static final java.util.Set<String> CHANGES = java.util.Set.of("CREATE", "UPDATE", "DELETE", "IMPORT");

    /**
     * The unit paths of the grids the person {@code staff} (an SQL expression) serves now (his grid terms
     * that cover today, {@link RosterDay}: not one appointed from a later day, still one ended from a later day), as
     * the column {@code served}: what {@link ScopePolicy} narrows to; and those grids themselves, in the same order,
     * as the column {@code served_grids}: a grid placed at its office has the office's path, and he reports in that
     * grid, not in every grid the path covers. {@code staff} appears twice (a parameter is bound twice).
     */
    private static String served(String staff) {
        return servedColumn("gu.path", staff) + " AS served, " + servedColumn("g.id", staff) + " AS served_grids";
    }

    private static String servedColumn(String column, String staff) {
        return """
                ARRAY(SELECT %s FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN unit gu ON gu.id = g.unit_id
                      WHERE r.staff_id = %s AND """.formatted(column, staff) + RosterDay.coversToday("r")
                + " ORDER BY g.id, r.id)";
    }

    private static final String BY_TOKEN = SELECT.replace("AS unit_name",
            "AS unit_name, t.expires_at, " + served("s.id")) + """
             JOIN api_token t ON t.staff_id = s.id
            WHERE t.token_hash = ? AND t.revoked_at IS NULL""";

    private static final String BY_ID_WITH_SERVED = SELECT.replace("AS unit_name", "AS unit_name, " + served("s.id"))
            + " WHERE s.id = ?";

    private record TokenHolder(Row row, java.time.OffsetDateTime expiresAt, List<String> served,
            List<UUID> servedGrids) {
    }

    /**
     * A person as sign-in sees him: his row, the unit paths of the grids he serves now and those grids, in the same
     * order (a path for each grid).
     */
    public record Signing(Row row, List<String> servedGridUnits, List<UUID> servedGrids) {

        /** One who serves the grids at these paths, the grids themselves not known. */
        public Signing(Row row, List<String> servedGridUnits) {
            this(row, servedGridUnits, List.of());
        }

        /**
         * Whether he reads the records of the grid whose unit path (where it lies now) is {@code gridUnitPath}, as he
         * would signed in now: active, the grid within the scope {@link ScopePolicy} gives him, and among the grids he
         * reaches there ({@link GridReach}). The police by their unit's subtree, one who serves grids without police
         * powers by the grids he serves at or under his unit, or by his unit's subtree while he serves none there.
         * The one answer to "who reads this grid" for whoever picks a person to do a grid's work.
         */
        public boolean readsGrid(UUID grid, String gridUnitPath) {
            if (!row.active() || gridUnitPath == null) {
                return false;
            }
            Caller caller = StaffPrincipal.of(row, servedGridUnits, servedGrids).caller();
            return caller.sees(gridUnitPath) && GridReach.of(caller).reaches(grid, false);
        }

        /** The principal he signs in as now, told whether his password has outlived its maximum age. */
        StaffPrincipal principal(PasswordExpiry expiry) {
            return StaffPrincipal.of(row, servedGridUnits, servedGrids, expiry.expired(row));
        }
    }

    private final JdbcClient jdbc;

    public StaffRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everything stored about one person who works, including what only sign-in may see. */
    public record Row(UUID id, UUID unitId, StaffRole role, String name, String username, boolean active,
            String policeNumber, String phone, String title, String passwordHash, int failedLogins,
            Instant lockedUntil, Instant lastLoginAt, String locale, String unitPath, String unitName,
            boolean passwordMustChange, Instant passwordChangedAt) {

        /** A person whose password's time of setting is not known (it never expires). */
        public Row(UUID id, UUID unitId, StaffRole role, String name, String username, boolean active,
                String policeNumber, String phone, String title, String passwordHash, int failedLogins,
                Instant lockedUntil, Instant lastLoginAt, String locale, String unitPath, String unitName,
                boolean passwordMustChange) {
            this(id, unitId, role, name, username, active, policeNumber, phone, title, passwordHash, failedLogins,
                    lockedUntil, lastLoginAt, locale, unitPath, unitName, passwordMustChange, null);
        }

        public Staff toStaff() {
            return new Staff(new StaffId(id), new UnitId(unitId), role, name, username, active);
        }

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    public Optional<Row> byUsername(String username) {
        return jdbc.sql(SELECT + " WHERE s.username = ?").param(username).query(StaffRegister::map).optional();
    }

    /**
     * The active station chiefs (所长) of the units a place of the tree lies under ({@code unitPath}, say a grid's),
     * whose scope holds it: the nearest first.
     */
    public List<UUID> stationChiefsOver(String unitPath) {
        return jdbc.sql("""
                SELECT s.id FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.role = 'STATION_CHIEF' AND s.active AND starts_with(?, u.path)
                ORDER BY length(u.path) DESC, s.id""").param(unitPath).query(UUID.class).list();
    }

    /**
     * A unit's duty person: its first active member by rank (station chief, bureau command, community officer,
     * inspector, auxiliary police), the longest serving first. The one rule the incident module's owners and the
     * population module's verification tasks name a unit's duty person by.
     */
    public Optional<Row> dutyPerson(UUID unit) {
        return jdbc.sql(SELECT + """
                 WHERE s.unit_id = ? AND s.active
                  AND s.role IN ('STATION_CHIEF', 'BUREAU_COMMAND', 'COMMUNITY_OFFICER', 'INSPECTOR', 'AUXILIARY_POLICE')
                ORDER BY array_position(ARRAY['STATION_CHIEF', 'BUREAU_COMMAND', 'COMMUNITY_OFFICER', 'INSPECTOR',
                         'AUXILIARY_POLICE'], s.role), s.created_at, s.id
                LIMIT 1""").param(unit).query(StaffRegister::map).optional();
    }

    public Optional<Row> byId(UUID id) {
        return jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query(StaffRegister::map).optional();
    }

    /** The holder of an unexpired, unrevoked API token (by the token's SHA-256), in one query per API request. */
    Optional<Signing> byTokenHash(String tokenHash, java.time.OffsetDateTime now) {
        TokenHolder holder = tokenHolders.get(tokenHash, hash -> jdbc.sql(BY_TOKEN).param(hash)
                .query((rs, n) -> new TokenHolder(map(rs, n), rs.getObject("expires_at", java.time.OffsetDateTime.class),
                        served(rs), servedGrids(rs)))
                .optional().orElse(null));
        return holder == null || !holder.expiresAt().isAfter(now) ? Optional.empty()
                : Optional.of(new Signing(holder.row(), holder.served(), holder.servedGrids()));
    }

    /** A person as he is now, with the grids he serves, in one query a second at most (see sessionHolders). */
    Optional<Signing> signing(UUID staffId) {
        return Optional.ofNullable(sessionHolders.get(staffId, id -> jdbc.sql(BY_ID_WITH_SERVED).param(id)
                .query((rs, n) -> new Signing(map(rs, n), served(rs), servedGrids(rs))).optional().orElse(null)));
    }

    /**
     * These people as sign-in would see them now, read afresh (not from the holders' second): whoever asks may be in
     * the transaction that just moved a unit or changed a roster, and must see what it did.
     */
    public List<Signing> signings(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT.replace("AS unit_name", "AS unit_name, " + served("s.id"))
                        + " WHERE s.id = ANY(CAST(? AS uuid[]))")
                .param(ids.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> new Signing(map(rs, n), served(rs), servedGrids(rs))).list();
    }

    /** The grids this person serves now, with their unit paths: his signing but for his row, which is given. */
    Signing signing(Row row) {
        return jdbc.sql("SELECT " + served("?")).param(row.id()).param(row.id())
                .query((rs, n) -> new Signing(row, served(rs), servedGrids(rs))).single();
    }

    private static List<String> served(ResultSet rs) throws SQLException {
        java.sql.Array array = rs.getArray("served");
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static List<UUID> servedGrids(ResultSet rs) throws SQLException {
        java.sql.Array array = rs.getArray("served_grids");
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    /** Forgets the token and session holders looked up: a person or a token changed. */
    void forgetHolders() {
        ShortLived.clearNowAndAtTransactionEnd(() -> {
            tokenHolders.clear();
            sessionHolders.clear();
        });
    }

    /**
     * A change of grid roles, units or grids made through the application (each is audited) reaches tokens and
     * sessions at once on this instance, not only when the second runs out. Reads, reveals and sign-ins (audited
     * too) change nothing.
     */
    @org.springframework.context.event.EventListener
    void changed(org.fengqiao.audit.Audited event) {
        if (CHANGING_HOLDERS.contains(event.recordType()) && CHANGES.contains(event.action())) {
            forgetHolders();
        }
    }

    public Optional<Row> visible(UUID id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE s.id = ? AND u.path LIKE ANY(?)").param(id).param(caller.scopePatterns())
                .query(StaffRegister::map).optional();
    }

    /**
     * The staff of the caller's scope, a page of them; informants only those {@code informants} holds (issue 4: the
     * others are neither listed nor counted, so no search by a name tells whether its holder is one).
     */
    public List<Row> visible(Caller caller, String role, String query, Known informants, int limit, int offset) {
        return informants(jdbc.sql(SELECT + "\n" + """
                 WHERE u.path LIKE ANY(:scope)
                   AND (CAST(:role AS text) IS NULL OR s.role = :role)
                   AND (CAST(:q AS text) IS NULL OR s.name LIKE '%' || :q || '%' OR s.username LIKE '%' || :q || '%'
                        OR s.police_number = :q)""" + INFORMANTS + """
                 ORDER BY u.path, s.role, s.name LIMIT :limit OFFSET :offset""")
                .param("scope", caller.scopePatterns()).param("role", role).param("q", query)
                .param("limit", limit).param("offset", offset), informants)
                .query(StaffRegister::map).list();
    }

    /** An informant is listed only when the reader may know him ({@link Known}). */
    private static final String INFORMANTS = """

                   AND (s.role <> 'INFORMANT' OR CAST(:allInformants AS boolean)
                        OR s.id = ANY(CAST(:knownInformants AS uuid[])))
            """;

    private static JdbcClient.StatementSpec informants(JdbcClient.StatementSpec spec, Known informants) {
        return spec.param("allInformants", informants.all())
                .param("knownInformants", informants.informants().toArray(UUID[]::new));
    }

    /**
     * The active people of the caller's scope who may hold a grid role: everybody but the three
     * administrators, whose separated duties keep them off the roster, and the informants the caller may not know
     * (issue 4: his handler and the station chief know him; the list named him to every roster manager).
     */
    public List<Row> assignable(Caller caller, Known informants) {
        return informants(jdbc.sql(SELECT + "\n" + """
                 WHERE u.path LIKE ANY(:scope) AND s.active
                   AND s.role NOT IN ('SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN')""" + INFORMANTS + """

                 ORDER BY s.role, s.name LIMIT 1000""").param("scope", caller.scopePatterns()), informants)
                .query(StaffRegister::map).list();
    }

    /** How many {@link #visible(Caller, String, String, Known, int, int)} lists over all its pages. */
    public long countVisible(Caller caller, String role, String query, Known informants) {
        return informants(jdbc.sql("""
                SELECT count(*) FROM staff s JOIN unit u ON u.id = s.unit_id
                 WHERE u.path LIKE ANY(:scope)
                   AND (CAST(:role AS text) IS NULL OR s.role = :role)
                   AND (CAST(:q AS text) IS NULL OR s.name LIKE '%' || :q || '%' OR s.username LIKE '%' || :q || '%'
                        OR s.police_number = :q)""" + INFORMANTS)
                .param("scope", caller.scopePatterns()).param("role", role).param("q", query), informants)
                .query(Long.class).single();
    }

    /**
     * A new person; with a password hash, {@code at} is when the password was set (the application's clock, as every
     * time a password's age is measured from: see {@link #changePassword}).
     */
    public void insert(UUID id, UUID unitId, StaffRole role, String name, String policeNumber, String phone, String title,
            String username, String passwordHash, Instant at) {
        jdbc.sql("""
                INSERT INTO staff (id, unit_id, role, name, police_number, phone, title, username, password_hash,
                                   password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, unitId, role.name(), name, policeNumber, phone, title, username, passwordHash,
                        passwordHash == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** Counts a failed sign-in and locks the account once the limit is reached; returns the failures so far. */
    public int recordFailure(UUID id, int maxFailures, Instant lockUntil) {
        forgetHolders();
        return jdbc.sql("""
                UPDATE staff SET failed_logins = failed_logins + 1,
                       locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                WHERE id = ? RETURNING failed_logins""")
                .params(maxFailures, OffsetDateTime.ofInstant(lockUntil, ZoneOffset.UTC), id)
                .query(Integer.class).single();
    }

    /** A sign-in that succeeded at {@code at} (the application's clock, as the lock it clears was set by). */
    public void recordSuccess(UUID id, Instant at) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id).update();
    }

    /**
     * A lock that has run out starts a fresh count of failures. The moment comes from the
     * application clock, not the database's now(), so sign-in and this update agree on the time.
     */
    public void clearExpiredLock(UUID id, Instant now) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ? AND locked_until <= ?")
                .params(id, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM staff WHERE username = ?").param(username).query(Integer.class).single() > 0;
    }

    public boolean policeNumberTaken(String policeNumber) {
        return jdbc.sql("SELECT count(*) FROM staff WHERE police_number = ?").param(policeNumber)
                .query(Integer.class).single() > 0;
    }

    public void unlock(UUID id) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?")
                .param(id).update();
    }

    /**
     * A new password; {@code chosenByOthers} when somebody other than its holder chose it (a reset), so that he changes
     * it before anything else. The one it replaces joins the person's earlier passwords (their hashes), of which the
     * {@code earlierKept} latest are kept for {@link #earlierPasswords} and the rest deleted (FENGQIAO_PASSWORD_HISTORY
     * less the current one; none kept at 0 or 1). {@code at} is the moment of the change by the application's clock:
     * the password's age ({@link PasswordExpiry}) is measured against that clock, and a time taken from the
     * database's now() would put the expiry off by whatever the two clocks differ (a test's MovableClock, a server
     * whose clock drifts from the database's).
     */
    public void changePassword(UUID id, String hash, boolean chosenByOthers, int earlierKept, Instant at) {
        forgetHolders();
        jdbc.sql("""
                INSERT INTO password_history (staff_id, password_hash)
                SELECT id, password_hash FROM staff WHERE id = ? AND password_hash IS NOT NULL""").param(id).update();
        jdbc.sql("""
                DELETE FROM password_history WHERE staff_id = ? AND id NOT IN (
                    SELECT id FROM password_history WHERE staff_id = ? ORDER BY id DESC LIMIT ?)""")
                .params(id, id, Math.max(earlierKept, 0)).update();
        jdbc.sql("""
                UPDATE staff SET password_hash = ?, password_changed_at = ?, password_must_change = ?,
                       version = version + 1
                WHERE id = ?""").params(hash, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), chosenByOthers, id).update();
    }

    /**
     * The hashes of the {@code count} passwords this person held before the current one, the latest first (as many as
     * are kept: {@link #changePassword}).
     */
    public List<String> earlierPasswords(UUID id, int count) {
        return count <= 0 ? List.of() : jdbc.sql("""
                SELECT password_hash FROM password_history WHERE staff_id = ? ORDER BY id DESC LIMIT ?""")
                .params(id, count).query(String.class).list();
    }

    /** A sign-in; {@code chosenByOthers} and {@code at} as for {@link #changePassword}. */
    public void setAccount(UUID id, String username, String hash, boolean chosenByOthers, Instant at) {
        forgetHolders();
        jdbc.sql("""
                UPDATE staff SET username = ?, password_hash = ?, password_changed_at = ?, password_must_change = ?,
                       version = version + 1
                WHERE id = ?""").params(username, hash, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), chosenByOthers,
                id).update();
    }

    /** The password set at installation (FENGQIAO_INIT_PASSWORD) is changed by each administrator first. */
    public void requirePasswordChange(UUID id) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET password_must_change = true, version = version + 1 WHERE id = ?").param(id).update();
    }

    public void setRole(UUID id, StaffRole role) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET role = ?, version = version + 1 WHERE id = ?").params(role.name(), id).update();
    }

    public void setActive(UUID id, boolean active) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET active = ?, version = version + 1 WHERE id = ?").params(active, id).update();
    }

    /** The person moved to another unit; his sign-in's scope follows at his next request. */
    public void setUnit(UUID id, UUID unitId) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET unit_id = ?, version = version + 1 WHERE id = ?").params(unitId, id).update();
    }

    /**
     * His grid places (a grid chief's, a manager's, any grid role) held today or from a later day, in grids outside
     * the subtree of {@code unitPath}.
     */
    public long gridPlacesOutside(UUID id, String unitPath) {
        return jdbc.sql("""
                SELECT count(*) FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN unit gu ON gu.id = g.unit_id
                WHERE r.staff_id = ? AND gu.path NOT LIKE ?
                  AND (r.ended_on IS NULL OR r.ended_on >= CAST(now() AT TIME ZONE '%s' AS date))"""
                .formatted(org.fengqiao.platform.web.LocalTimes.ZONE.getId()))
                .params(id, unitPath + "%").query(Long.class).single();
    }

    /** His places as a community's responsible officer or one of its two members (一警两员) outside {@code unitPath}. */
    public long communityPlacesOutside(UUID id, String unitPath) {
        return jdbc.sql("""
                SELECT count(*) FROM community c JOIN unit u ON u.id = c.unit_id
                WHERE ? IN (c.officer_id, c.patrol_member_id, c.security_member_id) AND u.path NOT LIKE ?""")
                .params(id, unitPath + "%").query(Long.class).single();
    }

    public void setLocale(UUID id, String locale) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET locale = ? WHERE id = ?").params(locale, id).update();
    }

    public void updateContact(UUID id, String phone, String title) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET phone = ?, title = ?, version = version + 1 WHERE id = ?").params(phone, title, id).update();
    }

    public void updateProfile(UUID id, String phone, String locale) {
        forgetHolders();
        jdbc.sql("UPDATE staff SET phone = ?, locale = ?, version = version + 1 WHERE id = ?").params(phone, locale, id).update();
    }

    static Row map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        OffsetDateTime last = rs.getObject("last_login_at", OffsetDateTime.class);
        OffsetDateTime changed = rs.getObject("password_changed_at", OffsetDateTime.class);
        return new Row(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class),
                StaffRole.valueOf(rs.getString("role")), rs.getString("name"), rs.getString("username"),
                rs.getBoolean("active"), rs.getString("police_number"), rs.getString("phone"), rs.getString("title"),
                rs.getString("password_hash"), rs.getInt("failed_logins"),
                locked == null ? null : locked.toInstant(), last == null ? null : last.toInstant(),
                rs.getString("locale"), rs.getString("unit_path"), rs.getString("unit_name"),
                rs.getBoolean("password_must_change"), changed == null ? null : changed.toInstant());
    }
}
