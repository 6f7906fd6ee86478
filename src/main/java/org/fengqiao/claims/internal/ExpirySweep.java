package org.fengqiao.claims.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires the active claims past their deadline, on its own: reads only those (a partial index of active claims by
 * deadline), in batches, each in its own transaction with its state checked again; the item returns to the board.
 * ShedLock lets one instance run it at a time.
 */
@Component
public class ExpirySweep {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);
    static final int BATCH = 200;

    private final Board board;
    private final ClaimDesk desk;
    private final Clock clock;

    public ExpirySweep(Board board, ClaimDesk desk, Clock clock) {
        this.board = board;
        this.desk = desk;
        this.clock = clock;
    }

    @Scheduled(cron = "${fengqiao.claims.expiry-cron:15 * * * * *}")
    @SchedulerLock(name = "claims-expiry-sweep", lockAtLeastFor = "PT10S", lockAtMostFor = "PT10M")
    public void run() {
        int expired = sweep(null);
        if (expired > 0) {
            log.info("Hard cases: {} claims past their deadline expired, their items back on the board", expired);
        }
    }

    /** Expires the claims (of every grid, or of one) past their deadline now; answers how many. */
    public int sweep(UUID gridId) {
        Instant now = clock.instant();
        int expired = 0;
        while (true) {
            List<UUID> due = board.overdue(now, gridId, BATCH);
            if (due.isEmpty()) {
                return expired;
            }
            int before = expired;
            for (UUID id : due) {
                if (desk.expire(id, now)) {
                    expired++;
                }
            }
            if (expired == before) {
                return expired;
            }
        }
    }
}
