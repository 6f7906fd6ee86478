package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** 常住 (permanent), 暂住/流动 (floating, with the day of registration), 已离开 (left). */
@ChoiceNames("population.residence.")
public enum Residence {
    PERMANENT, FLOATING, LEFT
}
