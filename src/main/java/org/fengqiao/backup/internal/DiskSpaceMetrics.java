package org.fengqiao.backup.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.boot.actuate.metrics.system.DiskSpaceMetricsBinder;
import org.springframework.stereotype.Component;

/**
 * The disk.free and disk.total metrics of the directories whose disk running full stops the platform: the data
 * directory (the embedded database, or the audit chain's witness beside an outside one) and the backup directory,
 * where the nightly copies pile up (README puts it on another disk). Spring Boot's own binder measures the working
 * directory of the process, which says nothing about either when the platform is started from elsewhere; this bean
 * takes its place. A directory not yet made (no backup taken so far) is measured on the nearest one above it, the disk
 * it will be made on, instead of reading as a disk with no space at all.
 */
@Component
class DiskSpaceMetrics extends DiskSpaceMetricsBinder {

    private final Set<Path> directories;

    DiskSpaceMetrics(FengqiaoProperties platform, Backups backups) {
        super(directories(platform, backups).stream().map(Path::toFile).toList(), Tags.empty());
        this.directories = directories(platform, backups);
    }

    /** The data directory, and the backup directory when backups are taken (of the embedded database only). */
    private static Set<Path> directories(FengqiaoProperties platform, Backups backups) {
        Set<Path> all = new LinkedHashSet<>();
        all.add(Path.of(platform.db().dataDir()).toAbsolutePath().normalize());
        if (backups.available()) {
            all.add(backups.directory());
        }
        return all;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Path directory : directories) {
            Tags tags = Tags.of("path", directory.toString());
            gauge(registry, "disk.free", "Usable space for path", tags, directory, File::getUsableSpace);
            gauge(registry, "disk.total", "Total space for path", tags, directory, File::getTotalSpace);
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, Tags tags, Path directory,
            ToLongFunction<File> space) {
        Gauge.builder(name, directory, d -> space.applyAsLong(existing(d).toFile()))
                .tags(tags).description(description).baseUnit("bytes").strongReference(true).register(registry);
    }

    /** The directories measured: the data directory, and the backup directory when backups are taken. */
    Set<Path> directories() {
        return directories;
    }

    static Path existing(Path directory) {
        Path p = directory;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null ? p : directory;
    }
}
