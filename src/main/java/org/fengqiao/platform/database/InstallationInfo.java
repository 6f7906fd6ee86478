package org.fengqiao.platform.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.fengqiao.platform.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the engineer asks first of a running instance before an upgrade, a restore or a support call: which build it is
 * (version, when it was built, and the commit when the build was given one: ./run and ./test give git's), on which
 * Java, and which database and schema version it stands on. Told, as the health check's details are, to the system
 * administrator's token only (SYSTEM_METRICS): exact versions tell an attacker which known flaws to try. Anyone else
 * reads an empty answer. Spring Boot's own build and git contributors are switched off (application.yml), as they would
 * tell everyone.
 */
@Component
class InstallationInfo implements InfoContributor {

    private final DataSource dataSource;
    private final ObjectProvider<BuildProperties> build;

    InstallationInfo(DataSource dataSource, ObjectProvider<BuildProperties> build) {
        this.dataSource = dataSource;
        this.build = build;
    }

    @Override
    public void contribute(Info.Builder info) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller.getAuthorities().stream()
                .noneMatch(granted -> granted.getAuthority().equals(Permission.SYSTEM_METRICS.authority()))) {
            return;
        }
        Map<String, Object> built = new LinkedHashMap<>();
        BuildProperties properties = build.getIfAvailable();
        if (properties != null) {
            built.put("version", properties.getVersion());
            built.put("time", properties.getTime());
        }
        String commit = properties == null ? null : properties.get("commit");
        // "unknown" when the build was given none (the pom's default: a source tarball, a bare mvn package)
        if (commit != null && !commit.isBlank() && !commit.strip().equals("unknown")) {
            built.put("commit", commit.strip());
        }
        if (!built.isEmpty()) {
            info.withDetail("build", built);
        }
        info.withDetail("java", Map.of("version", System.getProperty("java.version"),
                "vendor", String.valueOf(System.getProperty("java.vendor"))));
        info.withDetail("database", database());
    }

    /** The database's version and the schema's (the last migration applied); why not when it does not answer. */
    private Map<String, Object> database() {
        Map<String, Object> database = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement s = connection.createStatement()) {
            database.put("product", connection.getMetaData().getDatabaseProductName());
            database.put("version", connection.getMetaData().getDatabaseProductVersion());
            try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success "
                    + "AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                if (rs.next()) {
                    database.put("schemaVersion", rs.getString(1));
                }
            }
        } catch (SQLException e) {
            database.put("error", e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse(""));
        }
        return database;
    }
}
