package org.fengqiao.claims.internal;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The board of hard cases: how old an open item must be to go up ({@code age}, and per kind in {@code ages}:
 * DISPUTE, INCIDENT, HAZARD), the longest deadline a claimer may choose ({@code max-days}) and the largest team.
 */
@ConfigurationProperties("fengqiao.claims")
public record ClaimsProperties(Duration age, Map<String, Duration> ages, Integer maxDays, Integer maxTeam) {

    public ClaimsProperties {
        age = age == null ? Duration.ofDays(7) : age;
        ages = ages == null ? Map.of() : Map.copyOf(ages);
        maxDays = maxDays == null ? 30 : maxDays;
        maxTeam = maxTeam == null ? 8 : maxTeam;
    }

    public Duration ageOf(Board.Kind kind) {
        return ages.getOrDefault(kind.name(), ages.getOrDefault(kind.name().toLowerCase(java.util.Locale.ROOT), age));
    }
}
