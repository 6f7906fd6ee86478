package org.fengqiao.supplies.internal;

import org.fengqiao.supplies.EntryType;

/**
 * The rules of a unit's stock, judged on the stock as it stands under the stock row's lock: nothing leaves a unit
 * that it does not hold (a stock never goes negative), only an issue or a transfer in is confirmed received, once,
 * and never after it was reversed; a reversal undoes what its line did to the stock (nothing for an issue never
 * confirmed), and a transfer is corrected by a transfer back, not reversed; supplies move between units of one
 * station only.
 */
public final class StockPolicy {

    private StockPolicy() {
    }

    /** A decision with the reason of a refusal (a message key and its arguments) and the stock change it allows. */
    public record Decision(boolean allowed, int change, String key, Object[] args) {

        static Decision allow(int change) {
            return new Decision(true, change, null, new Object[0]);
        }

        static Decision refuse(String key, Object... args) {
            return new Decision(false, 0, key, args);
        }
    }

    /** What a line taking {@code quantity} out of a stock of {@code onHand} may do. */
    public static Decision takeOut(int onHand, int quantity) {
        if (quantity > onHand) {
            return Decision.refuse("supplies.stock.short", onHand, quantity);
        }
        return Decision.allow(-quantity);
    }

    /**
     * The most a unit may hold of a kind: its stock is a 32-bit count, so a line pushing it past this is refused with
     * what it holds rather than failing in the database (integer out of range) as an error page.
     */
    public static final int MAX_STOCK = Integer.MAX_VALUE;

    /** What a line putting {@code quantity} into a stock of {@code onHand} may do. */
    public static Decision putIn(int onHand, int quantity) {
        if ((long) onHand + quantity > MAX_STOCK) {
            return Decision.refuse("supplies.stock.full", onHand, quantity, MAX_STOCK);
        }
        return Decision.allow(quantity);
    }

    /** Confirming the receipt of a line of {@code quantity}. */
    public static Decision confirm(EntryType type, int quantity, boolean confirmed, boolean reversed) {
        if (!type.needsReceipt()) {
            return Decision.refuse("supplies.receipt.notReceivable");
        }
        if (reversed) {
            return Decision.refuse("supplies.receipt.reversed");
        }
        if (confirmed) {
            return Decision.refuse("supplies.receipt.already");
        }
        return Decision.allow(quantity);
    }

    /** Whether a line of {@code type} is ever reversed: neither a reversal nor a transfer (transfer back instead). */
    public static Decision reversible(EntryType type) {
        if (type == EntryType.REVERSAL) {
            return Decision.refuse("supplies.reversal.ofReversal");
        }
        if (type == EntryType.TRANSFERRED_IN || type == EntryType.TRANSFERRED_OUT) {
            return Decision.refuse("supplies.reversal.transfer");
        }
        return Decision.allow(0);
    }

    /** Reversing a line of {@code type} and {@code quantity}, with the unit holding {@code onHand} of its kind. */
    public static Decision reverse(EntryType type, int quantity, boolean confirmed, boolean reversed, int onHand) {
        Decision kind = reversible(type);
        if (!kind.allowed()) {
            return kind;
        }
        if (reversed) {
            return Decision.refuse("supplies.reversal.already");
        }
        if (type == EntryType.ISSUED) {
            // an issue never confirmed never counted: its reversal only stops it from being confirmed
            return confirmed ? takeOut(onHand, quantity) : Decision.allow(0);
        }
        return putIn(onHand, quantity);
    }

    /**
     * Whether supplies may go from the unit at {@code fromPath} to the one at {@code toPath}: two different units of
     * the same station (the paths' first two levels, bureau and station, are the same; neither is the bureau).
     */
    public static Decision transfer(String fromPath, String toPath) {
        if (fromPath.equals(toPath)) {
            return Decision.refuse("supplies.transfer.same");
        }
        String from = station(fromPath);
        if (from == null || !from.equals(station(toPath))) {
            return Decision.refuse("supplies.transfer.otherStation");
        }
        return Decision.allow(0);
    }

    /** The path of the station a unit's path lies under ('/bureau/station/'), or null for the bureau itself. */
    static String station(String path) {
        String[] parts = path.split("/");
        // "/b/s/..." splits to "", "b", "s", ...
        return parts.length < 3 ? null : "/" + parts[1] + "/" + parts[2] + "/";
    }
}
