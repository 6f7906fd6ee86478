package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/**
 * What a helper does in a key person's team (N帮一) or a left-behind child's care agreement (seed 002):
 * drug-involved and mentally ill persons get grid chief, family member, community doctor and volunteer;
 * stability-related persons at special times grid chief, grid manager, village cadre and a designated
 * informant; the other key persons grid manager, grid member and village cadre; left-behind children
 * grid manager, volunteer and their actual guardian, with a school teacher as the fourth.
 */
@ChoiceNames("care.role.")
public enum HelperRole {
    /** 网格长 (the community officer) */
    GRID_CHIEF,
    /** 网格管理员 (an auxiliary police officer) */
    GRID_MANAGER,
    /** 网格员 */
    GRID_MEMBER,
    /** 家庭成员 */
    FAMILY,
    /** 社区医生 */
    DOCTOR,
    /** 平安志愿者 */
    VOLUNTEER,
    /** 村组干部 */
    CADRE,
    /** 特定信息员 */
    INFORMANT,
    /** 实际监护人 */
    GUARDIAN,
    /** 学校老师 */
    TEACHER,
    OTHER
}
