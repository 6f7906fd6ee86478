package org.fengqiao.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentLoader;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A handful of incidents across the demo grids (seed 002's classified handling: help, disputes, a case,
 * another department's matter, a 110 dispute for mediation), some handled to the end with the reporter
 * answered and some open, filed through the same routing as any report; and the 110 centre's API key
 * {@code demo-110-key} for the demo bureau. Loads only into an empty incident table, after the district.
 */
@Component
class DemoIncidents extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d4f494eL;
    static final String API_KEY = "demo-110-key";

    private record Sample(String grid, Source source, Category category, Subtype subtype, String department,
            String description, String address, String handledUpTo, String resolution, long minutesAgo, long ackSeconds,
            long arriveSeconds) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("FS-1-01", Source.FIELD, Category.HELP, null, null, "独居老人家中停电，请求帮助联系电工。", "房山村一组",
                    "ANSWERED", "已联系村电工修复线路，老人用电恢复。", 60 * 26, 45, 170),
            new Sample("FS-2-03", Source.FIELD, Category.DISPUTE, null, null, "两户村民因宅基地边界发生争执。", "陆圩村三组",
                    "ANSWERED", "会同村委会现场调解，双方达成协议。", 60 * 50, 70, 260),
            new Sample("FS-3-02", Source.CALL_110, Category.CASE, Subtype.PUBLIC_ORDER, null, "110推送：村口有人酒后滋事。",
                    "兴东村村口", "RESOLVED", "网格管理员先期到场控制现场，网格长随后到场处置。", 60 * 5, 40, 240),
            new Sample("NS-1-01", Source.FIELD, Category.DEPARTMENT, null, "城管", "小区门口占道经营，影响通行。", "和平新村东门",
                    null, null, 30, 0, 0),
            new Sample("NS-2-02", Source.CALL_110, Category.DISPUTE, null, null, "110推送：邻里噪音纠纷，多次报警。",
                    "金色港湾5号楼", "ACKNOWLEDGED", null, 20, 55, 0),
            new Sample("SL-1-01", Source.FIELD, Category.HELP, null, null, "村民走失一头耕牛，请求协助寻找。", "大湾村二组",
                    null, null, 5, 0, 0));

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
            UUID id = loader.file(new NewIncident(s.source(), s.category(), s.subtype(), s.department(), s.description(),
                    null, null, null, s.address(), grid, null, null, null, null), "demo");
            if (s.handledUpTo() != null) {
                loader.handle(id, s.handledUpTo(), s.resolution() == null ? "已受理" : s.resolution(), "demo");
            }
            loader.backdate(id, now.minus(Duration.ofMinutes(s.minutesAgo())), s.ackSeconds(), s.arriveSeconds());
            filed++;
        }
        return filed;
    }
}
