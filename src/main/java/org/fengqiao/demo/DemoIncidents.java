package org.fengqiao.demo;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentLoader;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A handful of incidents across the demo grids (seed 002's classified handling: help, disputes, a case,
 * another department's matter, a 110 dispute for mediation), some handled to the end with the reporter
 * answered and some open, filed through the same routing as any report; and the 110 centre's API key
 * {@code demo-110-key} for the demo bureau. Loads only into an empty incident table, after the district.
 * <p>
 * Cases come with their offences (案由), so the work figures show preventable cases (可防性案件) beside the same days
 * a year before, as seed 000 reports them: 房山派出所 receives five this month against six the year before (−16.7%),
 * has one case still without an offence, and the 110 push's 酒后滋事 is given its offence on the item afterwards, a
 * step on its timeline. This month's and the year before's cases fall within the month of loading (no earlier than its
 * first day), so the figures page, which opens on this month, shows them whenever the demo loads.
 * <p>
 * The open items stand as a station's do in office hours: those just in are taken up at the grid (a report left
 * unanswered, or resolved and its reporter not called back, goes up a level within minutes, and the demo has nobody to
 * answer it); a case still at work after its level's time to resolve it went up when that time passed, and stands with
 * its new owner (the snatching of this morning at the central office, the burglary of yesterday at the station); a
 * hard case of weeks (DemoClaims) at the bureau. Each went up when its story says ({@link IncidentLoader#escalateAsDue}),
 * so nothing is due at once when the demo starts: the next item to go up is the one its own deadline names.
 */
@Component
class DemoIncidents extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d4f494eL;
    static final String API_KEY = "demo-110-key";

    private record Sample(String grid, Source source, Category category, Subtype subtype, String department,
            String description, String address, String handledUpTo, String resolution, long minutesAgo, long ackSeconds,
            long arriveSeconds, Offence offence, boolean yearBefore) {

        Sample(String grid, Source source, Category category, Subtype subtype, String department, String description,
                String address, String handledUpTo, String resolution, long minutesAgo, long ackSeconds,
                long arriveSeconds) {
            this(grid, source, category, subtype, department, description, address, handledUpTo, resolution, minutesAgo,
                    ackSeconds, arriveSeconds, null, false);
        }

        /** A case of this month, handled up to {@code handledUpTo}, received that many hours ago. */
        static Sample theCase(String grid, Source source, Subtype subtype, Offence offence, String description,
                String address, String handledUpTo, String resolution, long hoursAgo) {
            return new Sample(grid, source, Category.CASE, subtype, null, description, address, handledUpTo, resolution,
                    60 * hoursAgo, 50, 300, offence, false);
        }

        /** A case of the same month a year before, answered then. */
        static Sample yearBefore(String grid, Source source, Subtype subtype, Offence offence, String description,
                String address, long hoursAgo) {
            return new Sample(grid, source, Category.CASE, subtype, null, description, address, "ANSWERED",
                    "已立案侦查，已回复报告人。", 60 * hoursAgo, 60, 420, offence, true);
        }
    }

    /** The existing 110 push of 酒后滋事, and the offence its officer gives it on the item afterwards. */
    private static final String QUARRELS = "110推送：村口有人酒后滋事。";

    private static final List<Sample> SAMPLES = List.of(
            new Sample("FS-1-01", Source.FIELD, Category.HELP, null, null, "独居老人家中停电，请求帮助联系电工。", "房山村一组",
                    "ANSWERED", "已联系村电工修复线路，老人用电恢复。", 60 * 26, 45, 170),
            new Sample("FS-2-03", Source.FIELD, Category.DISPUTE, null, null, "两户村民因宅基地边界发生争执。", "陆圩村三组",
                    "ANSWERED", "会同村委会现场调解，双方达成协议。", 60 * 50, 70, 260),
            new Sample("FS-3-02", Source.CALL_110, Category.CASE, Subtype.PUBLIC_ORDER, null, QUARRELS,
                    "兴东村村口", "ANSWERED", "网格管理员先期到场控制现场，网格长随后到场处置，已回复报告人。", 60 * 5, 40, 240),
            new Sample("NS-1-01", Source.FIELD, Category.DEPARTMENT, null, "城管", "小区门口占道经营，影响通行。", "和平新村东门",
                    "ACKNOWLEDGED", null, 30, 60, 0),
            new Sample("NS-2-02", Source.CALL_110, Category.DISPUTE, null, null, "110推送：邻里噪音纠纷，多次报警。",
                    "金色港湾5号楼", "ACKNOWLEDGED", null, 20, 55, 0),
            new Sample("SL-1-01", Source.FIELD, Category.HELP, null, null, "村民走失一头耕牛，请求协助寻找。", "大湾村二组",
                    "ACKNOWLEDGED", null, 5, 45, 0),
            // this month's cases: five preventable in 房山派出所, one there not yet classified, one in the town
            Sample.theCase("FS-1-02", Source.CALL_110, Subtype.CRIMINAL, Offence.BURGLARY,
                    "110推送：村民外出务工期间家中被撬门入室，丢失现金和金饰。", "吴场村二组", "ARRIVED", null, 30),
            Sample.theCase("FS-2-01", Source.FIELD, Subtype.PUBLIC_ORDER, Offence.NON_MOTOR_VEHICLE_THEFT,
                    "村民停放在自家门口的电动自行车夜间被盗。", "陆圩村一组", "ANSWERED",
                    "已登记车辆信息并录入被盗车辆库，提醒村民安装防盗装置。", 20),
            Sample.theCase("FS-3-01", Source.CALL_110, Subtype.CRIMINAL, Offence.TELECOM_FRAUD,
                    "110推送：村民接到冒充电商客服的电话，被骗转账两万元。", "兴东村四组", "ANSWERED",
                    "已协助止付冻结，开展反诈宣传，已回复报告人。", 40),
            Sample.theCase("FS-4-02", Source.FIELD, Subtype.PUBLIC_ORDER, Offence.THEFT_FROM_VEHICLE,
                    "集市停车场一辆轿车车窗被砸，车内财物被盗。", "兴谷村集市停车场", "ANSWERED",
                    "已调取集市监控，增设集市固定岗巡逻。", 12),
            Sample.theCase("FS-1-03", Source.CALL_110, Subtype.CRIMINAL, Offence.SNATCHING,
                    "110推送：路边行人挎包被骑摩托车的人抢走。", "吴场村村口", "ARRIVED", null, 6),
            Sample.theCase("FS-5-01", Source.FIELD, Subtype.PUBLIC_ORDER, null,
                    "村民鱼塘的增氧设备电缆被人剪断。", "林疃村三组", "ACKNOWLEDGED", null, 3),
            Sample.theCase("NS-1-02", Source.CALL_110, Subtype.CRIMINAL, Offence.PICKPOCKETING,
                    "110推送：农贸市场内顾客手机被扒窃。", "和平农贸市场", "ANSWERED", "已调取市场监控，提醒商户和顾客防范。", 8),
            // the same days a year before: six preventable cases in 房山派出所
            Sample.yearBefore("FS-1-04", Source.CALL_110, Subtype.CRIMINAL, Offence.BURGLARY,
                    "110推送：村民家中夜间被盗，窗户被撬。", "吴场村五组", 30),
            Sample.yearBefore("FS-2-02", Source.CALL_110, Subtype.CRIMINAL, Offence.BURGLARY,
                    "110推送：空置农房被入室盗窃。", "陆圩村二组", 26),
            Sample.yearBefore("FS-2-04", Source.FIELD, Subtype.PUBLIC_ORDER, Offence.NON_MOTOR_VEHICLE_THEFT,
                    "村民电动自行车在村部门口被盗。", "陆圩村村部", 20),
            Sample.yearBefore("FS-3-03", Source.FIELD, Subtype.PUBLIC_ORDER, Offence.NON_MOTOR_VEHICLE_THEFT,
                    "村民电动三轮车电瓶被盗。", "兴东村二组", 16),
            Sample.yearBefore("FS-4-01", Source.CALL_110, Subtype.CRIMINAL, Offence.TELECOM_FRAUD,
                    "110推送：村民被刷单返利诈骗。", "兴谷村一组", 10),
            Sample.yearBefore("FS-4-03", Source.FIELD, Subtype.PUBLIC_ORDER, Offence.THEFT_FROM_VEHICLE,
                    "集市停车场车内财物被盗。", "兴谷村集市停车场", 4));

    private final IncidentLoader loader;
    private final Jurisdictions jurisdictions;

    DemoIncidents(IncidentLoader loader, Jurisdictions jurisdictions, FengqiaoProperties properties,
            TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 2, properties, tx, jdbc);
        this.loader = loader;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        Unit bureau = jurisdictions.unitByCode("320722000000").orElse(null);
        if (bureau == null) {
            return 0;
        }
        loader.registerApiKey(bureau.id(), "110指挥中心（演示）", API_KEY);
        if (loader.anyIncidents()) {
            return 0;
        }
        return load();
    }

    @Override
    String loaded(int count) {
        return "Demo incidents: " + count + " filed; the 110 centre's API key is " + API_KEY;
    }

    int load() {
        int filed = 0;
        Instant now = Instant.now();
        for (Sample s : SAMPLES) {
            UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(s.grid())
                    .query(UUID.class).optional().orElse(null);
            if (grid == null) {
                continue;
            }
            UUID id = loader.file(new NewIncident(s.source(), s.category(), s.subtype(), s.offence(), s.department(),
                    s.description(), null, null, null, s.address(), grid, null, null, null, null), "demo");
            if (s.handledUpTo() != null) {
                loader.handle(id, s.handledUpTo(), s.resolution() == null ? "已受理" : s.resolution(), "demo");
            }
            if (s.description().equals(QUARRELS)) {
                loader.setOffence(id, Offence.PICKING_QUARRELS, "demo");
            }
            loader.backdate(id, received(s, now), s.ackSeconds(), s.arriveSeconds());
            loader.escalateAsDue(id, now);
            filed++;
        }
        return filed;
    }

    /**
     * When a sample came in: that long ago, no earlier than the first of this month (in the jurisdiction's zone); one of
     * the year before as long before the same moment a year ago, no earlier than that month's first.
     */
    private static Instant received(Sample s, Instant now) {
        ZonedDateTime at = now.atZone(PeriodFigures.ZONE);
        if (s.yearBefore()) {
            at = at.minusYears(1);
        }
        ZonedDateTime monthStart = at.withDayOfMonth(1).toLocalDate().atStartOfDay(PeriodFigures.ZONE);
        ZonedDateTime received = at.minusMinutes(s.minutesAgo());
        return (received.isBefore(monthStart) ? monthStart : received).toInstant();
    }
}
