package org.fengqiao.backup.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The health check's disk space, of the directories whose disk running full stops the platform: the data directory
 * (the embedded database, or the audit chain's witness beside an outside one) and the backup directory (the nightly
 * copies). Spring Boot's own check measures the working directory of the process, which says nothing about either
 * when the platform is started from elsewhere or the backups are put on another disk, as README advises; this bean
 * takes its name and so its place. DOWN when one of them has less than {@code FENGQIAO_DISK_MIN_FREE} (1 GB) free;
 * the system administrator reads which one, and how much is left, in the check's details.
 */
@Component("diskSpaceHealthIndicator")
class DiskSpaceHealth extends AbstractHealthIndicator {

    /** {@code minFree}: the space below which a directory's disk makes the health check DOWN. */
    @ConfigurationProperties("fengqiao.disk")
    record Settings(@DefaultValue("1GB") DataSize minFree) {
    }

    private final DiskSpaceMetrics directories;
    private final DataSize minFree;

    DiskSpaceHealth(DiskSpaceMetrics directories, Settings settings) {
        super("The disk space of the data and backup directories could not be read");
        this.directories = directories;
        this.minFree = settings.minFree();
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up();
        Map<String, Object> measured = new LinkedHashMap<>();
        for (Path directory : directories.directories()) {
            Path measuredOn = DiskSpaceMetrics.existing(directory);
            long free = measuredOn.toFile().getUsableSpace();
            long total = measuredOn.toFile().getTotalSpace();
            // a directory on no disk at all (its whole path gone) has nothing free, which is what the platform meets
            if (free < minFree.toBytes() || !Files.exists(measuredOn)) {
                health.down();
            }
            measured.put(directory.toString(), Map.of("free", free, "total", total));
        }
        health.withDetail("directories", measured).withDetail("threshold", minFree.toBytes());
    }
}
