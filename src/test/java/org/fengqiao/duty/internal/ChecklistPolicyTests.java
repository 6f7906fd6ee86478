package org.fengqiao.duty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.fengqiao.duty.DutyPeriod;
import org.junit.jupiter.api.Test;

class ChecklistPolicyTests {

    static final LocalDate THURSDAY = LocalDate.of(2026, 12, 3);
    final ChecklistPolicy policy = new ChecklistPolicy(new DutyProperties(null, null).items());

    static ChecklistPolicy.Decision of(List<ChecklistPolicy.Decision> decisions, String code) {
        return decisions.stream().filter(d -> d.item().code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void theSeedsRhythmHasFifteenDutiesThreeFiveFourThree() {
        DutyProperties rhythm = new DutyProperties(null, null);
        assertThat(rhythm.items()).hasSize(15);
        assertThat(rhythm.of(DutyPeriod.DAY)).hasSize(3);
        assertThat(rhythm.of(DutyPeriod.WEEK)).hasSize(5);
        assertThat(rhythm.of(DutyPeriod.MONTH)).hasSize(4);
        assertThat(rhythm.of(DutyPeriod.QUARTER)).hasSize(3);
    }

    @Test
    void aDutyRecordedTwiceInItsPeriodCountsOnceAndBothAreCounted() {
        List<ChecklistPolicy.Decision> now = policy.current(THURSDAY, List.of(
                new ChecklistPolicy.Done("law-publicity", LocalDate.of(2026, 11, 30), false),
                new ChecklistPolicy.Done("law-publicity", THURSDAY, false)));
        assertThat(of(now, "law-publicity").state()).isEqualTo(ChecklistPolicy.State.DONE);
        assertThat(of(now, "law-publicity").records()).isEqualTo(2);
        assertThat(now.stream().filter(d -> d.state() == ChecklistPolicy.State.DONE)).hasSize(1);
        assertThat(of(now, "law-publicity").start()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void aRecordOfTheWeekBeforeOrAWithdrawnOneLeavesTheDutyDue() {
        List<ChecklistPolicy.Decision> now = policy.current(THURSDAY, List.of(
                new ChecklistPolicy.Done("law-publicity", LocalDate.of(2026, 11, 29), false),
                new ChecklistPolicy.Done("patrol", THURSDAY, true)));
        assertThat(of(now, "law-publicity").state()).isEqualTo(ChecklistPolicy.State.DUE);
        assertThat(of(now, "law-publicity").reason()).isEqualTo("duty.reason.due");
        assertThat(of(now, "patrol").state()).isEqualTo(ChecklistPolicy.State.DUE);
    }

    @Test
    void theLastClosedPeriodMissedWhatHadNoRecord() {
        List<ChecklistPolicy.Done> done = List.of(
                new ChecklistPolicy.Done("law-publicity", LocalDate.of(2026, 11, 29), false),
                new ChecklistPolicy.Done("patrol", THURSDAY.minusDays(1), false),
                new ChecklistPolicy.Done("duty-report", LocalDate.of(2026, 9, 30), false));
        List<ChecklistPolicy.Decision> last = policy.lastClosed(THURSDAY, LocalDate.of(2026, 1, 1), done);
        assertThat(of(last, "law-publicity").state()).isEqualTo(ChecklistPolicy.State.DONE);
        assertThat(of(last, "law-publicity").start()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(of(last, "work-report").state()).isEqualTo(ChecklistPolicy.State.MISSED);
        assertThat(of(last, "work-report").reason()).isEqualTo("duty.reason.missed");
        assertThat(of(last, "patrol").state()).isEqualTo(ChecklistPolicy.State.DONE);
        assertThat(of(last, "duty-report").state()).isEqualTo(ChecklistPolicy.State.DONE);
        assertThat(of(last, "key-person-talk").start()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void anOfficerNewToHisDutiesMissedNothingBeforeHeTookThemUp() {
        List<ChecklistPolicy.Decision> last = policy.lastClosed(THURSDAY, THURSDAY.minusDays(1), List.of());
        assertThat(last).extracting(d -> d.item().period()).containsOnly(DutyPeriod.DAY);
        assertThat(policy.lastClosed(THURSDAY, THURSDAY, List.of())).isEmpty();
    }

    @Test
    void theRecordsNeededReachBackToTheStartOfTheLastClosedQuarter() {
        assertThat(policy.earliestNeeded(THURSDAY)).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void aRhythmWithACodeTwiceOrWithoutPeriodRefusesToStart() {
        assertThatThrownBy(() -> new DutyProperties(List.of(new DutyProperties.Item("patrol", DutyPeriod.DAY),
                new DutyProperties.Item("patrol", DutyPeriod.WEEK)), null))
                .hasMessageContaining("items[1].code patrol is there twice");
        assertThatThrownBy(() -> new DutyProperties(List.of(new DutyProperties.Item("patrol", null)), null))
                .hasMessageContaining("items[0].period");
        assertThatThrownBy(() -> new DutyProperties(List.of(new DutyProperties.Item("Patrol!", DutyPeriod.DAY)), null))
                .hasMessageContaining("items[0].code");
        assertThatThrownBy(() -> new DutyProperties(List.of(
                new DutyProperties.Item("patrol", DutyPeriod.DAY, null, "POPULATION")), null))
                .hasMessageContaining("ticked-by");
        assertThatThrownBy(() -> new DutyProperties(List.of(
                new DutyProperties.Item("talk", DutyPeriod.MONTH, null, DutyProperties.KEY_PERSON_VISIT),
                new DutyProperties.Item("visit", DutyPeriod.WEEK, null, DutyProperties.KEY_PERSON_VISIT)), null))
                .hasMessageContaining("items[1].ticked-by KEY_PERSON_VISIT ticks another item already");
        assertThat(new DutyProperties(List.of(new DutyProperties.Item("rentals", DutyPeriod.MONTH, null,
                DutyProperties.RENTAL_FLOATING_VISIT)), null).tickedBy(DutyProperties.RENTAL_FLOATING_VISIT))
                .as("a bureau moves a source to an item of another rhythm").isPresent();
        assertThatThrownBy(() -> new DutyProperties(null, -1)).hasMessageContaining("backdate-days");
        DutyProperties adapted = new DutyProperties(List.of(new DutyProperties.Item("fire-check", DutyPeriod.MONTH,
                "消防检查", null)), 3);
        assertThat(adapted.items()).extracting(DutyProperties.Item::code).containsExactly("fire-check");
    }

    @Test
    void onASundayTheDaysAndTheWeeksDutiesCloseDoneOrMissedAndNoneBeforeTheOfficerWasOnDuty() {
        LocalDate sunday = LocalDate.of(2026, 11, 29);
        List<ChecklistPolicy.Done> done = List.of(
                new ChecklistPolicy.Done("law-publicity", LocalDate.of(2026, 11, 24), false),
                new ChecklistPolicy.Done("law-publicity", LocalDate.of(2026, 11, 27), false),
                new ChecklistPolicy.Done("work-report", LocalDate.of(2026, 11, 26), true),
                new ChecklistPolicy.Done("dispute-screening", LocalDate.of(2026, 11, 30), false),
                new ChecklistPolicy.Done("patrol", sunday, false));
        List<ChecklistPolicy.Decision> closing = policy.closingOn(sunday, LocalDate.of(2026, 1, 1), done);
        assertThat(closing).extracting(d -> d.item().code()).containsExactly("patrol", "info-entry",
                "review-meeting", "floating-rental-check", "dispute-screening", "informant-visit", "law-publicity",
                "work-report");
        assertThat(of(closing, "law-publicity").state()).isEqualTo(ChecklistPolicy.State.DONE);
        assertThat(of(closing, "law-publicity").records()).isEqualTo(2);
        assertThat(of(closing, "law-publicity").start()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(of(closing, "law-publicity").end()).isEqualTo(sunday);
        assertThat(of(closing, "work-report").state()).as("withdrawn").isEqualTo(ChecklistPolicy.State.MISSED);
        assertThat(of(closing, "dispute-screening").state()).as("the next week's")
                .isEqualTo(ChecklistPolicy.State.MISSED);
        assertThat(of(closing, "patrol").state()).isEqualTo(ChecklistPolicy.State.DONE);
        assertThat(of(closing, "info-entry").start()).isEqualTo(sunday);

        assertThat(policy.closingOn(LocalDate.of(2026, 11, 28), null, done)).as("a Saturday closes the day's only")
                .hasSize(3);
        assertThat(policy.closingOn(LocalDate.of(2026, 12, 31), null, done)).as("the year's last day closes all")
                .hasSize(3 + 4 + 3);
        assertThat(policy.closingOn(sunday, sunday.plusDays(1), done)).as("on duty only from the Monday after")
                .isEmpty();
    }

    @Test
    void anOfficerWhoCameAfterAPeriodBeganIsNotHeldToItOnTheChecklistNorInTheResults() {
        LocalDate friday = LocalDate.of(2026, 11, 27);
        // the results written when the week and the month close
        assertThat(policy.closingOn(LocalDate.of(2026, 11, 29), friday, List.of()))
                .as("the Sunday closes his day only, not the week he came into on its Friday")
                .extracting(d -> d.item().period()).containsOnly(DutyPeriod.DAY).hasSize(3);
        assertThat(policy.closingOn(LocalDate.of(2026, 11, 30), friday, List.of()))
                .as("nor the month he came into on the 27th").extracting(d -> d.item().period())
                .containsOnly(DutyPeriod.DAY);
        // his checklist the Thursday after: the same, what he missed of the last closed periods is the day's only
        assertThat(policy.lastClosed(THURSDAY, friday, List.of())).extracting(d -> d.item().period())
                .containsOnly(DutyPeriod.DAY);
        // the week he came into tells him it is not owed; the next week's is
        assertThat(of(policy.current(friday, friday, List.of()), "law-publicity").reason())
                .isEqualTo("duty.reason.notOwed");
        assertThat(of(policy.current(THURSDAY, friday, List.of()), "law-publicity").reason())
                .isEqualTo("duty.reason.due");
        assertThat(policy.closingOn(LocalDate.of(2026, 12, 6), friday, List.of())).as("the next week is owed")
                .hasSize(3 + 5);
    }
}
