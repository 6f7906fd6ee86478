package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.Category;
import org.fengqiao.population.LeftBehindChildTurned16;
import org.fengqiao.population.PersonId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes the left-behind child (留守儿童) category from every child who is 16 or older ({@link LeftBehindChildPolicy}),
 * on the day he turns 16: through {@link PersonCategories#apply} like a removal by hand, so his care agreement in force
 * ends that day, with the reason {@link CareAgreements#TURNED_16}. Each change is audited as the system (the person's
 * categories before and after, and the agreement's end), and his grid's chiefs are told
 * ({@link LeftBehindChildTurned16}).
 *
 * <p>Runs every day ten minutes after midnight (Asia/Shanghai; {@code fengqiao.care.age-sweep-cron}, "-" switches it
 * off) under ShedLock, so one instance runs it at a time. It takes whoever is 16 or older and still has the category,
 * so a day it did not run is made up the next, and running it again changes nothing more.
 *
 * <p>Like every change of a person's categories it raises the person's version, so an edit form opened before the sweep
 * is refused as made from a changed record (the stale-form answer), not by the age rule it could not know of.
 */
@Component
public class LeftBehindAgeSweep {

    private static final Logger log = LoggerFactory.getLogger(LeftBehindAgeSweep.class);

    private final JdbcClient jdbc;
    private final PersonCategories categories;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public LeftBehindAgeSweep(JdbcClient jdbc, PersonCategories categories, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(cron = "${fengqiao.care.age-sweep-cron:0 10 0 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "left-behind-age-sweep", lockAtLeastFor = "PT1M", lockAtMostFor = "PT30M")
    @Transactional
    public void run() {
        int taken = sweep(null);
        if (taken > 0) {
            log.info("Left-behind children turned 16: the category taken from {}", taken);
        }
    }

    /** Takes the category from every child of 16 or older (of one grid only, when given); answers how many. */
    @Transactional
    public int sweep(UUID gridId) {
        LocalDate today = LocalDate.now(clock.withZone(KeyPersons.LOCAL));
        record Child(UUID id, String name, LocalDate birthDate, UUID grid, String gridName, String unitPath) {
        }
        // the persons' rows locked, in the order a form saving one takes them (the person, then his categories), so
        // such a form waits, and then finds the person's version raised: refused as stale, nothing written
        List<Child> locked = jdbc.sql("""
                SELECT p.id, p.name, p.birth_date, p.grid_id, g.name, u.path
                FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE p.birth_date <= :limit
                  AND EXISTS (SELECT 1 FROM person_category c
                              WHERE c.person_id = p.id AND c.category = 'LEFT_BEHIND_CHILD')
                  AND (CAST(:grid AS uuid) IS NULL OR p.grid_id = CAST(:grid AS uuid))
                ORDER BY p.id FOR UPDATE OF p""")
                .param("limit", LeftBehindChildPolicy.bornOnOrBefore(today)).param("grid", gridId)
                .query((rs, n) -> new Child(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
                .list();
        if (locked.isEmpty()) {
            return 0;
        }
        // read once the rows are locked: a child whose category an officer took away meanwhile is no change
        Map<UUID, List<String>> stored = categories.stored(locked.stream().map(Child::id).toList());
        List<Child> children = new ArrayList<>();
        List<PersonCategories.Change> changes = new ArrayList<>();
        for (Child c : locked) {
            List<String> before = stored.getOrDefault(c.id(), List.of());
            if (!before.contains(Category.LEFT_BEHIND_CHILD.name())) {
                continue;
            }
            List<String> after = before.stream().filter(code -> !code.equals(Category.LEFT_BEHIND_CHILD.name())).toList();
            children.add(c);
            changes.add(new PersonCategories.Change(c.id(), before, after));
        }
        if (children.isEmpty()) {
            return 0;
        }
        PersonCategories.Applied applied = categories.apply(changes, null, CareAgreements.TURNED_16);
        Map<UUID, LocalDate> ended = new HashMap<>();
        for (PersonCategories.EndedAgreement a : applied.endedAgreements()) {
            ended.put(a.personId(), a.endedOn());
        }
        Map<UUID, List<UUID>> chiefs = categories.gridChiefs(children.stream().map(Child::grid).distinct().toList(),
                today);
        Instant at = clock.instant();
        for (int i = 0; i < children.size(); i++) {
            Child c = children.get(i);
            PersonCategories.Change change = changes.get(i);
            LocalDate turned16 = LeftBehindChildPolicy.turns16On(c.birthDate());
            events.publishEvent(Audited.updated("person", c.id(), c.unitPath(),
                    Map.of("categories", change.before()),
                    Map.of("categories", change.after(), "reason", CareAgreements.TURNED_16,
                            "turned16On", turned16.toString())).by(SystemActor.SYSTEM));
            events.publishEvent(new LeftBehindChildTurned16(new PersonId(c.id()), c.name(), new GridId(c.grid()),
                    c.gridName(), c.unitPath(), turned16, ended.get(c.id()),
                    List.copyOf(chiefs.getOrDefault(c.grid(), List.of())), at));
        }
        for (PersonCategories.EndedAgreement a : applied.endedAgreements()) {
            events.publishEvent(Audited.updated("care-agreement", a.agreementId(), a.unitPath(),
                    Map.of("endedOn", "null"), Map.of("endedOn", a.endedOn().toString(),
                            "endedReason", CareAgreements.TURNED_16)).by(SystemActor.SYSTEM));
        }
        return children.size();
    }
}
