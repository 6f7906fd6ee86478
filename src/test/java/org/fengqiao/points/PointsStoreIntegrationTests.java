package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.points.internal.Awards;
import org.fengqiao.points.internal.Ledger;
import org.fengqiao.points.internal.Store;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The store: funds and stock, redemptions under concurrency, vouchers scanned once, exports, the incident hook. */
class PointsStoreIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    Store store;
    @Autowired
    Ledger ledger;
    @Autowired
    Awards awards;
    @Autowired
    PointsLoader loader;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
    }

    UUID officerId() {
        return PointsFixtures.staffId(jdbc, "officer");
    }

    /** A holder with points, given through an approved award of the grid chief (the chief approves). */
    Staff holderWith(String rule) {
        Staff h = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "志愿者");
        loader.awardApproved(h.id().value(), PointsFixtures.grid(jdbc, "FS-1-07"), rule, "测试积分", null, officerId(),
                PointsFixtures.staffId(jdbc, "chief"));
        return h;
    }

    UUID donated(String name, int price, int stock) {
        return loader.stock(PointsFixtures.office(jurisdictions).id().value(), name + UUID.randomUUID(), "DONATED",
                "房山镇测试商贸有限公司", price, stock, 0, officerId());
    }

    @Test
    void manyRedemptionsAtOnceNeverOversellNorOverdraw() throws Exception {
        String path = PointsFixtures.office(jurisdictions).path();
        // stock is the limit: 3 units, 12 holders with enough points each
        UUID scarce = donated("限量商品", 10, 3);
        List<Staff> holders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            holders.add(holderWith("verified-clue"));
        }
        // the balance is the limit: one holder with 20 points, 12 attempts at 6 points each
        Staff rich = holderWith("verified-clue");
        UUID plenty = donated("充足商品", 6, 100);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger scarceOk = new AtomicInteger();
        AtomicInteger plentyOk = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Caller h = PointsFixtures.self(holders.get(i), path);
            Caller r = PointsFixtures.self(rich, path);
            done.add(pool.submit(() -> {
                start.await();
                try {
                    store.redeem(scarce, h);
                    scarceOk.incrementAndGet();
                } catch (Invalid e) {
                    refused.incrementAndGet();
                }
                try {
                    store.redeem(plenty, r);
                    plentyOk.incrementAndGet();
                } catch (Invalid e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(scarceOk.get()).isEqualTo(3);
        assertThat(store.item(scarce).orElseThrow().stock()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM points_voucher WHERE item_id = ?").param(scarce).query(Long.class)
                .single()).isEqualTo(3);
        int spent = holders.stream().mapToInt(h -> 20 - ledger.balance(h.id().value())).sum();
        assertThat(spent).as("points taken only for the units handed out").isEqualTo(30);

        assertThat(plentyOk.get()).as("20 points buy three items of 6").isEqualTo(3);
        assertThat(ledger.balance(rich.id().value())).isEqualTo(2);
        assertThat(store.item(plenty).orElseThrow().stock()).isEqualTo(97);
        assertThat(refused.get()).isEqualTo(9 + 9);
        assertThat(jdbc.sql("SELECT min(balance_after) FROM points_entry WHERE holder_id = ?")
                .param(rich.id().value()).query(Integer.class).single()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void oneHoldersRedemptionsAtOnceWithTheFormsKeyAndWithoutNeitherDeadlockNorOverdraw() throws Exception {
        String path = PointsFixtures.office(jurisdictions).path();
        // 20 points, 12 attempts at 6 points: the page sends a form key, the phone app may not; both at once
        Staff holder = holderWith("verified-clue");
        UUID item = donated("常备商品", 6, 100);
        Caller h = PointsFixtures.self(holder, path);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String key = i % 2 == 0 ? UUID.randomUUID().toString() : null;
            done.add(pool.submit(() -> {
                start.await();
                try {
                    store.redeem(item, key, h);
                    ok.incrementAndGet();
                } catch (Invalid e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        List<Throwable> failed = new ArrayList<>();
        for (Future<?> f : done) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(e.getCause());
            }
        }
        pool.shutdown();

        assertThat(failed).as("each attempt redeems or is refused for want of points, none fails").isEmpty();
        assertThat(ok.get()).isEqualTo(3);
        assertThat(refused.get()).isEqualTo(9);
        assertThat(ledger.balance(holder.id().value())).isEqualTo(2);
        assertThat(store.item(item).orElseThrow().stock()).isEqualTo(97);
    }

    @Test
    void aPurchaseSpendsFromTheFundAndNeverBelowZero() {
        UUID station = jurisdictions.unitByCode("320722030000").orElseThrow().id().value(); // 石榴派出所
        Map<String, Object> open = Map.of("unitId", station, "kind", "BRAVERY_FUND", "name", "测试见义勇为基金");
        HttpResponse<String> opened = api.send("POST", "/api/v1/points/funds", bureau, open);
        if (opened.statusCode() == 400) {
            // a rerun on the same database: the account is there
            assertThat(opened.body()).contains("已有此基金账户");
        } else {
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        }
        JsonNode fund = null;
        for (JsonNode f : ApiClient.json(api.get("/api/v1/points/funds", bureau))) {
            if (f.get("unitId").asText().equals(station.toString()) && f.get("kind").asText().equals("BRAVERY_FUND")) {
                fund = f;
            }
        }
        String fundId = fund.get("id").asText();
        long before = fund.get("balanceFen").asLong();
        assertThat(api.send("POST", "/api/v1/points/funds/" + fundId + "/income", bureau,
                Map.of("amountFen", 50_000, "note", "县见义勇为基金会拨款")).statusCode()).isEqualTo(200);
        Map<String, Object> item = new HashMap<>();
        item.put("unitId", station);
        item.put("name", "电饭煲" + UUID.randomUUID());
        item.put("source", "BRAVERY_FUND");
        item.put("pricePoints", 300);
        HttpResponse<String> created = api.send("POST", "/api/v1/points/store/items", bureau, item);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String itemId = ApiClient.json(created).get("id").asText();
        HttpResponse<String> bought = api.send("POST", "/api/v1/points/store/items/" + itemId + "/stock", bureau,
                Map.of("quantity", 2, "costFen", 39_800));
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(200);
        assertThat(ApiClient.json(bought).get("stock").asInt()).isEqualTo(2);
        JsonNode entries = ApiClient.json(api.get("/api/v1/points/funds/" + fundId + "/entries", bureau));
        assertThat(entries.get(0).get("kind").asText()).isEqualTo("PURCHASE");
        assertThat(entries.get(0).get("amountFen").asLong()).isEqualTo(-39_800);
        assertThat(entries.get(0).get("balanceAfterFen").asLong()).isEqualTo(before + 50_000 - 39_800);

        HttpResponse<String> tooMuch = api.send("POST", "/api/v1/points/store/items/" + itemId + "/stock", bureau,
                Map.of("quantity", 1, "costFen", before + 50_000));
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("基金余额不足");
        assertThat(store.item(UUID.fromString(itemId)).orElseThrow().stock()).as("nothing half-applied").isEqualTo(2);

        assertThat(api.get("/api/v1/points/funds/" + fundId + "/entries", officer).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/points/store/items/" + itemId, officer).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/points/store/items/" + itemId, officer2).statusCode()).isEqualTo(404);
    }

    @Test
    void aRetiredUnitGetsNoNewStoreItemNorFund() {
        String n = UUID.randomUUID().toString().substring(0, 6);
        UUID unit = jurisdictions.createUnit(PointsFixtures.office(jurisdictions).id(),
                org.fengqiao.jurisdiction.UnitKind.WORKSTATION, "IT-PS-R-" + n, "积分撤销工作站" + n, null).id().value();
        assertThat(api.send("DELETE", "/api/v1/units/" + unit, bureau, null).statusCode()).isEqualTo(204);

        Map<String, Object> item = new HashMap<>();
        item.put("unitId", unit);
        item.put("name", "撤销单位奖品" + n);
        item.put("source", "DONATED");
        item.put("donor", "房山镇测试商贸有限公司");
        item.put("pricePoints", 100);
        item.put("stock", 1);
        HttpResponse<String> created = api.send("POST", "/api/v1/points/store/items", bureau, item);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(created.body()).contains("请选择辖区内的单位");
        HttpResponse<String> fund = api.send("POST", "/api/v1/points/funds", bureau,
                Map.of("unitId", unit, "kind", "BRAVERY_FUND", "name", "撤销单位基金" + n));
        assertThat(fund.statusCode()).as(fund.body()).isEqualTo(400);
        assertThat(fund.body()).contains("请选择辖区内的单位");
        assertThat(jdbc.sql("SELECT count(*) FROM fund_account WHERE unit_id = ?").param(unit).query(Long.class).single())
                .as("nothing opened in the retired unit").isZero();
    }

    @Test
    void aVoucherScansAsUsedOnceWithARealQrCode() throws Exception {
        Staff holder = holderWith("dispute-settled");
        UUID item = donated("洗衣液", 5, 4);
        Store.Voucher v = store.redeem(item, PointsFixtures.self(holder, PointsFixtures.office(jurisdictions).path()));
        assertThat(ledger.balance(holder.id().value())).isEqualTo(10);

        assertThat(api.get("/api/v1/points/vouchers/" + v.code(), officer2).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/points/vouchers/" + v.code() + "/scan", officer2, null).statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> png = api.download("/api/v1/points/vouchers/" + v.code() + "/qr.png", bureau);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(QrReader.read(png.body())).endsWith("/points/vouchers/" + v.code() + "/scan");

        String unused = api.get("/points/vouchers/" + v.code() + "/scan", officer).body();
        assertThat(unused).contains("id=\"scan-confirm\"").contains("兑换人").doesNotContain("获奖人");
        HttpResponse<String> first = api.send("POST", "/api/v1/points/vouchers/" + v.code() + "/scan", officer, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(api.get("/points/vouchers/" + v.code() + "/scan", officer).body())
                .as("a used voucher's page offers no second redemption").doesNotContain("scan-confirm")
                .contains("已领取");
        assertThat(ApiClient.json(first).get("voucher").get("usedAt").isNull()).isFalse();
        HttpResponse<String> second = api.send("POST", "/api/v1/points/vouchers/" + v.code() + "/scan", bureau, null);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(second).get("alreadyUsed").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'points_voucher' AND record_id = ?")
                .param(v.id().toString()).query(Long.class).single()).as("created and used").isEqualTo(2);
    }

    @Test
    void theLeaderboardExportOpensAsASpreadsheet() throws Exception {
        Staff top = holderWith("case-cracked");
        HttpResponse<byte[]> r = api.download("/points/leaderboard.xlsx?gridId=" + PointsFixtures.grid(jdbc, "FS-1-07")
                + "&from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1), officer);
        assertThat(r.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("姓名");
            boolean found = false;
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                if (sheet.getRow(i).getCell(1).getStringCellValue().equals(top.name())) {
                    found = true;
                    assertThat(sheet.getRow(i).getCell(4).getNumericCellValue()).isEqualTo(50);
                }
            }
            assertThat(found).isTrue();
        }
        HttpResponse<String> outside = api.get("/points/leaderboard.xlsx?gridId=" + PointsFixtures.grid(jdbc, "FS-1-07"),
                officer2);
        assertThat(outside.statusCode()).isEqualTo(404);
        JsonNode board = ApiClient.json(api.get("/api/v1/points/leaderboard?gridId=" + PointsFixtures.grid(jdbc, "FS-1-07")
                + "&from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1), bureau));
        assertThat(board.findValuesAsText("holderName")).contains(top.name());
    }

    @Test
    void aResolvedFieldReportOfAVolunteerBecomesAPendingAward() throws Exception {
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-01");
        Map<String, Object> body = new HashMap<>();
        body.put("category", "DISASTER");
        body.put("gridId", grid);
        body.put("description", "村道旁电线杆倾斜，有倒伏隐患 " + UUID.randomUUID());
        body.put("address", "吴场村一组");
        HttpResponse<String> filed = api.send("POST", "/api/v1/incidents", volunteer, body);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = ApiClient.json(filed).get("incident").get("id").asText();
        HttpResponse<String> ack = api.send("POST", "/api/v1/incidents/" + id + "/acknowledge", officer, null);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        HttpResponse<String> resolved = api.send("POST", "/api/v1/incidents/" + id + "/resolve", officer,
                Map.of("note", "已通知供电所加固"));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        UUID volunteerId = PointsFixtures.staffId(jdbc, "volunteer");
        Long pending = null;
        for (int i = 0; i < 100 && (pending == null || pending == 0); i++) {
            pending = jdbc.sql("""
                    SELECT count(*) FROM points_award WHERE holder_id = ? AND source_type = 'incident' AND source_id = ?
                        AND status = 'PENDING' AND rule = 'hazard-reported'""").params(volunteerId, id)
                    .query(Long.class).single();
            Thread.sleep(100);
        }
        assertThat(pending).isEqualTo(1);
        // the same step delivered again proposes nothing new
        awards.propose(volunteerId, grid, "hazard-reported", "incident", id, "again", null);
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE source_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aReportFiledByAnOfficerEarnsNoPoints() throws Exception {
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-02");
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", grid);
        body.put("description", "民警自报 " + UUID.randomUUID());
        String id = ApiClient.json(api.send("POST", "/api/v1/incidents", officer, body)).get("incident").get("id").asText();
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/acknowledge", officer, null).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/resolve", officer, Map.of("note", "处理完毕"))
                .statusCode()).isEqualTo(200);
        Thread.sleep(1500);
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE source_id = ?").param(id).query(Long.class)
                .single()).isZero();
    }

    /**
     * A voucher not picked up is cancelled (作废) by its holder or the store's keeper: its points and its unit go back
     * in one step, audited, and never twice however many cancellations arrive at once; a cancelled voucher is not
     * handed out, a collected one is not cancelled (each refused in the caller's language), another station's keeper
     * cannot find it, and the points that came back are no points earned on the leaderboard.
     */
    @Test
    void aVoucherNotPickedUpIsCancelledOnceWithItsPointsAndStockBackEvenWhenCancelledManyTimesAtOnce()
            throws Exception {
        UUID holderId = PointsFixtures.staffId(jdbc, "volunteer");
        UUID grid = PointsFixtures.grid(jdbc, "FS-3-01");
        loader.awardApproved(holderId, grid, "verified-clue", "测试", null, officerId(),
                PointsFixtures.staffId(jdbc, "chief"));
        String holder = api.token("volunteer", DEMO_PASSWORD);
        UUID item = donated("作废测试", 5, 4);
        HttpResponse<String> redeemed = api.send("POST", "/api/v1/points/store/items/" + item + "/redeem", holder, null);
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
        String code = ApiClient.json(redeemed).get("voucher").get("code").asText();
        String voucherId = ApiClient.json(redeemed).get("voucher").get("id").asText();
        int balance = ledger.balance(holderId);
        long board = boardPoints(grid, holderId);
        long reversals = jdbc.sql("SELECT count(*) FROM points_entry WHERE holder_id = ? AND kind = 'REVERSAL'")
                .param(holderId).query(Long.class).single();

        assertThat(api.send("POST", "/api/v1/points/vouchers/" + code + "/cancel", officer2, null).statusCode())
                .as("another station's keeper").isEqualTo(404);

        // four cancellations by the holder and four by the keeper, at once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String token = i % 2 == 0 ? holder : officer;
            done.add(pool.submit(() -> {
                ApiClient own = new ApiClient(port);
                start.await();
                return own.send("POST", "/api/v1/points/vouchers/" + code + "/cancel", token, null).statusCode();
            }));
        }
        start.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> f : done) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).as("one cancels, the others are told it is cancelled").containsOnly(200, 400)
                .containsOnlyOnce(200);
        assertThat(ledger.balance(holderId)).as("the points back once").isEqualTo(balance + 5);
        assertThat(store.item(item).orElseThrow().stock()).as("the unit back once").isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM points_entry WHERE holder_id = ? AND kind = 'REVERSAL'")
                .param(holderId).query(Long.class).single()).isEqualTo(reversals + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'points_voucher' AND record_id = ?")
                .param(voucherId).query(Long.class).single()).as("redeemed and cancelled").isEqualTo(2);
        assertThat(boardPoints(grid, holderId)).as("returned points are not earned points").isEqualTo(board);

        // cancelled, it is not handed out nor cancelled again
        HttpResponse<String> scan = api.send("POST", "/api/v1/points/vouchers/" + code + "/scan", officer, null,
                "Accept-Language", "zh-CN");
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(400);
        assertThat(scan.body()).contains("该兑换券已作废");
        assertThat(store.voucher(code).orElseThrow().used()).isFalse();
        HttpResponse<String> again = api.send("POST", "/api/v1/points/vouchers/" + code + "/cancel", holder, null,
                "Accept-Language", "en");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This voucher was cancelled");
        assertThat(ledger.balance(holderId)).isEqualTo(balance + 5);

        // a collected voucher stays collected
        HttpResponse<String> second = api.send("POST", "/api/v1/points/store/items/" + item + "/redeem", holder, null);
        String collected = ApiClient.json(second).get("voucher").get("code").asText();
        assertThat(api.send("POST", "/api/v1/points/vouchers/" + collected + "/scan", officer, null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> late = api.send("POST", "/api/v1/points/vouchers/" + collected + "/cancel", holder,
                null, "Accept-Language", "zh-CN");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("该兑换券已领取，不能作废");
        assertThat(ledger.balance(holderId)).isEqualTo(balance);
        assertThat(store.item(item).orElseThrow().stock()).isEqualTo(3);
    }

    long boardPoints(UUID grid, UUID holder) {
        java.time.LocalDate today = java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE);
        JsonNode rows = ApiClient.json(api.get("/api/v1/points/leaderboard?gridId=" + grid + "&from=" + today
                + "&to=" + today + "&top=1000", bureau));
        for (JsonNode r : rows) {
            if (r.get("holderId").asText().equals(holder.toString())) {
                return r.get("points").asLong();
            }
        }
        return 0;
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    /**
     * A history or an export that lists fewer entries than there are says so: a holder's page lists his latest 500
     * and "仅列出最近 500 条，共 501 条" (the API gives the total beside them); the ledger export cut at its cap
     * ends in a row saying from when it is incomplete, and the leaderboard page says so beside the link beforehand.
     * The cap is lowered for the test rather than a hundred thousand entries written.
     */
    @Test
    void aHistoryOrLedgerExportCutAtItsCapSaysSoOnThePageAndInTheFile() throws Exception {
        Staff holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "长账本");
        // 501 awards on the first days of 2001, a period no other test writes in
        jdbc.sql("""
                INSERT INTO points_entry (holder_id, kind, points, balance_after, source_type, source_id, note, at)
                SELECT ?, 'AWARD', 1, g, 'manual', 'cap-' || g, '测试', TIMESTAMPTZ '2001-01-01 08:00+08' + g * INTERVAL '1 minute'
                FROM generate_series(1, 501) g""").param(holder.id().value()).update();
        String chief = api.token("chief", DEMO_PASSWORD);
        String page = api.get("/points/holders/" + holder.id(), chief).body();
        assertThat(page).contains("仅列出最近 500 条，共 501 条积分记录");
        JsonNode mine = ApiClient.json(api.get("/api/v1/points/holders/" + holder.id(), chief));
        assertThat(mine.get("history").size()).isEqualTo(500);
        assertThat(mine.get("historyTotal").asLong()).isEqualTo(501);

        Object pages = context.getBean("pointsPages");
        Object cap = org.springframework.test.util.ReflectionTestUtils.getField(pages, "ledgerExportMax");
        org.springframework.test.util.ReflectionTestUtils.setField(pages, "ledgerExportMax", 500);
        try {
            String period = "from=2001-01-01&to=2001-01-02";
            assertThat(api.get("/points/leaderboard?" + period, chief).body()).contains("id=\"ledger-export-cut\"")
                    .contains("导出文件只含前 500 条");
            HttpResponse<byte[]> xlsx = api.download("/points/ledger.xlsx?" + period, chief);
            assertThat(xlsx.statusCode()).isEqualTo(200);
            try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
                var sheet = book.getSheetAt(0);
                assertThat(sheet.getLastRowNum()).as("the header, 500 entries and the note").isEqualTo(501);
                assertThat(sheet.getRow(501).getCell(0).getStringCellValue()).contains("已达导出上限 500 条")
                        .contains("2001-01-01");
            }
            String whole = "from=2001-01-02&to=2001-01-03";
            assertThat(api.get("/points/leaderboard?" + whole, chief).body()).doesNotContain("ledger-export-cut");
        } finally {
            org.springframework.test.util.ReflectionTestUtils.setField(pages, "ledgerExportMax", cap);
        }
    }

    /**
     * The ledger export is no longer cut at a hundred thousand entries for being built in memory: it writes as many
     * as a sheet holds, page after page, each entry once, named in the reader's language. Three pages' worth here.
     */
    @Test
    void aLedgerExportOfThousandsOfEntriesHoldsEachOnceInItsOrderNamedInTheReadersLanguage() throws Exception {
        Staff holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "大账本");
        // 2,600 awards on the first days of 2002, a period no other test writes in
        jdbc.sql("""
                INSERT INTO points_entry (holder_id, kind, points, balance_after, source_type, source_id, note, at)
                SELECT ?, 'AWARD', 1, g, 'manual', 'big-' || g, '第' || g || '条', TIMESTAMPTZ '2002-01-01 08:00+08' + g * INTERVAL '20 second'
                FROM generate_series(1, 2600) g""").param(holder.id().value()).update();
        String chief = api.token("chief", DEMO_PASSWORD);
        String period = "from=2002-01-01&to=2002-01-02";
        assertThat(api.get("/points/leaderboard?" + period, chief).body()).doesNotContain("ledger-export-cut");
        HttpResponse<byte[]> xlsx = api.download("/points/ledger.xlsx?" + period, chief);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(java.net.URLDecoder.decode(xlsx.headers().firstValue("Content-Disposition").orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("积分台账-2002-01-01-2002-01-02.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).as("the header and every entry, no note of a cut").isEqualTo(2600);
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 2600; i++) {
                assertThat(sheet.getRow(i).getCell(2).getStringCellValue()).isEqualTo(holder.name());
                assertThat(sheet.getRow(i).getCell(10).getStringCellValue()).isEqualTo("第" + i + "条");
                ids.add((long) sheet.getRow(i).getCell(0).getNumericCellValue());
            }
            assertThat(ids).as("each once, in order, across the pages").doesNotHaveDuplicates().isSorted();
        }
        String after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'points_entry'
                AND actor = 'chief' ORDER BY seq DESC LIMIT 1""").query(String.class).single();
        assertThat(after).contains("\"rows\": 2600").contains("\"cut\": false");
        assertThat(java.net.URLDecoder.decode(api.download("/points/ledger.xlsx?" + period, chief, "Accept-Language",
                "en").headers().firstValue("Content-Disposition").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("points-ledger-2002-01-01-2002-01-02.xlsx");
    }
}
