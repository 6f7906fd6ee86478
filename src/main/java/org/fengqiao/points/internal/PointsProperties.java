package org.fengqiao.points.internal;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Points per kind of contribution ({@code fengqiao.points.rules.<kind>=<points>}), e.g. {@code patrol-hour=2},
 * {@code verified-clue=20}. A rule that is not configured cannot be awarded.
 */
@ConfigurationProperties("fengqiao.points")
public record PointsProperties(Map<String, Integer> rules) {

    public PointsProperties {
        rules = rules == null ? Map.of() : new TreeMap<>(rules);
    }

    public Integer pointsOf(String rule) {
        return rule == null ? null : rules.get(rule);
    }
}
