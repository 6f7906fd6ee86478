package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.population.HouseholdVisited;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.KeyPersonVisited;
import org.fengqiao.population.KeyPersonsReached;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Risk;
import org.junit.jupiter.api.Test;

/**
 * A visit announces the key persons it reached only where it is their latest, so it restarts their rhythm; once, that it
 * reached key persons at all; and the household it visited, with its visitor and what the visit day made of it.
 */
class VisitAnnouncementsTests {

    static final OffsetDateTime VISIT = OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    final List<Object> published = new ArrayList<>();
    static final UUID OFFICER = UUID.randomUUID();
    final List<LocalDate> asked = new ArrayList<>();
    final VisitAnnouncements visited = new VisitAnnouncements(published::add,
            Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC), (household, day) -> {
                asked.add(day);
                return new VisitLog.HouseholdOn(true, false);
            });

    static VisitAnnouncements.Recorded visit(UUID household, OffsetDateTime at) {
        return new VisitAnnouncements.Recorded(UUID.randomUUID(), household, UUID.randomUUID(), "/1/2/", OFFICER, at);
    }

    static KeyPersons.Row lastVisited(OffsetDateTime lastVisitAt) {
        return new KeyPersons.Row(UUID.randomUUID(), "重点", UUID.randomUUID(), "FS-1-01", "第1网格", "/1/2/",
                UUID.randomUUID(), "H-1", false, Residence.PERMANENT, KeyPersonType.DRUG, Risk.HIGH,
                LocalDate.of(2026, 1, 1), 1, lastVisitAt);
    }

    @Test
    void aVisitAfterTheLastOrTheFirstVisitAnnouncesThePerson() {
        KeyPersons.Row never = lastVisited(null);
        KeyPersons.Row before = lastVisited(VISIT.minusDays(20));
        VisitAnnouncements.Recorded v = visit(null, VISIT);
        visited.announce(v, List.of(never, before));
        assertThat(announced(KeyPersonVisited.class)).extracting(e -> e.person().value())
                .containsExactly(never.id(), before.id());
        KeyPersonVisited first = announced(KeyPersonVisited.class).get(0);
        assertThat(first.visitedAt()).isEqualTo(VISIT);
        assertThat(first.unitPath()).isEqualTo("/1/2/");
        assertThat(first.at()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
        assertThat(first.visit().value()).isEqualTo(v.visit());
        assertThat(first.visitedBy()).as("who visited: the duty checklist ticks his key-person talk").isEqualTo(OFFICER);
    }

    @Test
    void aVisitEnteredLateForADayBeforeHisLastOneRestartsNothingButStillCountsAsTheVisitorsTalk() {
        VisitAnnouncements.Recorded v = visit(null, VISIT);
        visited.announce(v, List.of(lastVisited(VISIT.plusDays(2))));
        assertThat(announced(KeyPersonVisited.class)).isEmpty();
        assertThat(announced(KeyPersonsReached.class)).singleElement().satisfies(r -> {
            assertThat(r.visit().value()).isEqualTo(v.visit());
            assertThat(r.visitedBy()).isEqualTo(OFFICER);
            assertThat(r.keyPersons()).isEqualTo(1);
        });
    }

    @Test
    void aVisitReachingSeveralKeyPersonsSaysSoOnceAndOneReachingNoneDoesNot() {
        visited.announce(visit(null, VISIT), List.of(lastVisited(null), lastVisited(VISIT.minusDays(3))));
        assertThat(announced(KeyPersonsReached.class)).singleElement()
                .satisfies(r -> assertThat(r.keyPersons()).isEqualTo(2));
        published.clear();
        visited.announce(visit(UUID.randomUUID(), VISIT), List.of());
        assertThat(announced(KeyPersonsReached.class)).isEmpty();
    }

    <T> List<T> announced(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aVisitToAHouseholdAnnouncesTheHouseholdAsItWasOnTheVisitDayInChinaStandardTime() {
        UUID household = UUID.randomUUID();
        // 23:30 UTC on the 9th is the 10th in China
        visited.announce(visit(household, OffsetDateTime.of(2026, 3, 9, 23, 30, 0, 0, ZoneOffset.UTC)), List.of());
        assertThat(asked).containsExactly(LocalDate.of(2026, 3, 10));
        HouseholdVisited h = (HouseholdVisited) published.get(0);
        assertThat(h.household().value()).isEqualTo(household);
        assertThat(h.visitedBy()).isEqualTo(OFFICER);
        assertThat(h.rental()).isTrue();
        assertThat(h.floating()).isFalse();
    }
}
