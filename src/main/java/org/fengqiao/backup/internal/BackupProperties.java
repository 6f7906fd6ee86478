package org.fengqiao.backup.internal;

import org.fengqiao.platform.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * Backups of the embedded database ({@code FENGQIAO_BACKUP_*}). {@code dir}: where copies go, by default beside the
 * data directory ({@code <data dir>-backups}); put it on another disk, since a copy on the disk it copies is lost
 * with it. {@code keep}: how many copies are kept, the oldest removed after each new one. {@code cron}: when the
 * nightly copy is taken (Beijing time; {@code -} for never). A time that is no cron expression, or fewer than one
 * copy kept, refuses the start with a sentence saying which setting and how to write it.
 */
@ConfigurationProperties("fengqiao.backup")
public record BackupProperties(@DefaultValue("") String dir, @DefaultValue("7") int keep,
        @DefaultValue("0 0 3 * * *") String cron) {

    public BackupProperties {
        if (cron == null || !cron.equals("-") && !CronExpression.isValidExpression(cron)) {
            throw new StartRefused("FENGQIAO_BACKUP_CRON (fengqiao.backup.cron) is \"" + cron + "\", which is no "
                    + "cron expression: the nightly backup has no time",
                    "Write six fields, second minute hour day-of-month month day-of-week, in Beijing time: "
                    + "\"0 0 3 * * *\" backs up at 03:00 every night (the default), \"0 30 1 * * *\" at 01:30; "
                    + "\"-\" takes no nightly backup.");
        }
        if (keep < 1) {
            throw new StartRefused("FENGQIAO_BACKUP_KEEP (fengqiao.backup.keep) is " + keep
                    + ": at least one backup must be kept", "Set FENGQIAO_BACKUP_KEEP to 1 or more (7 by default).");
        }
    }
}
