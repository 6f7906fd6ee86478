package org.fengqiao.population;

/** A key person's risk level; it sets how often the helper team visits. */
public enum Risk {
    HIGH, MEDIUM, LOW
}
