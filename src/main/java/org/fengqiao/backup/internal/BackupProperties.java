package org.fengqiao.backup.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backups of the embedded database ({@code FENGQIAO_BACKUP_*}). {@code dir}: where copies go, by default beside the
 * data directory ({@code <data dir>-backups}); put it on another disk, since a copy on the disk it copies is lost
 * with it. {@code keep}: how many copies are kept, the oldest removed after each new one. {@code cron}: when the
 * nightly copy is taken (Beijing time; {@code -} for never).
 */
@ConfigurationProperties("fengqiao.backup")
public record BackupProperties(@DefaultValue("") String dir, @DefaultValue("7") int keep,
        @DefaultValue("0 0 3 * * *") String cron) {
}
