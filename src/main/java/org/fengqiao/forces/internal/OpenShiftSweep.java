package org.fengqiao.forces.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the patrol shifts checked in and never checked out once the time to check out has run out (twelve hours
 * after the booked end, ForcesDesk#LATE_CHECK_OUT): at their booked end, marked closed without check-out, with no
 * patrol hours. Otherwise such a shift stayed open for ever, on the member's page as still on watch, its hours and
 * points never settled. Reads only the open shifts (a partial index by end), in batches, each closed in its own
 * transaction with its state read again; ShedLock lets one instance run it at a time.
 */
@Component
public class OpenShiftSweep {

    private static final Logger log = LoggerFactory.getLogger(OpenShiftSweep.class);
    static final int BATCH = 200;

    private final ForcesDesk desk;
    private final Clock clock;

    public OpenShiftSweep(ForcesDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    @Scheduled(cron = "${fengqiao.forces.close-shifts-cron:45 */5 * * * *}")
    @SchedulerLock(name = "forces-open-shift-sweep", lockAtLeastFor = "PT10S", lockAtMostFor = "PT10M")
    public void run() {
        int closed = sweep();
        if (closed > 0) {
            log.info("Forces: {} shifts never checked out closed at their booked end", closed);
        }
    }

    /** Closes every shift whose time to check out ran out by now; answers how many. */
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int closed = 0;
        while (true) {
            List<UUID> due = desk.openPastCheckOut(now, BATCH);
            int before = closed;
            for (UUID id : due) {
                if (desk.closeUnchecked(id, now)) {
                    closed++;
                }
            }
            if (due.size() < BATCH || closed == before) {
                return closed;
            }
        }
    }
}
