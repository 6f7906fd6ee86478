package org.fengqiao.population;

/** 常住 (permanent), 暂住/流动 (floating, with the day of registration), 已离开 (left). */
public enum Residence {
    PERMANENT, FLOATING, LEFT
}
