package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Decision;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Existing;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Kind;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Plan;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Step;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Use;
import org.junit.jupiter.api.Test;

/** The anomaly policy case by case, with the documented default thresholds. */
class UtilityAnomalyPolicyTests {

    static final YearMonth MAY = YearMonth.of(2026, 5);
    final UtilityAnomalyPolicy policy = new UtilityAnomalyPolicy(UtilityProperties.defaults());

    static Use use(Utility u, YearMonth m, String consumption) {
        return new Use(u, m, new BigDecimal(consumption));
    }

    Decision unregistered(int residents, List<Use> uses) {
        return policy.evaluate(residents, uses).get(0);
    }

    Decision noUse(int residents, List<Use> uses) {
        return policy.evaluate(residents, uses).get(1);
    }

    /** Water and power of each month from `from` on, the same every month. */
    static List<Use> months(YearMonth from, int count, String water, String power) {
        List<Use> uses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            uses.add(use(Utility.WATER, from.plusMonths(i), water));
            uses.add(use(Utility.POWER, from.plusMonths(i), power));
        }
        return uses;
    }

    @Test
    void aTaskOverSeveralMonthsIsJudgedOnEachOfThemNotOnItsLastAlone() {
        List<Use> uses = List.of(use(Utility.POWER, MAY.minusMonths(2), "150"), use(Utility.POWER, MAY.minusMonths(1), "160"),
                use(Utility.POWER, MAY, "3"));
        Decision d = policy.judgeOver(Kind.UNREGISTERED_USE, MAY.minusMonths(2), MAY, 0, null, null, uses, null);
        assertThat(d.anomaly()).as("April's use is still nobody's").isTrue();
        assertThat(d.args()).containsExactly("2026-04", "POWER", "160", "30");
        // an anomaly before the task's period is not the task's
        Decision mayOnly = policy.judgeOver(Kind.UNREGISTERED_USE, MAY, MAY, 0, null, null, uses, null);
        assertThat(mayOnly.anomaly()).isFalse();
        assertThat(mayOnly.reason()).isEqualTo("utilities.reason.belowOccupied");
        assertThat(mayOnly.args()).containsExactly("2026-05");
    }

    @Test
    void useAboveTheThresholdWithNobodyRegisteredIsAnAnomalyOfTheLatestMonthNamingTheUtility() {
        Decision d = unregistered(0, List.of(use(Utility.WATER, MAY, "4.5"), use(Utility.POWER, MAY, "180"),
                use(Utility.WATER, MAY.minusMonths(1), "0")));
        assertThat(d.kind()).isEqualTo(Kind.UNREGISTERED_USE);
        assertThat(d.anomaly()).isTrue();
        assertThat(d.from()).isEqualTo(MAY);
        assertThat(d.to()).isEqualTo(MAY);
        // power is 6 times its threshold, water barely over 2: the reason names the clearer one
        assertThat(d.reason()).isEqualTo("utilities.reason.useWithoutResidents");
        assertThat(d.args()).containsExactly("2026-05", "POWER", "180", "30");
    }

    @Test
    void gasAloneAboveItsThresholdShowsSomeoneLivesThere() {
        Decision d = unregistered(0, List.of(use(Utility.GAS, MAY, "8"), use(Utility.POWER, MAY, "5")));
        assertThat(d.anomaly()).isTrue();
        assertThat(d.args()).containsExactly("2026-05", "GAS", "8", "3");
    }

    @Test
    void useExactlyAtTheThresholdIsNotAnAnomaly() {
        Decision d = unregistered(0, List.of(use(Utility.WATER, MAY, "2"), use(Utility.POWER, MAY, "30.000")));
        assertThat(d.anomaly()).isFalse();
        assertThat(d.reason()).isEqualTo("utilities.reason.belowOccupied");
        assertThat(d.args()).containsExactly("2026-05");
    }

    @Test
    void useWithRegisteredResidentsIsNotAnUnregisteredUse() {
        Decision d = unregistered(2, List.of(use(Utility.POWER, MAY, "400")));
        assertThat(d.anomaly()).isFalse();
        assertThat(d.reason()).isEqualTo("utilities.reason.hasResidents");
        assertThat(d.args()).containsExactly("2");
    }

    @Test
    void onlyTheLatestMonthIsJudgedForUseWithoutResidents() {
        // lived in in April, empty in May: registration is known as it is now, so April is not judged
        List<Use> uses = new ArrayList<>(months(MAY.minusMonths(1), 1, "6", "150"));
        uses.addAll(months(MAY, 1, "0", "3"));
        assertThat(unregistered(0, uses).anomaly()).isFalse();
    }

    @Test
    void noReadingsDecideNothing() {
        assertThat(unregistered(0, List.of()).reason()).isEqualTo("utilities.reason.noReadings");
        assertThat(noUse(3, List.of()).reason()).isEqualTo("utilities.reason.noReadings");
        assertThat(unregistered(0, List.of()).anomaly()).isFalse();
        assertThat(noUse(3, List.of()).anomaly()).isFalse();
    }

    @Test
    void threeIdleMonthsWithRegisteredResidentsIsAnAnomalyOverThoseMonths() {
        List<Use> uses = new ArrayList<>(months(YearMonth.of(2026, 1), 2, "5", "120"));
        uses.addAll(months(YearMonth.of(2026, 3), 3, "0.2", "8"));
        Decision d = noUse(3, uses);
        assertThat(d.kind()).isEqualTo(Kind.REGISTERED_NO_USE);
        assertThat(d.anomaly()).isTrue();
        assertThat(d.from()).isEqualTo(YearMonth.of(2026, 3));
        assertThat(d.to()).isEqualTo(MAY);
        assertThat(d.reason()).isEqualTo("utilities.reason.noUse");
        assertThat(d.args()).containsExactly("3", "3", "2026-03", "2026-05");
    }

    @Test
    void twoIdleMonthsAreNotYetAnAnomaly() {
        List<Use> uses = new ArrayList<>(months(YearMonth.of(2026, 3), 1, "4", "90"));
        uses.addAll(months(YearMonth.of(2026, 4), 2, "0", "0"));
        Decision d = noUse(1, uses);
        assertThat(d.anomaly()).isFalse();
        assertThat(d.reason()).isEqualTo("utilities.reason.inUse");
        assertThat(d.args()).containsExactly("2026-03", "WATER", "4");
    }

    @Test
    void oneUtilityInUseInAnIdleWindowMeansSomeoneIsThere() {
        List<Use> uses = new ArrayList<>(months(YearMonth.of(2026, 3), 3, "0", "0"));
        uses.add(use(Utility.GAS, YearMonth.of(2026, 4), "6"));
        Decision d = noUse(1, uses);
        assertThat(d.anomaly()).isFalse();
        assertThat(d.args()).containsExactly("2026-04", "GAS", "6");
    }

    @Test
    void aMissingMonthInTheWindowLeavesTheQuestionOpen() {
        List<Use> uses = new ArrayList<>(months(YearMonth.of(2026, 3), 1, "0", "0"));
        uses.addAll(months(MAY, 1, "0", "0"));
        Decision d = noUse(2, uses);
        assertThat(d.anomaly()).isFalse();
        assertThat(d.reason()).isEqualTo("utilities.reason.monthMissing");
        assertThat(d.args()).containsExactly("2026-04");
    }

    @Test
    void gasAloneDoesNotShowAPlaceIsEmpty() {
        List<Use> uses = new ArrayList<>(months(YearMonth.of(2026, 3), 2, "0", "0"));
        uses.add(use(Utility.GAS, MAY, "0"));
        Decision d = noUse(2, uses);
        assertThat(d.anomaly()).isFalse();
        assertThat(d.reason()).isEqualTo("utilities.reason.monthMissing");
        assertThat(d.args()).containsExactly("2026-05");
    }

    @Test
    void idleMonthsWithNobodyRegisteredAreNoQuestion() {
        Decision d = noUse(0, months(YearMonth.of(2026, 3), 3, "0", "0"));
        assertThat(d.anomaly()).isFalse();
        assertThat(d.reason()).isEqualTo("utilities.reason.nobodyRegistered");
    }

    @Test
    void theWindowFollowsTheConfiguration() {
        UtilityProperties d = UtilityProperties.defaults();
        UtilityAnomalyPolicy twoMonths = new UtilityAnomalyPolicy(new UtilityProperties(d.occupied(), d.idle(), 2));
        List<Use> uses = new ArrayList<>(months(YearMonth.of(2026, 3), 1, "4", "90"));
        uses.addAll(months(YearMonth.of(2026, 4), 2, "0", "0"));
        Decision decision = twoMonths.evaluate(1, uses).get(1);
        assertThat(decision.anomaly()).isTrue();
        assertThat(decision.from()).isEqualTo(YearMonth.of(2026, 4));
        assertThatThrownBy(() -> new UtilityProperties(d.occupied(), d.idle(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- what an anomaly does to the place's tasks

    Decision anomaly(Kind kind, YearMonth from, YearMonth to) {
        return new Decision(kind, true, from, to, "r", List.of());
    }

    @Test
    void aFirstAnomalyOpensATask() {
        Plan p = policy.plan(anomaly(Kind.UNREGISTERED_USE, MAY, MAY), List.of());
        assertThat(p.step()).isEqualTo(Step.OPEN);
        assertThat(p.from()).isEqualTo(MAY);
        assertThat(p.to()).isEqualTo(MAY);
    }

    @Test
    void theSameAnomalyAgainChangesNothing() {
        UUID id = UUID.randomUUID();
        Plan p = policy.plan(anomaly(Kind.UNREGISTERED_USE, MAY, MAY),
                List.of(new Existing(id, Kind.UNREGISTERED_USE, false, MAY, MAY)));
        assertThat(p.step()).isEqualTo(Step.NOTHING);
        assertThat(p.reason()).isEqualTo("utilities.plan.alreadyOpen");
    }

    @Test
    void aContinuingAnomalyExtendsTheOpenTask() {
        UUID id = UUID.randomUUID();
        Plan p = policy.plan(anomaly(Kind.UNREGISTERED_USE, MAY.plusMonths(1), MAY.plusMonths(1)),
                List.of(new Existing(id, Kind.UNREGISTERED_USE, false, MAY, MAY)));
        assertThat(p.step()).isEqualTo(Step.EXTEND);
        assertThat(p.task()).isEqualTo(id);
        assertThat(p.from()).isEqualTo(MAY);
        assertThat(p.to()).isEqualTo(MAY.plusMonths(1));
    }

    @Test
    void aPeriodAlreadyVerifiedIsNotCheckedAgain() {
        Plan p = policy.plan(anomaly(Kind.REGISTERED_NO_USE, MAY.minusMonths(2), MAY),
                List.of(new Existing(UUID.randomUUID(), Kind.REGISTERED_NO_USE, true, MAY.minusMonths(2), MAY)));
        assertThat(p.step()).isEqualTo(Step.NOTHING);
        assertThat(p.reason()).isEqualTo("utilities.plan.alreadyVerified");
    }

    @Test
    void idleMonthsReachingBackIntoAVerifiedPeriodOpenNoTask() {
        List<Existing> verified = List.of(new Existing(UUID.randomUUID(), Kind.REGISTERED_NO_USE, true,
                MAY.minusMonths(2), MAY));
        for (int after = 1; after <= 2; after++) {
            Plan p = policy.plan(anomaly(Kind.REGISTERED_NO_USE, MAY.plusMonths(after - 2L), MAY.plusMonths(after)),
                    verified);
            assertThat(p.step()).as("%d idle month(s) after the check", after).isEqualTo(Step.NOTHING);
            assertThat(p.reason()).isEqualTo("utilities.plan.alreadyVerified");
        }
    }

    @Test
    void aWholeIdleWindowAfterAVerifiedPeriodOpensANewTaskOverIt() {
        Plan p = policy.plan(anomaly(Kind.REGISTERED_NO_USE, MAY.plusMonths(1), MAY.plusMonths(3)),
                List.of(new Existing(UUID.randomUUID(), Kind.REGISTERED_NO_USE, true, MAY.minusMonths(2), MAY)));
        assertThat(p.step()).isEqualTo(Step.OPEN);
        assertThat(p.from()).isEqualTo(MAY.plusMonths(1));
        assertThat(p.to()).isEqualTo(MAY.plusMonths(3));
    }

    @Test
    void useWithoutResidentsTheMonthAfterAVerifiedOneOpensANewTask() {
        Plan p = policy.plan(anomaly(Kind.UNREGISTERED_USE, MAY.plusMonths(1), MAY.plusMonths(1)),
                List.of(new Existing(UUID.randomUUID(), Kind.UNREGISTERED_USE, true, MAY, MAY)));
        assertThat(p.step()).isEqualTo(Step.OPEN);
        assertThat(p.from()).isEqualTo(MAY.plusMonths(1));
    }

    @Test
    void tasksOfTheOtherKindDoNotCount() {
        Plan p = policy.plan(anomaly(Kind.REGISTERED_NO_USE, MAY.minusMonths(2), MAY),
                List.of(new Existing(UUID.randomUUID(), Kind.UNREGISTERED_USE, false, MAY, MAY)));
        assertThat(p.step()).isEqualTo(Step.OPEN);
    }

    @Test
    void onlyAnAnomalyIsPlanned() {
        assertThatThrownBy(() -> policy.plan(unregistered(1, List.of(use(Utility.POWER, MAY, "100"))), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void utilitiesAreReadInChineseAndEnglish() {
        assertThat(Utility.parse("水")).isEqualTo(Utility.WATER);
        assertThat(Utility.parse(" 用电 ")).isEqualTo(Utility.POWER);
        assertThat(Utility.parse("天然气")).isEqualTo(Utility.GAS);
        assertThat(Utility.parse("power")).isEqualTo(Utility.POWER);
        assertThat(Utility.parse("electricity")).isEqualTo(Utility.POWER);
        assertThat(Utility.parse("油")).isNull();
    }

    @Test
    void theMonthNotYetEndedDoesNotCountAsAMonthWithoutUse() {
        // readings of the current month cover only its first days: low use then says nothing yet
        Decision partial = policy.evaluate(1, null, null, months(MAY.minusMonths(2), 3, "0", "1"), MAY).get(1);
        assertThat(partial.anomaly()).isFalse();
        assertThat(partial.reason()).isEqualTo("utilities.reason.monthMissing");
        assertThat(partial.args()).containsExactly("2026-02");
        // three ended months without use are one, up to the last ended month
        Decision ended = policy.evaluate(1, null, null, months(MAY.minusMonths(3), 4, "0", "1"), MAY).get(1);
        assertThat(ended.anomaly()).isTrue();
        assertThat(ended.from()).isEqualTo(MAY.minusMonths(3));
        assertThat(ended.to()).isEqualTo(MAY.minusMonths(1));
        // use above the occupied threshold in the current month is use all the same
        assertThat(policy.evaluate(0, null, null, List.of(use(Utility.POWER, MAY, "180")), MAY).get(0).anomaly())
                .isTrue();
    }

    @Test
    void useInTheMonthTheLastResidentLeftIsNotUseWithoutResidents() {
        List<Use> may = List.of(use(Utility.POWER, MAY, "180"));
        Decision left = policy.evaluate(0, MAY.atDay(20), null, may, null).get(0);
        assertThat(left.anomaly()).isFalse();
        assertThat(left.reason()).isEqualTo("utilities.reason.leftDuring");
        assertThat(left.args()).containsExactly("2026-05-20");
        assertThat(policy.evaluate(0, MAY.minusMonths(1).atEndOfMonth(), null, may, null).get(0).anomaly()).isTrue();
    }

    @Test
    void monthsWithoutUseBeforeTheResidentsRegisteredAreNotTheirs() {
        List<Use> idle = months(MAY.minusMonths(2), 3, "0", "1");
        Decision late = policy.evaluate(1, null, MAY.minusMonths(2).atDay(2), idle, null).get(1);
        assertThat(late.anomaly()).isFalse();
        assertThat(late.reason()).isEqualTo("utilities.reason.registeredSince");
        assertThat(policy.evaluate(1, null, MAY.minusMonths(2).atDay(1), idle, null).get(1).anomaly()).isTrue();
    }

    // --- a "no issue" finding that holds, and months judged out of order

    static final java.time.LocalDate RESOLVED_ON = java.time.LocalDate.of(2026, 6, 3);

    static UtilityAnomalyPolicy.Hold hold(YearMonth until, String power) {
        return new UtilityAnomalyPolicy.Hold(RESOLVED_ON, until, java.util.Map.of(Utility.WATER, new BigDecimal("4"),
                Utility.POWER, new BigDecimal(power), Utility.GAS, new BigDecimal("6")));
    }

    List<Existing> shopResolved(UtilityAnomalyPolicy.Hold hold) {
        return List.of(new Existing(UUID.randomUUID(), Kind.UNREGISTERED_USE, true, MAY, MAY, hold));
    }

    Plan nextMonth(List<Existing> tasks, YearMonth month, String power, java.time.LocalDate lastLeft) {
        return policy.plan(anomaly(Kind.UNREGISTERED_USE, month, month), tasks,
                java.util.Map.of(Utility.POWER, new BigDecimal(power)), lastLeft);
    }

    @Test
    void aNoIssueFindingHoldsWhileUseStaysWithinItsLimitNobodyLeftAndItsMonthsLast() {
        Plan p = nextMonth(shopResolved(hold(MAY.plusMonths(6), "300")), MAY.plusMonths(1), "300", null);
        assertThat(p.step()).isEqualTo(Step.NOTHING);
        assertThat(p.reason()).isEqualTo("utilities.plan.held");
        assertThat(nextMonth(shopResolved(hold(null, "300")), MAY.plusMonths(30), "120",
                RESOLVED_ON.minusDays(1)).step()).as("no month limit; the one who left before it was made")
                .isEqualTo(Step.NOTHING);
    }

    @Test
    void aNoIssueFindingEndsWithUseAboveItsLimitSomeoneLeavingOrItsLastMonth() {
        assertThat(nextMonth(shopResolved(hold(MAY.plusMonths(6), "300")), MAY.plusMonths(1), "300.5", null).step())
                .as("use above the limit").isEqualTo(Step.OPEN);
        assertThat(nextMonth(shopResolved(hold(MAY.plusMonths(6), "300")), MAY.plusMonths(2), "100", RESOLVED_ON)
                .step()).as("someone left since").isEqualTo(Step.OPEN);
        assertThat(nextMonth(shopResolved(hold(MAY.plusMonths(6), "300")), MAY.plusMonths(7), "100", null).step())
                .as("past its months").isEqualTo(Step.OPEN);
        assertThat(nextMonth(shopResolved(null), MAY.plusMonths(1), "100", null).step())
                .as("a finding that holds nothing").isEqualTo(Step.OPEN);
    }

    @Test
    void theLimitsAreTwiceTheHighestUseOfThePeriodAndNeverBelowTheOccupiedThreshold() {
        var limits = policy.holdLimits(List.of(use(Utility.POWER, MAY, "150"), use(Utility.POWER, MAY.plusMonths(1),
                "180"), use(Utility.POWER, MAY.plusMonths(2), "900"), use(Utility.WATER, MAY, "0.4")), MAY,
                MAY.plusMonths(1));
        assertThat(limits.get(Utility.POWER)).isEqualByComparingTo("360");
        assertThat(limits.get(Utility.WATER)).isEqualByComparingTo("2");
        assertThat(limits.get(Utility.GAS)).isEqualByComparingTo("3");
    }

    @Test
    void anEarlierMonthNotYetVerifiedReachesTheOpenTaskBack() {
        UUID id = UUID.randomUUID();
        Plan p = policy.plan(anomaly(Kind.UNREGISTERED_USE, MAY.minusMonths(2), MAY.minusMonths(2)),
                List.of(new Existing(id, Kind.UNREGISTERED_USE, false, MAY, MAY)));
        assertThat(p.step()).isEqualTo(Step.EXTEND);
        assertThat(p.task()).isEqualTo(id);
        assertThat(p.from()).isEqualTo(MAY.minusMonths(2));
        assertThat(p.to()).isEqualTo(MAY);
        Plan verified = policy.plan(anomaly(Kind.UNREGISTERED_USE, MAY.minusMonths(2), MAY.minusMonths(2)),
                List.of(new Existing(UUID.randomUUID(), Kind.UNREGISTERED_USE, true, MAY.minusMonths(3),
                        MAY.minusMonths(2)), new Existing(id, Kind.UNREGISTERED_USE, false, MAY, MAY)));
        assertThat(verified.step()).as("not back into a month already verified").isEqualTo(Step.NOTHING);
    }
}
