package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.worklog.WorklogLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work log in the demo district (seed 004's 四有): the rural 房山 officer's diary of the past days, last week's
 * analysis and last month's summary (each opening with the period's figures of his central office), the station
 * chief's review remark on the analysis (in the officer's inbox); the urban officer's diary of 和平社区; and the
 * bureau's diary column, where each shared an entry and the other commented on it and liked it. Loads once, after the
 * other demo loaders (the figures count their records), under its own lock.
 */
@Component
class DemoWorklog extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_574c4f47L;

    private final WorklogLoader worklog;

    DemoWorklog(WorklogLoader worklog, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 5, properties, tx, jdbc);
        this.worklog = worklog;
    }

    @Override
    int loadOnce() {
        if (worklog.anyEntries()) {
            return 0;
        }
        return load();
    }

    @Override
    String loaded(int count) {
        return "Demo work log: " + count + " entries";
    }

    /** A staff member as the work log acts for him: his id, name, and his unit's id and path. */
    private record Person(UUID id, String name, UUID unit, String path) {
    }

    private Person person(String username) {
        return jdbc.sql("""
                SELECT s.id, s.name, u.id AS unit_id, u.path FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.username = ?""").param(username)
                .query((rs, n) -> new Person(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getObject("unit_id", UUID.class), rs.getString("path"))).optional().orElse(null);
    }

    private UUID diary(Person p, LocalDate day, String title, String body) {
        UUID id = worklog.write(p.id(), p.name(), p.path(), "DAILY", day, p.unit(), title, body);
        worklog.writtenAt(id, day.atTime(21, 30).atZone(LocalTimes.ZONE).toInstant());
        return id;
    }

    int load() {
        Person officer = person("officer");
        Person officer2 = person("officer2");
        Person chief = person("chief");
        if (officer == null || officer2 == null || chief == null) {
            return 0;
        }
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        int count = 0;

        UUID well = diary(officer, today.minusDays(6), "吴场村三组机井隐患处置",
                "上午巡逻至吴场村三组，发现废弃机井仅用木板遮挡。联系村委会主任现场查看，当天下午用水泥板封堵，"
                        + "并在路口设置警示牌。放学时段与网格员一起在井口附近值守，向过往学生家长讲明危险。\n"
                        + "体会：隐患处置要当场找到责任人，拍照留存，次日回访。");
        count++;
        diary(officer, today.minusDays(5), "陆圩村流动人口排查",
                "与辅警一起走访陆圩村出租房屋12户，登记新来务工人员5人，提醒房东及时申报。"
                        + "养殖场两名外地务工人员未办居住登记，已当场告知办理流程。");
        count++;
        UUID dispute = diary(officer, today.minusDays(3), "调处一起宅基地边界纠纷",
                "兴东村两户因宅基地边界砌墙发生争执，邀请村调解主任和两户的长辈一起到现场，"
                        + "对照确权图逐段丈量，最后商定以原有界石为准、墙体退让20厘米。双方当场签了调解协议。\n"
                        + "体会：先请双方都信服的老人到场，情绪降下来再谈事；量地时让双方都动手，结果才服气。");
        count++;
        diary(officer, today.minusDays(1), "夜间巡逻与防诈宣传",
                "晚上与平安志愿者巡逻吴场、陆圩两村，在村广场为群众讲解冒充客服退款诈骗的手法，发放宣传彩页80余份。");
        count++;

        LocalDate lastWeek = today.minusWeeks(1);
        UUID analysis = worklog.write(officer.id(), officer.name(), officer.path(), "WEEKLY_ANALYSIS", lastWeek,
                officer.unit(), "房山中心警务室上周工作分析",
                "二、工作分析\n本周矛盾纠纷以邻里、宅基地类为主，均已就地化解；夜间巡逻覆盖五个村。\n\n"
                        + "三、存在问题\n部分出租房屋房东申报不及时，流动人口底数有缺口。\n\n"
                        + "四、下步打算\n下周集中开展一次出租房屋排查，走访治安信息员两名。");
        worklog.writtenAt(analysis, lastWeek.with(java.time.DayOfWeek.SUNDAY).atTime(20, 0)
                .atZone(LocalTimes.ZONE).toInstant());
        count++;
        worklog.remark(analysis, chief.id(), chief.name(), chief.path(),
                "分析到位。出租房屋排查请与辅警分片包干，下周五前把新登记人数报所里；信息员走访要有记录。");

        LocalDate lastMonth = today.minusMonths(1);
        UUID summary = worklog.write(officer.id(), officer.name(), officer.path(), "MONTHLY_SUMMARY", lastMonth,
                officer.unit(), "房山中心警务室上月工作总结",
                "二、工作总结\n全月落实每日“三个一”、每周“五个一”，重点人员走访按期完成。\n\n"
                        + "三、存在问题\n警民联系卡发放覆盖还不全，兴谷村偏远组较少。\n\n"
                        + "四、下步打算\n下月补齐兴谷村联系卡发放，召开一次社区议事会。");
        worklog.writtenAt(summary, lastMonth.withDayOfMonth(lastMonth.lengthOfMonth()).atTime(18, 0)
                .atZone(LocalTimes.ZONE).toInstant());
        count++;

        UUID compound = diary(officer2, today.minusDays(4), "和平社区小区电动车充电隐患",
                "走访和平社区两个老旧小区，发现楼道内飞线充电6处。与物业约定本周内加装集中充电桩，"
                        + "已逐户上门劝导，张贴提示。\n体会：城区小区要借物业的力，民警牵头、物业落实、楼长盯守。");
        count++;
        diary(officer2, today.minusDays(2), "社区议事会",
                "参加和平社区议事会，居民提出夜间停车乱、噪声扰民两件事，会上明确由物业和居委会分头落实，"
                        + "两周后回头看。");
        count++;

        worklog.share(dispute, officer.id(), officer.name(), officer.path());
        worklog.writtenAt(dispute, today.minusDays(3).atTime(21, 30).atZone(LocalTimes.ZONE).toInstant());
        worklog.share(well, officer.id(), officer.name(), officer.path());
        worklog.writtenAt(well, today.minusDays(6).atTime(21, 30).atZone(LocalTimes.ZONE).toInstant());
        worklog.share(compound, officer2.id(), officer2.name(), officer2.path());
        worklog.writtenAt(compound, today.minusDays(4).atTime(21, 30).atZone(LocalTimes.ZONE).toInstant());

        worklog.comment(dispute, officer2.id(), officer2.name(), officer2.path(),
                "请老人到场这个办法好，我们社区也有类似的楼上楼下漏水纠纷，回头试试。");
        worklog.like(dispute, officer2.id(), officer2.name(), officer2.path());
        worklog.comment(compound, officer.id(), officer.name(), officer.path(),
                "村里也有电动车进屋充电的情况，集中充电桩的做法值得借鉴。");
        worklog.like(compound, officer.id(), officer.name(), officer.path());
        worklog.like(dispute, chief.id(), chief.name(), chief.path());
        return count;
    }
}
