package org.fengqiao.backup.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.platform.Conflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The nightly copy of the embedded database ({@code fengqiao.backup.cron}, Beijing time); nothing on an outside one. */
@Component
class NightlyBackup {

    private static final Logger log = LoggerFactory.getLogger(NightlyBackup.class);

    private final Backups backups;

    NightlyBackup(Backups backups) {
        this.backups = backups;
    }

    @Scheduled(cron = "${fengqiao.backup.cron:0 0 3 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "embedded-backup", lockAtLeastFor = "PT1M", lockAtMostFor = "PT6H")
    public void run() {
        if (!backups.available()) {
            return;
        }
        try {
            backups.take("nightly");
        } catch (Conflict refused) {
            // kept as a failed run, shown on the backups page; the log says it for whoever reads it
            log.error("The nightly backup was not taken: {} {}", refused.key(), java.util.Arrays.toString(refused.args()));
        }
    }
}
