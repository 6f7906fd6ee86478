package org.fengqiao.incident;

import org.fengqiao.platform.ChoiceNames;

/**
 * The offence (案由) of a case or event ({@link Category#CASE}), and whether the police count it as preventable
 * (可防性案件): the thefts, robberies, snatchings and frauds that patrols, locks, cameras, registration of
 * non-motor vehicles and anti-fraud warnings prevent (盗、抢、骗), against offences that arise between people or from
 * vice (injuries, quarrels, gambling, drugs), which prevention on points, lines and areas does not touch. Seed 000
 * reports the preventable cases year over year (-16.7%).
 * <p>
 * A fixed list rather than configuration: the year-before comparison holds only while what counts as preventable
 * stays put (a flag changed in a configuration file would change last year's figure too, and the one a station
 * already reported), the codes are stored on incidents for good (a code removed from a file would leave them
 * unreadable), and as an enum each value is refused or named in the reader's language like every other choice
 * ({@link ChoiceNames}). A new offence is a code change with its migration, as a new category is.
 */
@ChoiceNames("incident.offence.")
public enum Offence {
    /** 入室盗窃 (入户盗窃) */
    BURGLARY(true),
    /** 盗窃机动车 */
    MOTOR_VEHICLE_THEFT(true),
    /** 盗窃电动自行车等非机动车 */
    NON_MOTOR_VEHICLE_THEFT(true),
    /** 盗窃车内财物 */
    THEFT_FROM_VEHICLE(true),
    /** 扒窃 */
    PICKPOCKETING(true),
    /** 其他盗窃 (shops, building sites, farm produce and tools, cables) */
    OTHER_THEFT(true),
    /** 抢劫 */
    ROBBERY(true),
    /** 抢夺 */
    SNATCHING(true),
    /** 电信网络诈骗 */
    TELECOM_FRAUD(true),
    /** 其他诈骗 (face to face: 街头诈骗, 假冒身份) */
    OTHER_FRAUD(true),
    /** 故意伤害 */
    INTENTIONAL_INJURY(false),
    /** 殴打他人 */
    ASSAULT(false),
    /** 寻衅滋事 */
    PICKING_QUARRELS(false),
    /** 故意损毁财物 */
    PROPERTY_DAMAGE(false),
    /** 赌博 */
    GAMBLING(false),
    /** 吸毒 */
    DRUG_USE(false),
    /** 贩卖毒品 */
    DRUG_TRAFFICKING(false),
    /** 卖淫嫖娼 */
    PROSTITUTION(false),
    /** 其他案件 */
    OTHER(false);

    private final boolean preventable;

    Offence(boolean preventable) {
        this.preventable = preventable;
    }

    /** Whether it counts among the preventable cases (可防性案件). */
    public boolean preventable() {
        return preventable;
    }
}
