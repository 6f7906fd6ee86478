package org.fengqiao.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.platform.web.LocalTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks overdue (逾期未整改) the notices still waiting for their unit's rectification after their last day, once a
 * day early in the morning in Beijing time (and once more at noon, should the instance have been down at dawn), in
 * batches, each notice in its own transaction with its state checked again. ShedLock runs it on one instance.
 */
@Component
public class NoticeOverdueSweep {

    private static final Logger log = LoggerFactory.getLogger(NoticeOverdueSweep.class);
    static final int BATCH = 200;

    private final NoticeDesk desk;
    private final Clock clock;

    public NoticeOverdueSweep(NoticeDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    @Scheduled(cron = "${fengqiao.supervision.overdue-cron:0 5 0,12 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "supervision-overdue-sweep", lockAtLeastFor = "PT10S", lockAtMostFor = "PT10M")
    public void run() {
        int marked = sweep();
        if (marked > 0) {
            log.info("Supervision: {} notices past their deadline marked overdue", marked);
        }
    }

    /** Marks every notice past its last day today; answers how many. */
    public int sweep() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, LocalTimes.ZONE);
        int marked = 0;
        while (true) {
            List<UUID> due = desk.pastDue(today, BATCH);
            int before = marked;
            for (UUID id : due) {
                if (desk.markOverdue(id, today, now)) {
                    marked++;
                }
            }
            if (due.size() < BATCH || marked == before) {
                return marked;
            }
        }
    }
}
