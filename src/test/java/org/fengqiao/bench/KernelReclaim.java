package org.fengqiao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether the kernel's proactive reclaim (DAMON, {@code /sys/kernel/mm/damon}) runs on this machine while a bench
 * measures. A kdamond paging out memory idle for a minute doubled the search's p99 in the twenty-ninth session's pairs,
 * health checks included, while using little processor time itself; so every bench prints its state beside the figures.
 * {@code bench/damon.sh off|on} switches it (as root).
 */
final class KernelReclaim {

    private static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    private KernelReclaim() {
    }

    /** One line: which kdamonds run and what their schemes do, or that none runs. */
    static String describe() {
        List<String> running = new ArrayList<>();
        try (Stream<Path> kdamonds = Files.list(KDAMONDS)) {
            for (Path k : kdamonds.filter(Files::isDirectory).sorted().toList()) {
                if (!"on".equals(read(k.resolve("state")))) {
                    continue;
                }
                List<String> schemes = new ArrayList<>();
                try (Stream<Path> contexts = Files.list(k.resolve("contexts"))) {
                    for (Path c : contexts.filter(Files::isDirectory).toList()) {
                        long aggregationMicros = Long.parseLong(read(c.resolve("monitoring_attrs/intervals/aggr_us")));
                        try (Stream<Path> list = Files.list(c.resolve("schemes"))) {
                            for (Path s : list.filter(Files::isDirectory).sorted().toList()) {
                                long minAge = Long.parseLong(read(s.resolve("access_pattern/age/min")));
                                long quotaBytes = Long.parseLong(read(s.resolve("quotas/bytes")));
                                long resetMillis = Long.parseLong(read(s.resolve("quotas/reset_interval_ms")));
                                schemes.add(String.format(Locale.ROOT, "%s of memory idle >= %.0f s%s", read(s.resolve("action")),
                                        minAge * aggregationMicros / 1e6, quotaBytes == 0 || resetMillis == 0 ? ""
                                                : String.format(Locale.ROOT, ", up to %.0f MB/s", quotaBytes / 1048576.0 * 1000 / resetMillis)));
                            }
                        }
                    }
                }
                running.add("kdamond " + k.getFileName() + (schemes.isEmpty() ? " monitoring only" : ": " + String.join("; ", schemes)));
            }
        } catch (IOException | RuntimeException e) {
            return "kernel: DAMON not readable here (" + e.getClass().getSimpleName() + ")";
        }
        return running.isEmpty() ? "kernel: no DAMON kdamond running (proactive reclaim off)"
                : "kernel: DAMON proactive reclaim ON (" + String.join(", ", running)
                        + "): latency tails about twice as long as without it; bench/damon.sh off turns it off";
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}
