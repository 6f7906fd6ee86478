package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** What a person is followed for. A trusted household (放心户) is a mark of the household, not of a person. */
@ChoiceNames("population.category.")
public enum Category {
    /** 重点人口, with a {@link KeyPersonType} and a risk level. */
    KEY_PERSON,
    /** 留守儿童 */
    LEFT_BEHIND_CHILD,
    /** 独居老人 */
    ELDERLY_ALONE,
    /** 困难群众 */
    IN_DIFFICULTY
}
