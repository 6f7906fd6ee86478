package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.supplies.SuppliesLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 004's 警务保障: the bureau's equipment section issued each central office and workstation its officer's sign,
 * its board, its rules boards, handbooks, logbooks, leaflets and a desk set, each confirmed by the unit's officer;
 * 房山中心警务室 has used up logbooks and handed out leaflets, one sign was lost in a storm. 和平社区 still waits to
 * confirm its last delivery of logbooks, and 晶都社区警务工作站 has no rules board yet, so the check of 统一配备 finds
 * a gap. Loads once, after the district, under its own advisory lock like the other demo loaders.
 */
@Component
class DemoSupplies extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_53555050L;
    private static final String BY = "demo";
    private static final String SECTION = "县公安局装备财务科";

    private final SuppliesLoader loader;
    private final Jurisdictions jurisdictions;

    DemoSupplies(SuppliesLoader loader, Jurisdictions jurisdictions, FengqiaoProperties properties,
            TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.loader = loader;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        Unit fangshan = jurisdictions.unitByCode("320722010100").orElse(null);
        Unit heping = jurisdictions.unitByCode("320722020100").orElse(null);
        Unit jingdu = jurisdictions.unitByCode("320722020200").orElse(null);
        if (fangshan == null || heping == null || jingdu == null || loader.any()) {
            return 0;
        }
        Officer li = officer(fangshan);
        Officer zhang = officer(heping);
        Officer jd = officer(jingdu);
        if (li == null || zhang == null || jd == null) {
            return 0;
        }
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        LocalDate spring = today.minusMonths(5);
        int lines = 0;
        // standard equipment per unit: kind, quantity, cost in fen (标牌 ≈ 60元, 站牌 ≈ 350元, 制度牌 ≈ 80元 each)
        record Item(String code, int quantity, long costFen) {
        }
        List<Item> full = List.of(new Item("OFFICER_SIGN", 5, 30_000), new Item("STATION_SIGN", 1, 35_000),
                new Item("RULES_BOARD", 2, 16_000), new Item("HANDBOOK", 6, 9_000), new Item("LOGBOOK", 10, 8_000),
                new Item("LEAFLET", 2000, 40_000), new Item("DESK_SET", 1, 120_000));
        for (Item i : full) {
            loader.issue(fangshan.id().value(), i.code(), i.quantity(), i.costFen(), spring, SECTION, li.id(),
                    li.name(), BY);
            lines++;
        }
        for (Unit u : List.of(heping, jingdu)) {
            for (Item i : full) {
                if (u == jingdu && i.code().equals("RULES_BOARD")) {
                    continue;
                }
                int quantity = i.code().equals("OFFICER_SIGN") ? 1 : i.quantity();
                loader.issue(u.id().value(), i.code(), quantity, i.costFen() * quantity / i.quantity(),
                        spring.plusDays(3), SECTION, (u == heping ? zhang : jd).id(), (u == heping ? zhang : jd).name(),
                        BY);
                lines++;
            }
        }
        loader.use(fangshan.id().value(), "LOGBOOK", 4, false, today.minusMonths(2), "四个村的民警日志写满归档", BY);
        loader.use(fangshan.id().value(), "LEAFLET", 1200, false, today.minusMonths(1),
                "进村入户发放防诈骗和交通安全宣传彩页", BY);
        loader.use(fangshan.id().value(), "OFFICER_SIGN", 1, true, today.minusDays(40), "兴东村工作标牌被大风刮落损毁", BY);
        loader.issue(heping.id().value(), "LOGBOOK", 5, 4_000, today.minusDays(2), SECTION, null, null, BY);
        return lines + 4;
    }

    record Officer(UUID id, String name) {
    }

    /** The community officer who sits at a unit (the one who signs for what it receives), or null. */
    private Officer officer(Unit unit) {
        return jdbc.sql("""
                SELECT id, name FROM staff WHERE unit_id = ? AND role = 'COMMUNITY_OFFICER' AND active
                ORDER BY police_number NULLS LAST, id LIMIT 1""").param(unit.id().value())
                .query((rs, n) -> new Officer(rs.getObject(1, UUID.class), rs.getString(2))).optional().orElse(null);
    }

    @Override
    String loaded(int count) {
        return "Demo supplies: " + count + " ledger lines";
    }
}
