package org.fengqiao.population.internal;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the utility anomaly policy (fengqiao.utilities.*), per utility and month.
 *
 * <p>occupied: use above which a place is lived in. The defaults are well below what one person uses
 * (about 3 m³ of water, 50 kWh and 5 m³ of gas a month) and above what an empty flat shows (a
 * refrigerator left on, a dripping tap): water 2 m³, power 30 kWh, gas 3 m³.
 *
 * <p>idle: use at or below which a month counts as no use: water 0.5 m³, power 10 kWh (standby
 * loads), gas 0.5 m³. idleMonths: how many consecutive idle months make registered residents
 * suspect of having left: 3.
 */
@ConfigurationProperties("fengqiao.utilities")
public record UtilityProperties(@DefaultValue Occupied occupied, @DefaultValue Idle idle,
        @DefaultValue("3") int idleMonths) {

    public UtilityProperties {
        if (idleMonths < 1 || idleMonths > 24) {
            throw new IllegalArgumentException("fengqiao.utilities.idle-months must be between 1 and 24");
        }
    }

    public record Occupied(@DefaultValue("2") BigDecimal water, @DefaultValue("30") BigDecimal power,
            @DefaultValue("3") BigDecimal gas) {
        public BigDecimal of(Utility u) {
            return switch (u) {
                case WATER -> water;
                case POWER -> power;
                case GAS -> gas;
            };
        }
    }

    public record Idle(@DefaultValue("0.5") BigDecimal water, @DefaultValue("10") BigDecimal power,
            @DefaultValue("0.5") BigDecimal gas) {
        public BigDecimal of(Utility u) {
            return switch (u) {
                case WATER -> water;
                case POWER -> power;
                case GAS -> gas;
            };
        }
    }

    /** The documented defaults, for tests and tools outside Spring. */
    public static UtilityProperties defaults() {
        return new UtilityProperties(new Occupied(new BigDecimal("2"), new BigDecimal("30"), new BigDecimal("3")),
                new Idle(new BigDecimal("0.5"), new BigDecimal("10"), new BigDecimal("0.5")), 3);
    }
}
