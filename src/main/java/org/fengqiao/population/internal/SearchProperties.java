package org.fengqiao.population.internal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many person searches run at once (FENGQIAO_SEARCH_CONCURRENCY; 0, the default, means twice the processors)
 * and how long one waits for its turn before it is refused as busy (FENGQIAO_SEARCH_WAIT). A search is processor
 * work for the application and the database; beyond a few at once they only share the cores (bench/README.md).
 */
@Validated
@ConfigurationProperties("fengqiao.search")
public record SearchProperties(@DefaultValue("0") int concurrency, @NotNull @DefaultValue("10s") Duration queueTimeout) {
}
