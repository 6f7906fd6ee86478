package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** Relation to the head of household (与户主关系). */
@ChoiceNames("population.relation.")
public enum Relation {
    HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, GRANDPARENT, SIBLING, CHILD_IN_LAW, OTHER_RELATIVE, NON_RELATIVE
}
