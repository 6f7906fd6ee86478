package org.fengqiao.supplies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.supplies.EntryType;
import org.junit.jupiter.api.Test;

/** The stock rules, without Spring: what a unit holds, what may leave it, what may be confirmed and reversed. */
class StockPolicyTests {

    @Test
    void nothingLeavesAUnitThatItDoesNotHold() {
        assertThat(StockPolicy.takeOut(3, 3).allowed()).isTrue();
        assertThat(StockPolicy.takeOut(3, 3).change()).isEqualTo(-3);
        StockPolicy.Decision short_ = StockPolicy.takeOut(2, 3);
        assertThat(short_.allowed()).isFalse();
        assertThat(short_.key()).isEqualTo("supplies.stock.short");
        assertThat(short_.args()).containsExactly(2, 3);
        assertThat(StockPolicy.takeOut(0, 1).allowed()).isFalse();
    }

    @Test
    void onlyAnIssueOrATransferInIsConfirmedReceivedOnceAndNeverAfterItsReversal() {
        assertThat(StockPolicy.confirm(EntryType.ISSUED, 5, false, false).change()).isEqualTo(5);
        assertThat(StockPolicy.confirm(EntryType.TRANSFERRED_IN, 2, false, false).allowed()).isTrue();
        assertThat(StockPolicy.confirm(EntryType.ISSUED, 5, true, false).key()).isEqualTo("supplies.receipt.already");
        assertThat(StockPolicy.confirm(EntryType.ISSUED, 5, false, true).key()).isEqualTo("supplies.receipt.reversed");
        for (EntryType t : new EntryType[] {EntryType.USED, EntryType.LOST, EntryType.TRANSFERRED_OUT,
            EntryType.REVERSAL}) {
            assertThat(StockPolicy.confirm(t, 1, false, false).key()).isEqualTo("supplies.receipt.notReceivable");
        }
    }

    @Test
    void aReversalUndoesWhatItsLineDidAndNeverTakesTheStockBelowNothing() {
        // a confirmed issue taken back: the stock must still hold it
        assertThat(StockPolicy.reverse(EntryType.ISSUED, 4, true, false, 10).change()).isEqualTo(-4);
        StockPolicy.Decision used = StockPolicy.reverse(EntryType.ISSUED, 4, true, false, 1);
        assertThat(used.allowed()).isFalse();
        assertThat(used.key()).isEqualTo("supplies.stock.short");
        // an issue never confirmed never counted: reversing it changes nothing in the stock
        assertThat(StockPolicy.reverse(EntryType.ISSUED, 4, false, false, 0).change()).isZero();
        assertThat(StockPolicy.reverse(EntryType.ISSUED, 4, false, false, 0).allowed()).isTrue();
        // a use or a loss reversed gives the supplies back
        assertThat(StockPolicy.reverse(EntryType.USED, 2, false, false, 0).change()).isEqualTo(2);
        assertThat(StockPolicy.reverse(EntryType.LOST, 1, false, false, 0).change()).isEqualTo(1);
    }

    @Test
    void aLineIsReversedOnceAndNeitherAReversalNorATransferIsReversed() {
        assertThat(StockPolicy.reverse(EntryType.USED, 2, false, true, 5).key()).isEqualTo("supplies.reversal.already");
        assertThat(StockPolicy.reverse(EntryType.REVERSAL, 2, false, false, 5).key())
                .isEqualTo("supplies.reversal.ofReversal");
        assertThat(StockPolicy.reverse(EntryType.TRANSFERRED_OUT, 2, false, false, 5).key())
                .isEqualTo("supplies.reversal.transfer");
        assertThat(StockPolicy.reverse(EntryType.TRANSFERRED_IN, 2, true, false, 5).key())
                .isEqualTo("supplies.reversal.transfer");
    }

    @Test
    void suppliesMoveOnlyBetweenDifferentUnitsOfOneStation() {
        assertThat(StockPolicy.transfer("/b/s1/c/", "/b/s1/c/w/").allowed()).isTrue();
        assertThat(StockPolicy.transfer("/b/s1/c/", "/b/s1/w2/").allowed()).isTrue();
        assertThat(StockPolicy.transfer("/b/s1/c/", "/b/s2/w/").key()).isEqualTo("supplies.transfer.otherStation");
        assertThat(StockPolicy.transfer("/b/s1/c/", "/b/s1/c/").key()).isEqualTo("supplies.transfer.same");
        assertThat(StockPolicy.transfer("/b/", "/b/s1/").key()).isEqualTo("supplies.transfer.otherStation");
    }

    @Test
    void nothingPushesAStockPastWhatItsCountHoldsAndTheRefusalNamesTheLimit() {
        int max = Integer.MAX_VALUE;
        assertThat(StockPolicy.putIn(max - 5, 5).change()).isEqualTo(5);
        StockPolicy.Decision full = StockPolicy.putIn(max - 5, 6);
        assertThat(full.allowed()).isFalse();
        assertThat(full.key()).isEqualTo("supplies.stock.full");
        assertThat(full.args()).containsExactly(max - 5, 6, max);
        // a use reversed gives back what it took, within the same limit
        assertThat(StockPolicy.reverse(EntryType.USED, 10, false, false, max - 3).key())
                .isEqualTo("supplies.stock.full");
    }
}
