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
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.KeyPersonVisited;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Risk;
import org.junit.jupiter.api.Test;

/** A visit announces the key persons it reached only where it is their latest, so it restarts their rhythm. */
class VisitedKeyPersonsTests {

    static final OffsetDateTime VISIT = OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    final List<Object> published = new ArrayList<>();
    final VisitedKeyPersons visited = new VisitedKeyPersons(published::add,
            Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC));

    static KeyPersons.Row lastVisited(OffsetDateTime lastVisitAt) {
        return new KeyPersons.Row(UUID.randomUUID(), "重点", UUID.randomUUID(), "FS-1-01", "第1网格", "/1/2/",
                UUID.randomUUID(), "H-1", false, Residence.PERMANENT, KeyPersonType.DRUG, Risk.HIGH,
                LocalDate.of(2026, 1, 1), 1, lastVisitAt);
    }

    @Test
    void aVisitAfterTheLastOrTheFirstVisitAnnouncesThePerson() {
        KeyPersons.Row never = lastVisited(null);
        KeyPersons.Row before = lastVisited(VISIT.minusDays(20));
        visited.announce(List.of(never, before), VISIT);
        assertThat(published).extracting(e -> ((KeyPersonVisited) e).person().value())
                .containsExactly(never.id(), before.id());
        KeyPersonVisited first = (KeyPersonVisited) published.get(0);
        assertThat(first.visitedAt()).isEqualTo(VISIT);
        assertThat(first.unitPath()).isEqualTo("/1/2/");
        assertThat(first.at()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
    }

    @Test
    void aVisitEnteredLateForADayBeforeHisLastOneAnnouncesNothing() {
        visited.announce(List.of(lastVisited(VISIT.plusDays(2))), VISIT);
        assertThat(published).isEmpty();
    }
}
