package org.fengqiao.recovery.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Invalid;
import org.fengqiao.recovery.AssetState;

/**
 * 追赃必还, but never more than was recovered: the rules every change of a file's money keeps, judged on the file's
 * ledger as it stands under the file's row lock. Amounts are never negative; per asset the returns stay within its
 * value; per victim within his loss; per file within the value of the assets recovered (seized, frozen or returned);
 * a return comes only from an asset recovered for the same file. The database checks the same with triggers; this
 * class says why in the caller's language before anything is written.
 */
public final class ReconciliationPolicy {

    private ReconciliationPolicy() {
    }

    public record AssetBalance(UUID id, long valueFen, AssetState state, long returnedFen) {
    }

    public record VictimBalance(UUID id, long lostFen, long returnedFen) {
    }

    /** A file's assets and victims with what was returned of each. */
    public record Ledger(Map<UUID, AssetBalance> assets, Map<UUID, VictimBalance> victims) {

        /** The value of the assets seized, frozen or returned. */
        public long recoveredFen() {
            return assets.values().stream().filter(a -> a.state().recovered()).mapToLong(AssetBalance::valueFen).sum();
        }

        public long returnedFen() {
            return assets.values().stream().mapToLong(AssetBalance::returnedFen).sum();
        }

        public long lostFen() {
            return victims.values().stream().mapToLong(VictimBalance::lostFen).sum();
        }
    }

    /** A return of {@code amountFen} from an asset to a victim. */
    public static List<Invalid.Problem> checkReturn(Ledger ledger, UUID victimId, UUID assetId, Long amountFen) {
        List<Invalid.Problem> problems = new ArrayList<>();
        VictimBalance victim = victimId == null ? null : ledger.victims().get(victimId);
        AssetBalance asset = assetId == null ? null : ledger.assets().get(assetId);
        if (victim == null) {
            problems.add(problem("victimId", "recovery.victim.unknown"));
        }
        if (asset == null) {
            problems.add(problem("assetId", "recovery.asset.unknown"));
        } else if (!asset.state().recovered() || asset.state() == AssetState.RETURNED
                && asset.returnedFen() >= asset.valueFen()) {
            problems.add(problem("assetId", asset.state() == AssetState.RETURNED ? "recovery.return.assetReturned"
                    : "recovery.return.assetNotRecovered"));
        }
        if (amountFen == null) {
            problems.add(problem("amountFen", "error.field.required"));
        } else if (amountFen <= 0) {
            problems.add(problem("amountFen", "recovery.amount.positive"));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        long amount = amountFen;
        if (amount > asset.valueFen() - asset.returnedFen()) {
            problems.add(problem("amountFen", "recovery.return.exceedsAsset", yuan(asset.valueFen() - asset.returnedFen())));
        }
        if (amount > victim.lostFen() - victim.returnedFen()) {
            problems.add(problem("amountFen", "recovery.return.exceedsLoss",
                    yuan(Math.max(0, victim.lostFen() - victim.returnedFen()))));
        }
        if (amount > ledger.recoveredFen() - ledger.returnedFen()) {
            problems.add(problem("amountFen", "recovery.return.exceedsRecovered",
                    yuan(Math.max(0, ledger.recoveredFen() - ledger.returnedFen()))));
        }
        return problems;
    }

    /** A new value of an asset (after a valuation): never negative, never below what was returned of it. */
    public static List<Invalid.Problem> checkRevalue(Ledger ledger, UUID assetId, Long valueFen) {
        List<Invalid.Problem> problems = new ArrayList<>();
        AssetBalance asset = ledger.assets().get(assetId);
        if (asset == null) {
            problems.add(problem("assetId", "recovery.asset.unknown"));
        } else if (valueFen == null) {
            problems.add(problem("valueFen", "error.field.required"));
        } else if (valueFen < 0) {
            problems.add(problem("valueFen", "recovery.amount.negative"));
        } else if (valueFen < asset.returnedFen()) {
            problems.add(problem("valueFen", "recovery.asset.valueBelowReturned", yuan(asset.returnedFen())));
        } else if (asset.state() == AssetState.RETURNED && valueFen > asset.returnedFen()) {
            problems.add(problem("valueFen", "recovery.asset.closed"));
        }
        return problems;
    }

    /** A move of an asset to another state by an officer (RETURNED follows from the returns, never by hand). */
    public static List<Invalid.Problem> checkMove(Ledger ledger, UUID assetId, AssetState to) {
        List<Invalid.Problem> problems = new ArrayList<>();
        AssetBalance asset = ledger.assets().get(assetId);
        if (asset == null) {
            problems.add(problem("assetId", "recovery.asset.unknown"));
        } else if (to == null) {
            problems.add(problem("state", "error.field.required"));
        } else if (!asset.state().next().contains(to)) {
            problems.add(problem("state", "recovery.asset.transition"));
        } else if (to == AssetState.CONFISCATED && asset.returnedFen() > 0) {
            problems.add(problem("state", "recovery.asset.confiscateReturned"));
        }
        return problems;
    }

    /**
     * What of the recovered money could still go back to victims: the seized or frozen assets' value not returned
     * yet, as far as the victims still miss money (an asset worth more than all losses leaves a rest no victim may
     * take). A file does not close while this is above 0 (追赃必还).
     */
    public static long returnableFen(Ledger ledger) {
        long held = ledger.assets().values().stream()
                .filter(a -> a.state() == AssetState.SEIZED || a.state() == AssetState.FROZEN)
                .mapToLong(a -> Math.max(0, a.valueFen() - a.returnedFen())).sum();
        long owed = ledger.victims().values().stream().mapToLong(v -> Math.max(0, v.lostFen() - v.returnedFen())).sum();
        return Math.max(0, Math.min(held, Math.min(owed, ledger.recoveredFen() - ledger.returnedFen())));
    }

    /** Fen as yuan with two decimals, for the messages. */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    static Invalid.Problem problem(String field, String key, Object... args) {
        return new Invalid.Problem(field, key, args);
    }
}
