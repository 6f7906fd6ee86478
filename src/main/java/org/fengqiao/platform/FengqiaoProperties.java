package org.fengqiao.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator may set, each key overridable by an environment variable
 * (FENGQIAO_DATA_DIR, FENGQIAO_DB_URL, FENGQIAO_DEMO, FENGQIAO_MAP_TILE_URL, ...).
 */
@Validated
@ConfigurationProperties("fengqiao")
public record FengqiaoProperties(
        // @Valid: a nested record's constraints are checked only when asked for (without it a blank data directory
        // and a pool of 2, which the README says is refused, started the platform); Database says its own in words
        @Valid @NotNull @DefaultValue Database db,
        Boolean demo,
        @Valid @NotNull @DefaultValue Map map,
        @Valid @NotNull @DefaultValue Security security,
        @Valid @NotNull @DefaultValue Grids grids,
        @Valid @NotNull @DefaultValue Init init) {

    /**
     * The demo district is loaded into an empty database when asked for, and by default whenever
     * the embedded PostgreSQL is used; never by default on an outside database.
     */
    public boolean demoEnabled() {
        return demo != null ? demo : db.embedded();
    }

    /** Empty url means: start the embedded PostgreSQL in dataDir. */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @NotBlank @DefaultValue("./data") String dataDir,
            @DefaultValue("0") int embeddedPort,
            @jakarta.validation.constraints.Min(4) @DefaultValue("20") int poolSize) {

        /**
         * The limits the README's settings table states, refused at the start in words that name the variable the
         * engineer set (a bean validation message names fengqiao.db.poolSize, which he never wrote).
         */
        public Database {
            if (poolSize < 4) {
                throw new StartRefused("FENGQIAO_DB_POOL (fengqiao.db.pool-size) is " + poolSize + ": the platform "
                        + "needs at least 4 connections to the database",
                        "Set FENGQIAO_DB_POOL to 4 or more (20 by default): a few per processor core of the database "
                        + "machine.");
            }
            if (dataDir == null || dataDir.isBlank()) {
                throw new StartRefused("FENGQIAO_DATA_DIR (fengqiao.db.data-dir) is empty: the platform has no "
                        + "directory for its embedded database, or for the audit chain's witness beside an outside one",
                        "Set FENGQIAO_DATA_DIR to a directory, an absolute path when starting with java -jar "
                        + "(./data by default).");
            }
        }

        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * The tile source of the grid map; the map still draws boundaries when it is unreachable. An empty attribution
     * credits the default source (高德地图) in the reader's language.
     */
    public record Map(
            @DefaultValue("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}") String tileUrl,
            @DefaultValue("1,2,3,4") String tileSubdomains,
            @DefaultValue("") String tileAttribution) {
    }

    public record Security(
            @DefaultValue("5") int maxFailedLogins,
            @NotNull @DefaultValue("15m") Duration lockout,
            @NotNull @DefaultValue("30m") Duration sessionIdle,
            @NotNull @DefaultValue("12h") Duration tokenLifetime,
            @DefaultValue("5") int passwordHistory,
            @NotNull @DefaultValue("90d") Duration passwordMaxAge) {

        /** The most earlier passwords kept to compare a new one with (each comparison is a slow hash). */
        public static final int MAX_PASSWORD_HISTORY = 24;

        /**
         * Refused at the start in words naming the variable: no count would lock an account at its first failed
         * sign-in, and no time would leave a locked account open to guessing at once; a password history beyond
         * {@link #MAX_PASSWORD_HISTORY}, or a maximum age under a day (a bare "90" is 90 milliseconds), is a mistake.
         */
        public Security {
            if (maxFailedLogins < 1) {
                throw new StartRefused("FENGQIAO_MAX_FAILED_LOGINS (fengqiao.security.max-failed-logins) is "
                        + maxFailedLogins + ": an account would be locked at its first failed sign-in",
                        "Set FENGQIAO_MAX_FAILED_LOGINS to 1 or more (5 by default).");
            }
            if (lockout != null && (lockout.isNegative() || lockout.isZero())) {
                throw new StartRefused("FENGQIAO_LOCKOUT (fengqiao.security.lockout) is " + lockout
                        + ": a locked account would be open to guessing again at once",
                        "Set FENGQIAO_LOCKOUT to a time, e.g. 15m (the default) or 1h.");
            }
            if (passwordHistory < 0 || passwordHistory > MAX_PASSWORD_HISTORY) {
                throw new StartRefused("FENGQIAO_PASSWORD_HISTORY (fengqiao.security.password-history) is "
                        + passwordHistory + ": it counts the latest passwords a new one may not repeat, from 0 to "
                        + MAX_PASSWORD_HISTORY,
                        "Set FENGQIAO_PASSWORD_HISTORY to a number from 0 (off: only the current password is refused) "
                        + "to " + MAX_PASSWORD_HISTORY + " (5 by default).");
            }
            // a number without a unit is read as milliseconds: "90" would make every password expire at once
            if (passwordMaxAge != null && (passwordMaxAge.isNegative()
                    || !passwordMaxAge.isZero() && passwordMaxAge.compareTo(Duration.ofDays(1)) < 0)) {
                throw new StartRefused("FENGQIAO_PASSWORD_MAX_AGE (fengqiao.security.password-max-age) is "
                        + passwordMaxAge + ": every password would expire within a day of being set",
                        "Set FENGQIAO_PASSWORD_MAX_AGE to a number of days with its unit, e.g. 90d (the default), or "
                        + "0 for passwords that never expire.");
            }
        }
    }

    /**
     * The first start of an installation without the demo: the bureau at the root of the tree and
     * the initial password of the three separated administrators (sysadmin, secadmin, auditadmin),
     * each of whom must change it. Ignored once the database holds a unit.
     */
    public record Init(
            @DefaultValue("") String bureauName,
            @DefaultValue("") String divisionCode,
            @DefaultValue("") String password) {

        /**
         * The bureau's division code becomes its code and names its county on every address below it: a code that is
         * no county of the shipped tables (a typo, a province's or a township's code) is refused at the start, naming
         * the variable, instead of a bureau created with it.
         */
        public Init {
            divisionCode = divisionCode == null ? "" : divisionCode.strip();
            if (!divisionCode.isEmpty() && !ShippedCounties.contains(divisionCode)) {
                throw new StartRefused("FENGQIAO_INIT_DIVISION (fengqiao.init.division-code) is \"" + divisionCode
                        + "\", which is no county of the administrative division tables (GB/T 2260)",
                        "Set FENGQIAO_INIT_DIVISION to the six-digit code of the bureau's county, district or "
                        + "county-level city, e.g. 320722 for 东海县, or leave it empty.");
            }
        }

        public boolean requested() {
            return !bureauName.isBlank() && !password.isBlank();
        }
    }

    /** How often each instance checks whether another instance changed the grids. */
    public record Grids(@NotNull @DefaultValue("2s") Duration syncInterval) {
    }
}
