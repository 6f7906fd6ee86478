package org.fengqiao.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.fengqiao.platform.Invalid;
import org.fengqiao.review.internal.ReviewRatePolicy.Counts;
import org.fengqiao.review.internal.ReviewRatePolicy.Thresholds;
import org.junit.jupiter.api.Test;

class ReviewRatePolicyTests {

    static final Thresholds MARKS = new Thresholds(5, 0.8, 0.5, 0.6);

    @Test
    void knowingAndSeenAreSharesOfAllReviewsAndHelpOnlyOfThoseWhoHadAMatter() {
        // 8 reviews: 6 know him, 4 saw him, 4 had a matter (2 handled, 1 unfinished, 1 ignored), 7 gave 4 or 5
        ReviewRatePolicy.Rates r = new Counts(8, 6, 4, 4, 3, 2, 7).rates();
        assertThat(r.know()).isEqualTo(0.75);
        assertThat(r.seen()).isEqualTo(0.5);
        assertThat(r.help()).as("管事率: taken up of those with a matter, not of all").isEqualTo(0.75);
        assertThat(r.handled()).isEqualTo(0.5);
        assertThat(r.satisfaction()).as("4 and 5 out of all, as the platform counts satisfaction").isEqualTo(0.875);
    }

    @Test
    void ratesAreRoundedToThreeDecimalsAndNullWithoutAnswers() {
        ReviewRatePolicy.Rates r = new Counts(3, 1, 2, 0, 0, 0, 2).rates();
        assertThat(r.know()).isEqualTo(0.333);
        assertThat(r.seen()).isEqualTo(0.667);
        assertThat(r.help()).as("nobody had a matter: no 管事率, not 0%").isNull();
        assertThat(r.handled()).isNull();
        assertThat(Counts.NONE.rates().satisfaction()).isNull();
    }

    @Test
    void aMonthIsJudgedOnlyOverEnoughReviews() {
        Counts fourAngry = new Counts(4, 0, 0, 4, 0, 0, 0);
        assertThat(ReviewRatePolicy.judge(fourAngry, MARKS).low()).isFalse();
        Counts fiveAngry = fourAngry.plus(new Counts(1, 0, 0, 1, 0, 0, 0));
        ReviewRatePolicy.Decision d = ReviewRatePolicy.judge(fiveAngry, MARKS);
        assertThat(d.low()).isTrue();
        assertThat(d.reasons()).containsExactly("satisfaction", "seen", "help");
    }

    @Test
    void aRateAtItsMarkIsNotLowAndAMonthWithoutMattersIsNotLowForHelp() {
        // 10 reviews, 8 satisfied (exactly 80%), 5 saw him (exactly 50%), nobody had a matter
        assertThat(ReviewRatePolicy.judge(new Counts(10, 10, 5, 0, 0, 0, 8), MARKS).low()).isFalse();
        // one fewer saw him: 见警率 40% is the one reason
        ReviewRatePolicy.Decision d = ReviewRatePolicy.judge(new Counts(10, 10, 4, 0, 0, 0, 8), MARKS);
        assertThat(d.low()).isTrue();
        assertThat(d.reasons()).containsExactly("seen");
    }

    @Test
    void periodsAreMonthsQuartersOrYearsComparedWithTheOneBefore() {
        YearMonth now = YearMonth.of(2026, 12);
        ReviewPeriod month = ReviewPeriod.parse("2026-1", now);
        assertThat(month.name()).isEqualTo("2026-01");
        assertThat(month.previous().name()).isEqualTo("2025-12");
        ReviewPeriod quarter = ReviewPeriod.parse("2026-q1", now);
        assertThat(quarter.from()).hasToString("2026-01-01");
        assertThat(quarter.to()).hasToString("2026-03-01");
        assertThat(quarter.previous().name()).isEqualTo("2025-Q4");
        assertThat(ReviewPeriod.parse("2026", now).previous().name()).isEqualTo("2025");
        assertThat(ReviewPeriod.parse(" ", now).name()).as("this month by default").isEqualTo("2026-12");
    }

    @Test
    void aPeriodThatIsNoneOrLiesAheadIsRefusedOnItsField() {
        YearMonth now = YearMonth.of(2026, 12);
        for (String bad : new String[] {"2026-13", "2026-Q5", "十一月", "2026/11"}) {
            assertThatThrownBy(() -> ReviewPeriod.parse(bad, now)).isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).problems().get(0).key())
                            .isEqualTo("review.period.format"));
        }
        assertThatThrownBy(() -> ReviewPeriod.parse("2027-01", now)).isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).problems().get(0).field()).isEqualTo("period"));
    }
}
