package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When an import builds the indexes at its end: a large load at least as large as what is stored, never a dry run. */
class IndexDeferralPolicyTests {

    final IndexDeferralPolicy policy = new IndexDeferralPolicy(100_000);

    @Test
    void aCountysFirstLoadBuildsTheIndexesAtItsEnd() {
        IndexDeferralPolicy.Decision first = policy.decide(1_000_000, 21_295, false);
        assertThat(first.defer()).isTrue();
        assertThat(first.reason()).contains("1000000 rows").contains("21295 persons stored");
        // exactly at both limits
        assertThat(policy.decide(100_000, 100_000, false).defer()).isTrue();
    }

    @Test
    void anImportSmallerThanWhatIsStoredKeepsTheIndexesUpRowByRow() {
        IndexDeferralPolicy.Decision province = policy.decide(1_000_000, 50_000_000, false);
        assertThat(province.defer()).isFalse();
        assertThat(province.reason()).contains("fewer than the 50000000 persons stored");
        assertThat(policy.decide(100_000, 100_001, false).defer()).isFalse();
    }

    @Test
    void aSmallImportOrADryRunNeverTouchesTheIndexes() {
        IndexDeferralPolicy.Decision small = policy.decide(99_999, 0, false);
        assertThat(small.defer()).isFalse();
        assertThat(small.reason()).contains("fewer than 100000");
        assertThat(policy.decide(1_000_000, 0, true).defer()).isFalse();
        assertThatThrownBy(() -> new IndexDeferralPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
