package org.fengqiao.jurisdiction;

import org.fengqiao.platform.ChoiceNames;

@ChoiceNames("jurisdiction.groupingKind.")
public enum GroupingKind {
    /** 警务区 */
    POLICE_DISTRICT,
    /** 警务合作区: communities whose officers cover for one another (空岗有人顶). */
    COOPERATION_ZONE,
    /** 联勤联防区: a zone patrolled jointly with security companies. */
    JOINT_PATROL_ZONE
}
