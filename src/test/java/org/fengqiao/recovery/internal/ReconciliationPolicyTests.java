package org.fengqiao.recovery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Invalid;
import org.fengqiao.recovery.AssetState;
import org.fengqiao.recovery.internal.ReconciliationPolicy.AssetBalance;
import org.fengqiao.recovery.internal.ReconciliationPolicy.Ledger;
import org.fengqiao.recovery.internal.ReconciliationPolicy.VictimBalance;
import org.junit.jupiter.api.Test;

/** 追赃必还, never more than was recovered: the rules judged on a file's ledger, and the rates' arithmetic. */
class ReconciliationPolicyTests {

    static final UUID SEIZED = UUID.randomUUID();
    static final UUID FROZEN = UUID.randomUUID();
    static final UUID TRACED = UUID.randomUUID();
    static final UUID CONFISCATED = UUID.randomUUID();
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    static Ledger ledger(long seizedReturned, long frozenReturned, long aReturned, long bReturned) {
        Map<UUID, AssetBalance> assets = new LinkedHashMap<>();
        assets.put(SEIZED, new AssetBalance(SEIZED, 100_00, AssetState.SEIZED, seizedReturned));
        assets.put(FROZEN, new AssetBalance(FROZEN, 50_00, AssetState.FROZEN, frozenReturned));
        assets.put(TRACED, new AssetBalance(TRACED, 1_000_00, AssetState.TRACED, 0));
        assets.put(CONFISCATED, new AssetBalance(CONFISCATED, 70_00, AssetState.CONFISCATED, 0));
        Map<UUID, VictimBalance> victims = new LinkedHashMap<>();
        victims.put(A, new VictimBalance(A, 120_00, aReturned));
        victims.put(B, new VictimBalance(B, 500_00, bReturned));
        return new Ledger(assets, victims);
    }

    static List<String> keys(List<Invalid.Problem> problems) {
        return problems.stream().map(Invalid.Problem::key).toList();
    }

    @Test
    void recoveredCountsSeizedFrozenAndReturnedAssetsOnly() {
        Ledger l = ledger(0, 0, 0, 0);
        assertThat(l.recoveredFen()).isEqualTo(150_00);
        assertThat(l.lostFen()).isEqualTo(620_00);
        assertThat(l.returnedFen()).isZero();
    }

    @Test
    void whatCouldStillGoBackIsTheHeldValueNotReturnedAsFarAsVictimsStillMissMoney() {
        // 150 yuan seized or frozen, victims miss 620: all 150 could go back; traced and confiscated count for nothing
        assertThat(ReconciliationPolicy.returnableFen(ledger(0, 0, 0, 0))).isEqualTo(150_00);
        assertThat(ReconciliationPolicy.returnableFen(ledger(100_00, 20_00, 120_00, 0))).isEqualTo(30_00);
        assertThat(ReconciliationPolicy.returnableFen(ledger(100_00, 50_00, 120_00, 30_00))).isZero();
        // the victims got all they lost: what is left of the assets is no victim's to take
        Map<UUID, AssetBalance> assets = Map.of(SEIZED, new AssetBalance(SEIZED, 900_00, AssetState.SEIZED, 120_00));
        Ledger repaid = new Ledger(assets, Map.of(A, new VictimBalance(A, 120_00, 120_00)));
        assertThat(ReconciliationPolicy.returnableFen(repaid)).isZero();
    }

    @Test
    void aReturnFitsTheAssetTheVictimAndTheFileOrSaysWhichItExceeds() {
        Ledger l = ledger(0, 0, 0, 0);
        assertThat(ReconciliationPolicy.checkReturn(l, A, SEIZED, 100_00L)).isEmpty();
        assertThat(keys(ReconciliationPolicy.checkReturn(l, A, SEIZED, 100_01L))).containsExactly(
                "recovery.return.exceedsAsset");
        assertThat(keys(ReconciliationPolicy.checkReturn(l, A, FROZEN, 50_00L))).isEmpty();
        Ledger afterA = ledger(90_00, 0, 90_00, 0);
        assertThat(keys(ReconciliationPolicy.checkReturn(afterA, A, FROZEN, 30_01L))).containsExactly(
                "recovery.return.exceedsLoss");
        assertThat(ReconciliationPolicy.checkReturn(afterA, A, FROZEN, 30_00L)).isEmpty();
        // the file recovered 150 and returned 140: 10 more at most, whatever the victim still misses
        Ledger nearlyAll = ledger(100_00, 40_00, 100_00, 40_00);
        assertThat(keys(ReconciliationPolicy.checkReturn(nearlyAll, B, FROZEN, 10_01L))).contains(
                "recovery.return.exceedsAsset", "recovery.return.exceedsRecovered");
        assertThat(ReconciliationPolicy.checkReturn(nearlyAll, B, FROZEN, 10_00L)).isEmpty();
        assertThat(ReconciliationPolicy.checkReturn(nearlyAll, B, FROZEN, 10_01L).get(0).args()).containsExactly("10.00");
    }

