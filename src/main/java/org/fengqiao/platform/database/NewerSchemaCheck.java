package org.fengqiao.platform.database;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.fengqiao.platform.StartRefused;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An older build started on a database a newer one migrated (the engineer went back to the old version without
 * restoring the backup taken before the upgrade): Flyway by default ignores migrations applied that this build does
 * not have, and the old code would write into tables whose columns and constraints it does not know, records the
 * newer build then reads wrong. The start is refused before anything is migrated or written, saying which versions
 * and what to do.
 */
@Configuration(proxyBeanMethods = false)
class NewerSchemaCheck {

    @Bean
    FlywayMigrationStrategy migrateUnlessTheSchemaIsNewer() {
        return flyway -> {
            refuseANewerSchema(flyway);
            flyway.migrate();
        };
    }

    static void refuseANewerSchema(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        Optional<MigrationInfo> newest = Arrays.stream(all)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .filter(m -> m.getVersion() != null)
                .max(Comparator.comparing(MigrationInfo::getVersion));
        if (newest.isEmpty()) {
            return;
        }
        String known = Arrays.stream(all)
                .filter(m -> m.getVersion() != null && m.getState().isResolved())
                .map(MigrationInfo::getVersion).max(Comparator.naturalOrder())
                .map(v -> "version " + v.getVersion()).orElse("no version");
        MigrationInfo future = newest.get();
        throw new StartRefused("The database's schema is at version " + future.getVersion().getVersion() + " (\""
                + future.getDescription() + "\"), migrated by a newer build of Fengqiao; this build knows the schema up to "
                + known + " and would write records the newer build reads wrong",
                "Start the newer build again; or, to go back to this version, restore the backup taken before the "
                + "upgrade (README, backup and restore) and start this build on it.");
    }
}
