package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.KeyPersonVisitOverdue;
import org.fengqiao.population.PersonId;
import org.fengqiao.population.Residence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks for key persons whose visit is overdue and announces each overdue period once, as a
 * {@link KeyPersonVisitOverdue} event for the grid chief: the period is noted in
 * {@code overdue_notice} (keyed by person and the day the rhythm counts from) in the same transaction
 * as the event is published, so a later sweep, on this instance or another, stays silent until a new
 * visit starts a new period. ShedLock lets one instance run it at a time.
 */
@Component
public class OverdueSweep {

    private static final Logger log = LoggerFactory.getLogger(OverdueSweep.class);

    private final KeyPersons keyPersons;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VisitRhythm rhythm;

    public OverdueSweep(KeyPersons keyPersons, ApplicationEventPublisher events, Clock clock, CareProperties properties) {
        this.keyPersons = keyPersons;
        this.events = events;
        this.clock = clock;
        this.rhythm = new VisitRhythm(properties.rhythm());
    }

    @Scheduled(cron = "${fengqiao.care.sweep-cron:0 5 * * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "key-person-overdue-sweep", lockAtLeastFor = "PT1M", lockAtMostFor = "PT30M")
    @Transactional
    public void run() {
        int announced = sweep(null);
        if (announced > 0) {
            log.info("Key-person visits overdue: {} new overdue periods announced", announced);
        }
    }

    /** Announces the new overdue periods of every key person (or of one grid's); answers how many. */
    @Transactional
    public int sweep(UUID gridId) {
        LocalDate today = LocalDate.now(clock.withZone(KeyPersons.LOCAL));
        int announced = 0;
        for (KeyPersons.Row r : keyPersons.all(gridId)) {
            VisitRhythm.Status s = rhythm.status(r.risk(), r.since(), r.lastVisitOn(),
                    r.residence() == Residence.LEFT, today);
            if (s.overdue() && keyPersons.notice(r.id(), s.countedFrom(), s.nextDue(), r.gridId())) {
                events.publishEvent(new KeyPersonVisitOverdue(new PersonId(r.id()), r.name(), new GridId(r.gridId()),
                        r.unitPath(), s.risk(), s.countedFrom(), s.nextDue(),
                        keyPersons.gridChiefs(r.gridId(), today)));
                announced++;
            }
        }
        return announced;
    }
}
