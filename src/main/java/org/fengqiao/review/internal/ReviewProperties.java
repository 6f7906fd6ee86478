package org.fengqiao.review.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public review's settings (FENGQIAO_REVIEW_REVIEWS_PER_HOUR, ...): how many reviews one network address may send
 * per hour, and when an officer's month in a community counts as a low result for his station chief: at least
 * {@code minReviews} reviews, and a satisfaction rate, 见警率 or 管事率 below its threshold (shares between 0 and 1).
 * A value out of range stops the start with the key's name.
 */
@Validated
@ConfigurationProperties("fengqiao.review")
public record ReviewProperties(@Min(1) @Max(1000) @DefaultValue("10") int reviewsPerHour,
        @Min(1) @Max(1000) @DefaultValue("5") int minReviews,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.8") double lowSatisfaction,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double lowSeen,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.6") double lowHelp) {

    public ReviewRatePolicy.Thresholds thresholds() {
        return new ReviewRatePolicy.Thresholds(minReviews, lowSatisfaction, lowSeen, lowHelp);
    }
}