    @Test
    void nothingComesBackFromAnAssetNotRecoveredAndAmountsArePositive() {
        Ledger l = ledger(0, 0, 0, 0);
        assertThat(keys(ReconciliationPolicy.checkReturn(l, A, TRACED, 1L))).containsExactly(
                "recovery.return.assetNotRecovered");
        assertThat(keys(ReconciliationPolicy.checkReturn(l, A, CONFISCATED, 1L))).containsExactly(
                "recovery.return.assetNotRecovered");
        assertThat(keys(ReconciliationPolicy.checkReturn(l, A, SEIZED, 0L))).containsExactly("recovery.amount.positive");
        assertThat(keys(ReconciliationPolicy.checkReturn(l, A, SEIZED, -1L))).containsExactly("recovery.amount.positive");
        assertThat(keys(ReconciliationPolicy.checkReturn(l, UUID.randomUUID(), UUID.randomUUID(), 1L)))
                .containsExactly("recovery.victim.unknown", "recovery.asset.unknown");
    }

    @Test
    void aValueNeverDropsBelowWhatWasReturnedAndAReturnedAssetIsNeverConfiscated() {
        Ledger l = ledger(60_00, 0, 60_00, 0);
        assertThat(keys(ReconciliationPolicy.checkRevalue(l, SEIZED, 59_99L))).containsExactly(
                "recovery.asset.valueBelowReturned");
        assertThat(ReconciliationPolicy.checkRevalue(l, SEIZED, 60_00L)).isEmpty();
        assertThat(keys(ReconciliationPolicy.checkRevalue(l, SEIZED, -1L))).containsExactly("recovery.amount.negative");
        assertThat(keys(ReconciliationPolicy.checkMove(l, SEIZED, AssetState.CONFISCATED))).containsExactly(
                "recovery.asset.confiscateReturned");
        assertThat(ReconciliationPolicy.checkMove(l, FROZEN, AssetState.CONFISCATED)).isEmpty();
        assertThat(ReconciliationPolicy.checkMove(l, TRACED, AssetState.SEIZED)).isEmpty();
        assertThat(keys(ReconciliationPolicy.checkMove(l, TRACED, AssetState.RETURNED))).containsExactly(
                "recovery.asset.transition");
        assertThat(keys(ReconciliationPolicy.checkMove(l, CONFISCATED, AssetState.SEIZED))).containsExactly(
                "recovery.asset.transition");
    }

    @Test
    void ratesArePercentagesWithOneDecimalRoundedHalfUpAndNoneWithoutABase() {
        Rates.Figures f = Rates.Figures.of(300_000, 200_000, 150_000);
        assertThat(f.recoveryRate()).isEqualByComparingTo("66.7");
        assertThat(f.returnRate()).isEqualByComparingTo("50.0");
        assertThat(f.returnOfRecovered()).isEqualByComparingTo("75.0");
        assertThat(Rates.percent(1, 8)).isEqualByComparingTo("12.5");
        assertThat(Rates.percent(1, 16)).as("6.25 rounds half up").isEqualByComparingTo("6.3");
        assertThat(Rates.percent(2, 3)).isEqualByComparingTo("66.7");
        assertThat(Rates.percent(5, 4)).as("more recovered than lost").isEqualByComparingTo("125.0");
        assertThat(Rates.percent(0, 0)).isNull();
        Rates.Figures none = Rates.Figures.of(0, 0, 0);
        assertThat(none.recoveryRate()).isNull();
        assertThat(none.returnOfRecovered()).isNull();
        assertThat(Rates.percent(9_999_999_999L, 10_000_000_000L)).isEqualByComparingTo("100.0");
    }
}
