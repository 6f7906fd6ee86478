package org.fengqiao.population.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Key-person care settings (FENGQIAO_CARE_RHYTHM_HIGH, ...). The visit rhythm by risk level defaults
 * to weekly for high, every two weeks for medium and monthly for low risk (docs/care.md); the overdue
 * sweep runs at the start of every hour by default. A visit may be entered up to {@code visitLateEntryDays} days
 * after the day it was made (FENGQIAO_CARE_VISIT_LATE_ENTRY_DAYS, default 30; {@link VisitDatePolicy}).
 */
@Validated
@ConfigurationProperties("fengqiao.care")
public record CareProperties(@NotNull @DefaultValue Rhythm rhythm,
        @NotBlank @DefaultValue("0 5 * * * *") String sweepCron,
        @Min(0) @Max(366) @DefaultValue("30") int visitLateEntryDays) {

    /** How long after the last visit the next one is due, per risk level: ISO-8601 (P1W) or 1w, 2w, 1m. */
    public record Rhythm(@NotNull @DefaultValue("P1W") Period high, @NotNull @DefaultValue("P2W") Period medium,
            @NotNull @DefaultValue("P1M") Period low) {
    }
}
