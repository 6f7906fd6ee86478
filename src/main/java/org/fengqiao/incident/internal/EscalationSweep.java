package org.fengqiao.incident.internal;

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
 * Moves every open incident whose deadline passed up one level (seed 004's four-level handling), on its
 * own. It reads only the items due ({@code next_escalation_at <= now} on a partial index of open items),
 * in batches, each item in its own transaction with its row locked and its deadline checked again;
 * ShedLock lets one instance run it at a time.
 */
@Component
public class EscalationSweep {

    private static final Logger log = LoggerFactory.getLogger(EscalationSweep.class);
    static final int BATCH = 200;

    private final Incidents incidents;
    private final IncidentDesk desk;
    private final Clock clock;

    public EscalationSweep(Incidents incidents, IncidentDesk desk, Clock clock) {
        this.incidents = incidents;
        this.desk = desk;
        this.clock = clock;
    }

    @Scheduled(cron = "${fengqiao.incident.escalation.sweep-cron:0 * * * * *}")
    @SchedulerLock(name = "incident-escalation-sweep", lockAtLeastFor = "PT10S", lockAtMostFor = "PT10M")
    public void run() {
        int moved = sweep(null);
        if (moved > 0) {
            log.info("Incident escalation: {} overdue items moved up one level", moved);
        }
    }

    /** Moves up the items due now (of every grid, or of one); answers how many moved. */
    public int sweep(UUID gridId) {
        Instant now = clock.instant();
        int moved = 0;
        while (true) {
            List<UUID> due = incidents.due(now, gridId, BATCH);
            if (due.isEmpty()) {
                return moved;
            }
            int before = moved;
            for (UUID id : due) {
                if (desk.escalateOverdue(id, now)) {
                    moved++;
                }
            }
            if (moved == before) {
                return moved;
            }
        }
    }
}
