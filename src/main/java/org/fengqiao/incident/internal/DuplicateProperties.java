package org.fengqiao.incident.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a new report is offered as a possible duplicate of an open one of the same category: within
 * {@code distance-metres} of it (reports without a location: the same grid and address) and occurred within
 * {@code window} of it.
 */
@ConfigurationProperties("fengqiao.incident.duplicates")
public record DuplicateProperties(@DefaultValue("200") double distanceMetres, @DefaultValue("PT2H") Duration window) {

    public DuplicatePolicy policy() {
        return new DuplicatePolicy(distanceMetres, window);
    }
}
