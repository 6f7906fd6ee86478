package org.fengqiao.forces;

import org.fengqiao.platform.ChoiceNames;

/** The kinds of teams of seeds 000, 002 and 003. */
@ChoiceNames("forces.team.kind.")
public enum TeamKind {
    /** 民事纠纷调解队 */
    MEDIATION,
    /** 信息管理工作队 */
    INFORMATION,
    /** 消防安全巡查队 */
    FIRE_PATROL,
    /** 护院巡逻队 */
    COMPOUND_PATROL,
    /** 红领巾宣传队 */
    PUBLICITY,
    /** 平安志愿者 at fixed posts with red armbands */
    POST_VOLUNTEERS,
    /** 五老人员 */
    FIVE_ELDERS,
    /** 治安积极分子 */
    ACTIVISTS,
    /** 村警 */
    VILLAGE_POLICE,
    /** 调解员 */
    MEDIATORS,
    /** 信息员: members are seen only by their handler and the station chief */
    INFORMANTS
}
