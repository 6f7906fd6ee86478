package org.fengqiao.review.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How the reviews of a period become rates, and when they are a low result. Each rate is a share of the reviews that
 * answered its question, to three decimals, null when none did:
 * <ul>
 * <li>知晓率: knew their officer, of all reviews;</li>
 * <li>见警率: had seen him in the village or community that month, of all reviews;</li>
 * <li>管事率: he took up their matter (handled, or still at it), of the reviews that had a matter for him;</li>
 * <li>办结率: the matter was handled, of the same;</li>
 * <li>satisfaction rate: 4 and 5 out of all, as the platform counts satisfaction (群众满意率).</li>
 * </ul>
 * A result is low only over enough reviews ({@link Thresholds#minReviews()}): a rate below its threshold, the
 * satisfaction first, then 见警率, then 管事率 (a month with no matter has no 管事率 and is not low for it).
 */
public final class ReviewRatePolicy {

    private ReviewRatePolicy() {
    }

    /** What was answered: how many reviews, and how many of them said yes to each question. */
    public record Counts(long reviews, long knows, long seen, long withMatter, long helped, long handled,
            long satisfied) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(reviews + o.reviews, knows + o.knows, seen + o.seen, withMatter + o.withMatter,
                    helped + o.helped, handled + o.handled, satisfied + o.satisfied);
        }

        public Rates rates() {
            return ReviewRatePolicy.rates(this);
        }
    }

    public record Rates(Double know, Double seen, Double help, Double handled, Double satisfaction) {
    }

    public record Thresholds(int minReviews, double satisfaction, double seen, double help) {
    }

    /** Whether the result is low, and why (the rates below their thresholds, as {@code satisfaction}, ...). */
    public record Decision(boolean low, List<String> reasons) {
    }

    public static Rates rates(Counts c) {
        return new Rates(share(c.knows(), c.reviews()), share(c.seen(), c.reviews()),
                share(c.helped(), c.withMatter()), share(c.handled(), c.withMatter()),
                share(c.satisfied(), c.reviews()));
    }

    public static Decision judge(Counts c, Thresholds t) {
        if (c.reviews() < t.minReviews()) {
            return new Decision(false, List.of());
        }
        Rates r = rates(c);
        List<String> reasons = new ArrayList<>();
        if (below(r.satisfaction(), t.satisfaction())) {
            reasons.add("satisfaction");
        }
        if (below(r.seen(), t.seen())) {
            reasons.add("seen");
        }
        if (below(r.help(), t.help())) {
            reasons.add("help");
        }
        return new Decision(!reasons.isEmpty(), List.copyOf(reasons));
    }

    private static boolean below(Double rate, double threshold) {
        return rate != null && rate < threshold;
    }

    /** The share to three decimals, as the satisfaction report rounds it; null without a denominator. */
    static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
    }
}
