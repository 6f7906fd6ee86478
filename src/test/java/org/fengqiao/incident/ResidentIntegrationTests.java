package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.internal.Duplicates;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.IncidentProperties;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Merges;
import org.fengqiao.incident.internal.Photos;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.incident.internal.ResidentDesk;
import org.fengqiao.incident.internal.ResidentProperties;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The resident's side through the public pages: filing with photos (type, size, count and metadata rules),
 * the per-address limit, the tracking page and its JSON (nothing personal beyond the masked phone), adding
 * information, rating, reopening within the window (a movable clock), photos for staff scoped like their
 * incident, and the satisfaction figures per grid scoped like every read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RecordApplicationEvents
class ResidentIntegrationTests extends IntegrationTest {

    static final AtomicInteger ADDRESSES = new AtomicInteger(new Random().nextInt(200));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    Incidents incidents;
    @Autowired
    Duplicates duplicates;
    @Autowired
    Photos photos;
    @Autowired
    Merges merges;
    @Autowired
    Ratings ratings;
    @Autowired
    ResidentProperties properties;
    @Autowired
    IncidentProperties incidentProperties;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ApplicationEvents recorded;
    @Autowired
    org.fengqiao.platform.crypto.PersonalDataCipher cipher;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    ApiClient api;
    Grid grid;
    Grid otherGrid;
    Staff manager;
    String n;

    @BeforeAll
    void grids() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        UUID office = jurisdictions.unitByCode("320722010100").orElseThrow().id().value();
        grid = grid(office, "IT-RS-" + n, 110);
        manager = staff.register(new UnitId(office), StaffRole.AUXILIARY_POLICE, "居民侧管理员" + n, null, null, "辅警",
                "resmgr" + n, DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        UUID heping = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer2'").query(UUID.class).single();
        otherGrid = grid(heping, "IT-RS2-" + n, 112);
    }

    Grid grid(UUID unit, String code, double lonBase) {
        Community village = jurisdictions.createCommunity(new UnitId(unit), CommunityKind.VILLAGE, code + "-V", "居民村" + code,
                null, null, null);
        double lon = lonBase + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,20],[%s,20],[%s,20.005],[%s,20.005],[%s,20]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        return jurisdictions.createGrid(village.id(), GridNetwork.POLICE, code, "居民网格" + code, square, null, null, null);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** A resident's browser from an address of its own, so the per-address limit of one test leaves the others be. */
    PublicClient resident(String language) {
        return new PublicClient(port, "198.51.100." + (ADDRESSES.incrementAndGet() % 250 + 1) + "", language);
    }

    Map<String, String> report(Grid where, String description) {
        Map<String, String> f = new HashMap<>();
        f.put("category", "HELP");
        f.put("gridId", where.id().value().toString());
        f.put("description", description);
        f.put("address", "居民村东头");
        f.put("idempotencyKey", UUID.randomUUID().toString());
        return f;
    }

    static PublicClient.File jpeg(byte[] bytes) {
        return new PublicClient.File("IMG_0001.jpg", "image/jpeg", bytes);
    }

    String codeOf(HttpResponse<String> filed) {
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/track/FQ[0-9A-Z]{10}$");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    UUID idOf(String code) {
        return jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(code).query(UUID.class).single();
    }

    long filed(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class).single();
    }

    String answered(String code) {
        UUID id = idOf(code);
        Submitter by = Submitter.system("test");
        desk.acknowledge(id, by);
        desk.resolve(id, "已找到并送回家", by);
        desk.answer(id, "已找到老人并送回家中，感谢您的反映", by);
        return code;
    }

    /** Two residents' reports of one matter, the second (code) merged into the first (primary). */
    record MergedPair(PublicClient first, String primary, PublicClient second, String code) {
    }

    MergedPair mergedPair(String matter) {
        PublicClient first = resident(null);
        String primary = codeOf(first.post("/report", "/report", report(grid, matter + "-主-" + n), List.of()));
        PublicClient second = resident(null);
        String code = codeOf(second.post("/report", "/report", report(grid, matter + "-重复-" + n), List.of()));
        merges.merge(idOf(code), new Merges.Into(idOf(primary), null, false, "同一个井盖"), Submitter.system("test"));
        return new MergedPair(first, primary, second, code);
    }

    /** A resident looks for his grid in the list as he counts: 第2网格 before 第10网格, not after it as in text order. */
    @Test
    void theGridsOnTheReportFormComeInTheOrderResidentsCountThem() {
        String html = resident(null).get("/report").body();
        assertThat(html.indexOf("兴东村 · 兴东村第1网格<")).isPositive().isLessThan(html.indexOf("兴东村 · 兴东村第2网格<"));
        assertThat(html.indexOf("兴东村 · 兴东村第2网格<")).isLessThan(html.indexOf("兴东村 · 兴东村第10网格<"));
    }

    @Test
    void aResidentFilesWithAPhotoWhoseLocationIsGoneAndFollowsItWithoutSeeingAnyonesData() {
        PublicClient resident = resident(null);
        assertThat(resident.get("/report").statusCode()).isEqualTo(200);
        Map<String, String> form = report(grid, "老人走失，穿蓝色外套-" + n);
        form.put("reporterName", "王小明");
        form.put("reporterPhone", "139 1234 5678");
        byte[] photo = TestPhotos.jpegWithGps(30.2741, 120.1551);
        String code = codeOf(resident.post("/report", "/report", form, List.of(jpeg(photo))));

        UUID id = idOf(code);
        Incidents.Incident incident = incidents.find(id).orElseThrow();
        assertThat(incident.source()).isEqualTo(Source.RESIDENT);
        assertThat(incident.ownerStaffId()).as("routed like any other: help goes to the grid's manager")
                .isEqualTo(manager.id().value());
        List<Photos.Photo> stored = photos.of(id);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).contentType()).isEqualTo("image/jpeg");
        assertThat(stored.get(0).addedBy()).isEqualTo("RESIDENT");
        byte[] kept = jdbc.sql("SELECT bytes FROM incident_photo WHERE incident_id = ?").param(id).query(byte[].class).single();
        assertThat(TestPhotos.gpsOf(photo)).isPresent();
        assertThat(TestPhotos.gpsOf(kept)).as("the stored photo has no GPS position").isEmpty();
        assertThat(TestPhotos.contains(kept, "Exif")).isFalse();
        assertThat(TestPhotos.contains(kept, "xmpmeta")).isFalse();
        assertThat(TestPhotos.decode(kept).getWidth()).isEqualTo(32);

        HttpResponse<String> page = resident.follow(resident.post("/report", "/report", report(grid, "第二次-" + n), List.of()));
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> tracking = resident.get("/track/" + code);
        assertThat(tracking.statusCode()).isEqualTo(200);
        String html = tracking.body();
        assertThat(html).contains(code, "老人走失，穿蓝色外套-" + n, "139****5678", "收到您的报告");
        assertThat(html).doesNotContain("13912345678", "王小明", "居民侧管理员" + n, "房山中心警务室", "居民村东头");
        assertThat(html).containsPattern("/track/" + code + "/photos/[0-9a-f-]{36}");
        assertThat(html).as("the time of receipt as a resident's watch shows it, China Standard Time")
                .contains(incident.receivedAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));

        JsonNode json = ApiClient.json(resident.get("/api/public/v1/track/" + code));
        assertThat(json.get("trackingCode").asText()).isEqualTo(code);
        assertThat(json.get("reporterPhone").asText()).isEqualTo("139****5678");
        assertThat(json.get("timeline").findValuesAsText("kind")).containsExactly("RECEIVED", "ROUTED");
        assertThat(json.toString()).doesNotContain("13912345678", "王小明", "居民侧管理员" + n, "房山", "ownerStaff",
                "reporterName", manager.id().value().toString(), "居民村东头");
        String photoUrl = json.get("photos").get(0).get("url").asText();
        HttpResponse<byte[]> own = resident.bytes(photoUrl);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(kept);

        String staffPhoto = "/incidents/" + id + "/photos/" + stored.get(0).id();
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> seen = api.get(staffPhoto, officer);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg");
        assertThat(api.get(staffPhoto, api.token("officer2", DEMO_PASSWORD)).statusCode())
                .as("outside officer2's subtree, as if missing").isEqualTo(404);
        assertThat(api.get(staffPhoto, api.token("bureau", DEMO_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(api.get("/incidents/" + id + "/photos/" + UUID.randomUUID(), officer).statusCode()).isEqualTo(404);
        UUID someoneElses = idOf(codeOf(resident(null).post("/report", "/report", report(grid, "别人的-" + n), List.of())));
        assertThat(api.get("/incidents/" + someoneElses + "/photos/" + stored.get(0).id(), officer).statusCode())
                .as("a photo only through its own incident").isEqualTo(404);
    }

    @Test
    void aResidentReportingInAGridThatDoesNotExistIsToldSoNotAboutAJurisdictionHeHasNot() {
        String description = "无此网格-" + n;
        Map<String, String> form = report(grid, description);
        form.put("gridId", UUID.randomUUID().toString());
        HttpResponse<String> zh = resident(null).post("/report", "/report", form, List.of());
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("网格不存在").doesNotContain("辖区").contains(description);
        form.put("idempotencyKey", UUID.randomUUID().toString());
        HttpResponse<String> en = resident("en").post("/report", "/report", form, List.of());
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The grid does not exist").doesNotContain("jurisdiction");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description)
                .query(Long.class).single()).as("nothing filed").isZero();
    }

    @Test
    void photosAreCheckedByTheirBytesSizeAndNumberAndTheErrorsComeInTheResidentsLanguage() {
        String description = "照片规则-" + n;
        PublicClient zh = resident(null);
        byte[] script = "<html><script>alert(1)</script></html>".getBytes();
        HttpResponse<String> wrongType = zh.post("/report", "/report", report(grid, description),
                List.of(new PublicClient.File("photo.jpg", "image/jpeg", script)));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("只接受JPEG、PNG或WebP格式的照片");
        assertThat(wrongType.body()).as("what he wrote stays in the form").contains(description);

        byte[] big = new byte[(int) properties.maxPhotoSize().toBytes() + 1];
        System.arraycopy(TestPhotos.jpegWithGps(1, 1), 0, big, 0, 100);
        HttpResponse<String> tooLarge = zh.post("/report", "/report", report(grid, description), List.of(jpeg(big)));
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("每张照片不能超过5MB");
        // one far past the limit is read only as far as the limit and refused the same
        byte[] huge = new byte[(int) properties.maxPhotoSize().toBytes() * 3];
        System.arraycopy(TestPhotos.jpegWithGps(1, 1), 0, huge, 0, 100);
        HttpResponse<String> farTooLarge = zh.post("/report", "/report", report(grid, description), List.of(jpeg(huge)));
        assertThat(farTooLarge.statusCode()).isEqualTo(400);
        assertThat(farTooLarge.body()).contains("每张照片不能超过5MB").contains(description);

        List<PublicClient.File> many = new ArrayList<>();
        for (int i = 0; i <= properties.maxPhotos(); i++) {
            many.add(jpeg(TestPhotos.jpegWithGps(1, 1)));
        }
        HttpResponse<String> tooMany = zh.post("/report", "/report", report(grid, description), many);
        assertThat(tooMany.body()).contains("每次最多上传4张照片");
        for (int i = 0; i < 20; i++) {
            many.add(jpeg(TestPhotos.jpegWithGps(1, 1)));
        }
        assertThat(zh.post("/report", "/report", report(grid, description), many).body())
                .as("any number past the limit, read no further than one past it").contains("每次最多上传4张照片");

        PublicClient en = resident("en");
        Map<String, String> bad = report(grid, description);
        bad.put("reporterPhone", "12345");
        HttpResponse<String> english = en.post("/report", "/report", bad,
                List.of(new PublicClient.File("x.png", "image/png", script)));
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("Only JPEG, PNG or WebP photos are accepted");
        HttpResponse<String> phone = en.post("/report", "/report", bad, List.of());
        assertThat(phone.body()).contains("Report a matter");
        Map<String, String> nothing = new HashMap<>();
        HttpResponse<String> empty = zh.post("/report", "/report", nothing, List.of());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("请填写位置或选择网格");

        Map<String, String> robot = report(grid, description);
        robot.put("website", "http://spam.example");
        assertThat(zh.post("/report", "/report", robot, List.of()).body()).contains("提交未被接受");
        assertThat(filed(description)).as("nothing was filed, nothing half-stored").isZero();

        // a PNG and a WebP are accepted, and stored without their metadata chunks
        String code = codeOf(zh.post("/report", "/report", report(grid, "PNG与WebP-" + n), List.of(
                new PublicClient.File("a.bin", "application/octet-stream", TestPhotos.pngWithMetadata(30.27, 120.15)),
                new PublicClient.File("b", "image/webp", TestPhotos.webpWithMetadata(30.27, 120.15)))));
        List<byte[]> kept = jdbc.sql("SELECT bytes FROM incident_photo WHERE incident_id = ? ORDER BY content_type")
                .param(idOf(code)).query(byte[].class).list();
        assertThat(TestPhotos.pngChunks(kept.get(0))).doesNotContain("tEXt", "eXIf");
        assertThat(TestPhotos.webpChunks(kept.get(1))).doesNotContain("EXIF", "XMP ");
    }

    /**
     * A refused form comes back without its photos (no browser keeps a file chosen): so everything wrong in it is said
     * at once, the photos' faults with the others', and the resident chooses his photos again once, not per fault.
     */
    @Test
    void everythingWrongInTheReportFormIsSaidAtOnceWithItsPhotos() {
        String description = "一次说全-" + n;
        Map<String, String> form = report(grid, description);
        form.put("category", "");
        form.put("reporterPhone", "12345");
        List<PublicClient.File> notAPhoto = List.of(new PublicClient.File("x.jpg", "image/jpeg", "不是照片".getBytes()));
        HttpResponse<String> zh = resident(null).post("/report", "/report", form, notAPhoto);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("<li>反映什么事：必填</li>", "电话号码格式不正确", "只接受JPEG、PNG或WebP格式的照片");
        HttpResponse<String> en = resident("en").post("/report", "/report", form, notAPhoto);
        assertThat(en.body()).contains("<li>What is it about: Required</li>", "The phone number is not valid",
                "Only JPEG, PNG or WebP photos are accepted");
        assertThat(filed(description)).as("nothing filed").isZero();
    }

    /**
     * A good photo sent with a form refused for another fault comes back unchosen (no browser keeps a file): the page
     * says so, in the resident's language, so he does not send the form again believing his photos go with it. A form
     * refused without photos does not say it.
     */
    @Test
    void aRefusedFormSentWithPhotosSaysToChooseThemAgain() {
        String description = "重新选照片-" + n;
        Map<String, String> form = report(grid, description);
        form.put("reporterPhone", "12345");
        List<PublicClient.File> photo = List.of(jpeg(TestPhotos.jpegWithGps(1, 1)));
        HttpResponse<String> en = resident("en").post("/report", "/report", form, photo);
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The phone number is not valid",
                "<li>Photos: choose them again, a form sent back does not keep them</li>").contains(description);
        HttpResponse<String> zh = resident(null).post("/report", "/report", form, photo);
        assertThat(zh.body()).contains("<li>照片：请重新选择，退回的表单不保留照片</li>");
        HttpResponse<String> none = resident("en").post("/report", "/report", form, List.of());
        assertThat(none.body()).contains("The phone number is not valid").doesNotContain("choose them again");
        assertThat(filed(description)).as("nothing filed").isZero();
    }

    /**
     * A resident who left the form open past the session's idle time (a phone put away, a photo fetched) and sends it
     * then: the page the form came from again, saying it had expired, with what he typed, not a bare "not allowed"
     * answer in JSON that loses it all; sent again from there, it is filed.
     */
    @Test
    void aFormSentAfterThePageExpiredComesBackAsTypedToSendAgain() {
        String description = "页面过期-" + n;
        Map<String, String> form = report(grid, description);
        form.put("reporterName", "赵六");
        form.put("_csrf", "expired-" + UUID.randomUUID());
        PublicClient resident = resident(null);
        HttpResponse<String> refused = resident.post("/report", "/report", form, List.of());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/report");
        String page = resident.follow(refused).body();
        assertThat(page).contains("页面已过期", ">" + description + "</textarea>", "value=\"赵六\"");
        assertThat(filed(description)).as("nothing filed").isZero();
        form.remove("_csrf");
        codeOf(resident.post("/report", "/report", form, List.of()));
        assertThat(filed(description)).isEqualTo(1);

        PublicClient en = resident("en");
        Map<String, String> english = report(grid, "expired-" + n);
        english.put("_csrf", "expired");
        assertThat(en.follow(en.post("/report", "/report", english, List.of())).body()).contains("The page had expired");
    }

    /**
     * What the public form limits in the browser (a name of 100 characters, a department of 100, a reason to reopen of
     * 2000) is limited on the server too: a client of its own cannot put a page of text where staff read a name.
     */
    @Test
    void theNameDepartmentAndReasonToReopenAreLimitedOnTheServerAsTheFormLimitsThem() {
        String description = "超长字段-" + n;
        Map<String, String> form = report(grid, description);
        form.put("category", "DEPARTMENT");
        form.put("department", "城管".repeat(51));
        form.put("reporterName", "王".repeat(101));
        HttpResponse<String> zh = resident(null).post("/report", "/report", form, List.of());
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("涉及部门不能超过100字", "报告人不能超过100字");
        assertThat(resident("en").post("/report", "/report", form, List.of()).body())
                .contains("Department may not exceed 100 characters");
        assertThat(filed(description)).as("nothing filed").isZero();

        String code = answered(codeOf(resident(null).post("/report", "/report", report(grid, "超长原因-" + n), List.of())));
        PublicClient resident = resident(null);
        String page = resident.follow(resident.post("/track/" + code, "/track/" + code + "/reopen",
                Map.of("reason", "还是不行，" + "老人又走失了。".repeat(300)), List.of())).body();
        assertThat(page).contains("重新办理的原因不能超过2000字");
        assertThat(incidents.find(idOf(code)).orElseThrow().status()).as("not reopened")
                .isEqualTo(Incidents.Status.ANSWERED);
    }

    @Test
    void anErrorOfTheReportFormNamesTheFieldItIsAboutInTheResidentsLanguage() {
        String description = "字段名称-" + n;
        Map<String, String> badLocation = report(grid, description);
        badLocation.put("lon", "东经118度");
        badLocation.put("lat", "34.5");
        HttpResponse<String> zh = resident(null).post("/report", "/report", badLocation, List.of());
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("<li>位置（经度,纬度）：格式不正确</li>").doesNotContain("<li>格式不正确</li>");
        HttpResponse<String> en = resident("en").post("/report", "/report", badLocation, List.of());
        assertThat(en.body()).contains("<li>Location (lon, lat): Wrong format</li>")
                .doesNotContain("<li>Wrong format</li>");

        Map<String, String> unsaid = report(grid, "");
        unsaid.put("category", "");
        assertThat(resident(null).post("/report", "/report", unsaid, List.of()).body())
                .contains("<li>反映什么事：必填</li>", "<li>情况描述：必填</li>").doesNotContain("<li>必填</li>");
        assertThat(resident("en").post("/report", "/report", unsaid, List.of()).body())
                .contains("<li>What is it about: Required</li>", "<li>What happened: Required</li>")
                .doesNotContain("<li>Required</li>");
        assertThat(filed(description)).as("nothing filed").isZero();
    }

    @Test
    void aFormSentAgainChangedIsToldInPlainWordsWhichReportItBecameAndHowToFileAnother() {
        PublicClient resident = resident(null);
        Map<String, String> first = report(grid, "第一次提交-" + n);
        String code = codeOf(resident.post("/report", "/report", first, List.of()));
        Map<String, String> changed = new HashMap<>(first);
        changed.put("description", "改过再提交-" + n);

        HttpResponse<String> again = resident.post("/report", "/report", changed, List.of());
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("这份表单已经提交过，登记为报告 " + code, 
                "id=\"already-filed-track\" href=\"/track/" + code + "\"", "id=\"already-filed-new\" href=\"/report\"",
                "如要反映另一件事").doesNotContain("幂等键");
        assertThat(filed("改过再提交-" + n)).as("nothing filed").isZero();

        // the same browser, switched to English
        HttpResponse<String> english = resident.post("/report?lang=en", "/report", changed, List.of());
        assertThat(english.statusCode()).isEqualTo(422);
        assertThat(english.body()).contains("This form was already submitted, as report " + code, "start a new form")
                .doesNotContainIgnoringCase("idempotency key");
    }

    /** The key the report page put in its form, as a browser sends it back. */
    static String formKey(PublicClient browser) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(browser.get("/report").body());
        assertThat(m.find()).as("the form carries its key").isTrue();
        return m.group(1);
    }

    /**
     * The tracking code is the only key to a resident's report: a form's key that another browser holds (seen on a
     * shared phone, guessed, copied from the page) files that browser's own report and tells it nothing of the
     * resident's, whether the form it sends is the resident's changed or the very same.
     */
    @Test
    void aFormKeyOfAnotherBrowserRevealsNothingOfTheReportItBecame() {
        PublicClient owner = resident(null);
        String key = formKey(owner);
        assertThat(key).as("unguessable: a random UUID").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Map<String, String> first = report(grid, "钥匙-" + n);
        first.put("idempotencyKey", key);
        String code = codeOf(owner.post("/report", "/report", first, List.of()));
        assertThat(formKey(owner)).as("every form gets a key of its own").isNotEqualTo(key);

        PublicClient stranger = resident(null);
        Map<String, String> changed = new HashMap<>(first);
        changed.put("description", "陌生人用别人的钥匙-" + n);
        HttpResponse<String> edited = stranger.post("/report", "/report", changed, List.of());
        assertThat(edited.body()).doesNotContain(code);
        String his = codeOf(edited);
        assertThat(his).as("his own report").isNotEqualTo(code);
        assertThat(stranger.follow(edited).body()).doesNotContain(code);

        HttpResponse<String> same = resident(null).post("/report", "/report", first, List.of());
        assertThat(same.body()).doesNotContain(code);
        assertThat(codeOf(same)).as("not sent to the resident's tracking page").isNotEqualTo(code).isNotEqualTo(his);

        // the resident's own browser still learns which report his form became
        HttpResponse<String> again = owner.post("/report", "/report", changed, List.of());
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains(code);
        assertThat(owner.post("/report", "/report", first, List.of()).headers().firstValue("Location").orElseThrow())
                .endsWith("/track/" + code);
        assertThat(filed("钥匙-" + n)).isEqualTo(2);
    }

    @Test
    void oneAddressMayFileItsShareAnHourAndIsToldClearlyWhenItIsUsedUp() {
        PublicClient flood = resident(null);
        for (int i = 0; i < properties.filingsPerHour(); i++) {
            codeOf(flood.post("/report", "/report", report(grid, "频率-" + n + "-" + i), List.of()));
        }
        HttpResponse<String> refused = flood.post("/report", "/report", report(grid, "频率-" + n + "-over"), List.of());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("同一网络每小时最多提交10次");
        assertThat(filed("频率-" + n + "-over")).isZero();
        PublicClient english = new PublicClient(port, flood.address(), "en");
        assertThat(english.post("/report", "/report", report(grid, "rate-" + n), List.of()).body())
                .contains("at most 10 per hour from one network");
        codeOf(resident(null).post("/report", "/report", report(grid, "频率-" + n + "-other"), List.of()));
    }

    @Test
    void theReporterAddsInformationAndPhotosThatTheOwnerSees() {
        PublicClient resident = resident(null);
        String code = codeOf(resident.post("/report", "/report", report(grid, "补充测试-" + n), List.of()));
        Map<String, String> more = new HashMap<>();
        more.put("information", "老人有高血压，随身没有带药");
        HttpResponse<String> added = resident.post("/track/" + code, "/track/" + code + "/information", more,
                List.of(new PublicClient.File("p.png", "image/png", TestPhotos.pngWithMetadata(30.27, 120.15))));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(resident.follow(added).body()).contains("已收到您补充的情况", "您补充了情况", "老人有高血压，随身没有带药");
        UUID id = idOf(code);
        assertThat(photos.of(id)).hasSize(1);

        JsonNode detail = ApiClient.json(api.get("/api/v1/incidents/" + id, api.token("officer", DEMO_PASSWORD)));
        JsonNode last = detail.get("timeline").get(detail.get("timeline").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("INFORMATION_ADDED");
        assertThat(last.get("note").asText()).isEqualTo("老人有高血压，随身没有带药");
        assertThat(last.get("ownerPerson").asText()).as("still with its owner").isEqualTo("居民侧管理员" + n);

        HttpResponse<String> blank = resident.post("/track/" + code, "/track/" + code + "/information", Map.of(), List.of());
        assertThat(resident.follow(blank).body()).contains("请填写补充的情况或选择照片");
    }

    /**
     * Photos sent alone, no words: the staff's page says the reporter added photos and how many, in the reader's
     * language, as the resident's page does; an empty "reporter added information" read as if what he sent was lost.
     */
    @Test
    void photosSentAloneShowOnTheStaffPageAsPhotos() {
        PublicClient resident = resident(null);
        String code = codeOf(resident.post("/report", "/report", report(grid, "照片补充-" + n), List.of()));
        HttpResponse<String> added = resident.post("/track/" + code, "/track/" + code + "/information", Map.of(),
                List.of(new PublicClient.File("a.png", "image/png", TestPhotos.pngWithMetadata(30.27, 120.15)),
                        new PublicClient.File("b.png", "image/png", TestPhotos.pngWithMetadata(30.28, 120.16))));
        assertThat(added.statusCode()).isEqualTo(302);
        UUID id = idOf(code);
        assertThat(photos.of(id)).hasSize(2);

        // a reader of his own: the language chosen stays with the account, and the other tests read the manager's
        // answers in Chinese
        Staff reader = staff.register(manager.unitId(), StaffRole.AUXILIARY_POLICE, "照片读者" + n, null, null, "辅警",
                "photoreader" + n, DEMO_PASSWORD);
        for (String[] language : new String[][] {{"zh-CN", "报告人补充了照片", "2 张，见下方照片", "报告人补充情况"},
                {"en", "Reporter added photos", "2 photos, shown below", "Reporter added information"}}) {
            String page = new ApiClient(port).signedIn(reader.username(), DEMO_PASSWORD, language[0])
                    .get("/incidents/" + id, null, "Accept", "text/html").body();
            String step = page.substring(page.indexOf("data-kind=\"INFORMATION_ADDED\""));
            step = step.substring(0, step.indexOf("</li>"));
            assertThat(step).contains(language[1], language[2]).doesNotContain(language[3]);
            assertThat(page).contains("id=\"incident-photos\"");
        }
    }

    @Test
    void aRatingComesOnlyAfterTheAnswerIsOneToFiveAndTheLatestCounts() {
        PublicClient resident = resident(null);
        String code = codeOf(resident.post("/report", "/report", report(grid, "评价测试-" + n), List.of()));
        HttpResponse<String> early = resident.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", "5"), List.of());
        assertThat(resident.follow(early).body()).contains("答复之后才能评价");
        answered(code);

        String page = resident.get("/track/" + code).body();
        assertThat(page).contains("已找到老人并送回家中，感谢您的反映", "答复了您").doesNotContain("已找到并送回家<");
        assertThat(resident.follow(resident.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", "6"),
                List.of())).body()).contains("请打1到5分");
        PublicClient en = resident("en");
        assertThat(en.follow(en.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", "0"), List.of())).body())
                .contains("Give a score from 1 to 5");

        resident.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", "2", "comment", "太慢了"), List.of());
        HttpResponse<String> changed = resident.post("/track/" + code, "/track/" + code + "/rate",
                Map.of("score", "4", "comment", "后来电话回访，满意"), List.of());
        assertThat(resident.follow(changed).body()).contains("感谢您的评价", "后来电话回访，满意");
        UUID id = idOf(code);
        Ratings.Rating rating = ratings.of(id).orElseThrow();
        assertThat(rating.score()).isEqualTo(4);
        assertThat(rating.changes()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_rating WHERE incident_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
        assertThat(incidents.timeline(id).stream().filter(e -> e.kind().equals("RATED")).map(Incidents.Event::note))
                .containsExactly("2/5 · 太慢了", "4/5 · 后来电话回访，满意");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident_rating' AND record_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void reopeningWorksWithinTheWindowBackToTheLastOwnerWithFreshDeadlinesAndNotAfter() {
        String code = answered(codeOf(resident(null).post("/report", "/report", report(grid, "重新办理-" + n), List.of())));
        UUID id = idOf(code);
        OffsetDateTime answeredAt = incidents.find(id).orElseThrow().answeredAt();
        MovableClock clock = new MovableClock(answeredAt.toInstant(), ZoneOffset.UTC);
        ResidentDesk residents = new ResidentDesk(desk, incidents, duplicates, photos, ratings, properties, events, jdbc,
                clock, cipher, transactions);

        assertThatThrownBy(() -> residents.reopen(code, " ")).isInstanceOf(Invalid.class);
        clock.advance(Duration.ofDays(6));
        Incidents.Incident reopened = residents.reopen(code, "老人又走失了，问题没解决");
        assertThat(recorded.stream(org.fengqiao.incident.IncidentReopened.class).filter(e -> e.incidentId().equals(id)))
                .as("published on its own, for the hard-case board").hasSize(1);
        assertThat(reopened.status()).isEqualTo(Incidents.Status.ACKNOWLEDGED);
        assertThat(reopened.ownerStaffId()).as("back to its last owner").isEqualTo(manager.id().value());
        assertThat(reopened.answeredAt()).isNull();
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(reopened.ownerSince().toInstant()).isEqualTo(at.toInstant());
        Duration resolve = incidentProperties.escalation().level(UnitKind.valueOf(reopened.ownerUnitKind())).resolve();
        assertThat(reopened.dueAt().toInstant()).as("a fresh deadline to resolve at its level")
                .isEqualTo(at.plus(resolve).toInstant());
        Incidents.Event last = incidents.timeline(id).get(incidents.timeline(id).size() - 1);
        assertThat(last.kind()).isEqualTo("REOPENED");
        assertThat(last.note()).isEqualTo("老人又走失了，问题没解决");
        assertThat(last.ownerStaffId()).isEqualTo(manager.id().value());
        assertThat(recorded.stream(IncidentStepRecorded.class).filter(e -> e.incidentId().equals(id)
                && e.kind().equals("REOPENED"))).as("published, with the owner, for the inbox and webhooks")
                .singleElement().satisfies(e -> {
                    assertThat(e.ownerStaffId()).isEqualTo(manager.id().value());
                    assertThat(e.reason()).isEqualTo("老人又走失了，问题没解决");
                });
        assertThatThrownBy(() -> residents.rate(code, 5, null)).as("not rated until answered again")
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> residents.reopen(code, "再次")).isInstanceOf(Conflict.class);

        Submitter by = Submitter.system("test");
        desk.resolve(id, "再次找到", by);
        assertThat(recorded.stream(org.fengqiao.incident.IncidentResolved.class).filter(e -> e.incidentId().equals(id)))
                .as("each resolving (before the reopening and now) is published on its own, for points and the hard-case"
                        + " board").hasSize(2).allSatisfy(e -> assertThat(e.merged()).isFalse());
        desk.answer(id, "再次找到老人，已联系家属看护", by);
        OffsetDateTime second = incidents.find(id).orElseThrow().answeredAt();
        MovableClock edge = new MovableClock(second.toInstant().plus(properties.reopenWithin()), ZoneOffset.UTC);
        ResidentDesk lastMoment = new ResidentDesk(desk, incidents, duplicates, photos, ratings, properties, events,
                jdbc, edge, cipher, transactions);
        assertThat(lastMoment.track(code).mayReopen()).as("exactly seven days after the answer: still offered").isTrue();
        edge.advance(Duration.ofNanos(1_000));
        assertThat(lastMoment.track(code).mayReopen()).as("a microsecond later: no longer").isFalse();
        MovableClock later = new MovableClock(second.toInstant().plus(properties.reopenWithin()).plusSeconds(60),
                ZoneOffset.UTC);
        ResidentDesk tooLate = new ResidentDesk(desk, incidents, duplicates, photos, ratings, properties, events, jdbc,
                later, cipher, transactions);
        assertThatThrownBy(() -> tooLate.reopen(code, "还是不满意")).isInstanceOf(Conflict.class)
                .satisfies(e -> assertThat(((Conflict) e).key()).isEqualTo("incident.reopen.tooLate"));
        assertThat(incidents.find(id).orElseThrow().status()).isEqualTo(Incidents.Status.ANSWERED);
        assertThat(tooLate.track(code).mayReopen()).isFalse();

        PublicClient en = resident("en");
        HttpResponse<String> page = en.follow(en.post("/track/" + code, "/track/" + code + "/reopen",
                Map.of("reason", ""), List.of()));
        assertThat(page.body()).contains("Say why it should be handled again");
    }

    @Test
    void theTimelineInPlainWordsKeepsStaffReasonsContactsAndNotesToTheStaff() {
        PublicClient resident = resident(null);
        String code = codeOf(resident.post("/report", "/report", report(grid, "内部信息测试-" + n), List.of()));
        UUID id = idOf(code);
        Submitter by = Submitter.system("test");
        desk.dispatch(id, "派网格员带上李四的线索前往", by);
        desk.refer(id, "城管", "王队长 13800001111", "已约定明早处理", by);
        desk.escalate(id, "信息员李四反映情况复杂", by);
        JsonNode json = ApiClient.json(resident.get("/api/public/v1/track/" + code));
        assertThat(json.get("timeline").findValuesAsText("label"))
                .containsSubsequence("收到您的报告", "已派工作人员赶往现场", "已请相关部门办理", "已转到上一级办理");
        assertThat(json.get("timeline").findValuesAsText("text")).contains("城管");
        assertThat(json.toString()).doesNotContain("李四", "王队长", "13800001111", "已约定明早处理", "派出所", "警务室");
        JsonNode en = ApiClient.json(resident("en").get("/api/public/v1/track/" + code));
        assertThat(en.get("timeline").findValuesAsText("label")).contains("Moved to a higher level");
    }

    @Test
    void aResidentWhoWritesOnlyTheAddressIsRoutedByItsStandardAddressOrToldPlainlyToSayMore() {
        String fullText = "江苏省连云港市东海县居民测试村" + n + "组12号";
        jdbc.sql("INSERT INTO address (id, grid_id, full_text, lon, lat) VALUES (gen_random_uuid(), ?, ?, NULL, NULL)")
                .params(grid.id().value(), fullText).update();
        Map<String, String> form = report(grid, "路灯不亮-" + n);
        form.remove("gridId");
        // written a little otherwise than the register has it: the most similar standard address
        form.put("address", "东海县居民测试村" + n + "组12号");
        String code = codeOf(resident(null).post("/report", "/report", form, List.of()));
        Incidents.Incident filed = incidents.find(idOf(code)).orElseThrow();
        assertThat(filed.gridId()).as("the grid of the standard address").isEqualTo(grid.id().value());
        assertThat(filed.ownerStaffId()).isEqualTo(manager.id().value());
        assertThat(filed.address()).as("the resident's own words kept").isEqualTo("东海县居民测试村" + n + "组12号");

        Map<String, String> nowhere = report(grid, "无处可寻-" + n);
        nowhere.remove("gridId");
        nowhere.put("address", "火星基地" + n + "号");
        HttpResponse<String> refused = resident(null).post("/report", "/report", nowhere, List.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("未能按这个地址找到所在网格").as("what he wrote stays in the form")
                .contains("火星基地" + n + "号");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param("无处可寻-" + n)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aLocationOutsideEveryGridTellsTheResidentToChooseHisGridInstead() {
        Map<String, String> farAway = report(grid, "定位在外-" + n);
        farAway.remove("gridId");
        farAway.put("lat", "0.5");
        farAway.put("lon", "0.5");
        HttpResponse<String> refused = resident(null).post("/report", "/report", farAway, List.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("该位置不在任何警务网格内，请选择所在社区/网格");
        farAway.put("idempotencyKey", UUID.randomUUID().toString());
        HttpResponse<String> english = resident("en").post("/report", "/report", farAway, List.of());
        assertThat(english.body()).contains("choose the community or grid instead");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param("定位在外-" + n)
                .query(Long.class).single()).isZero();
    }

    /**
     * Staff merged the resident's report into another one of the same matter: his tracking page says in his language
     * where it stands (handled with the other, answered with it), never a message key; and when the other is
     * answered, he reads the answer.
     */
    @Test
    void aResidentWhoseReportWasMergedReadsWhereItStandsInHisLanguage() {
        String primary = codeOf(resident(null).post("/report", "/report", report(grid, "路灯坏了-主-" + n), List.of()));
        String code = codeOf(resident(null).post("/report", "/report", report(grid, "路灯坏了-重复-" + n), List.of()));
        merges.merge(idOf(code), new Merges.Into(idOf(primary), null, false, "同一盏路灯"), Submitter.system("test"));

        String zh = resident(null).get("/track/" + code).body();
        assertThat(zh).doesNotContain("incident.track").contains("与反映同一件事的报告合并办理");
        JsonNode json = ApiClient.json(resident(null).get("/api/public/v1/track/" + code));
        assertThat(json.get("status").asText()).doesNotContain("incident.track").contains("合并办理");
        String en = resident("en").get("/track/" + code).body();
        assertThat(en).doesNotContain("incident.track").contains("Handled together with");
        assertThat(ApiClient.json(resident("en").get("/api/public/v1/track/" + code)).get("status").asText())
                .doesNotContain("incident.track").contains("together");

        answered(primary);
        JsonNode after = ApiClient.json(resident(null).get("/api/public/v1/track/" + code));
        assertThat(after.get("status").asText()).isEqualTo("已答复");
        assertThat(after.get("answer").asText()).isEqualTo("已找到老人并送回家中，感谢您的反映");
    }

    /**
     * The resident whose report was merged into another still adds information and photos on his tracking page: he
     * reads them on his own page, and they reach the report being handled, on its timeline as the resident's
     * information from the merged report's reporter (in the reader's language), with the photos, so its owner has
     * them; the other report's reporter reads none of it on his page. The merged report's own owner hears nothing of
     * it: nobody handles that report any more.
     */
    @Test
    void aMergedReportsResidentAddsInformationThatReachesTheReportItWasMergedIntoAndOnlyItsStaff() {
        MergedPair pair = mergedPair("井盖丢了");
        PublicClient first = pair.first();
        String primary = pair.primary();
        PublicClient resident = pair.second();
        String code = pair.code();

        String words = "晚上没有路灯，已有老人差点掉进去-" + n;
        HttpResponse<String> added = resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", words), List.of(jpeg(TestPhotos.jpegWithGps(30.27, 120.15))));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(resident.follow(added).body()).contains("已收到您补充的情况", "您补充了情况", words);
        assertThat(photos.of(idOf(code))).extracting(Photos.Photo::addedBy).containsExactly("RESIDENT");
        assertThat(ApiClient.json(resident.get("/api/public/v1/track/" + code)).get("photos")).hasSize(1);

        String officer = api.token("officer", DEMO_PASSWORD);
        JsonNode handled = ApiClient.json(api.get("/api/v1/incidents/" + idOf(primary), officer));
        JsonNode last = handled.get("timeline").get(handled.get("timeline").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("INFORMATION_ADDED");
        assertThat(last.get("note").asText()).isEqualTo(words);
        assertThat(last.get("actor").asText()).isEqualTo("群众");
        assertThat(last.get("reason").asText()).isEqualTo("来自已并入本件的重复报告的报告人");
        JsonNode english = ApiClient.json(api.get("/api/v1/incidents/" + idOf(primary), officer, "Accept-Language", "en"));
        assertThat(english.get("timeline").get(english.get("timeline").size() - 1).get("reason").asText())
                .isEqualTo("From the reporter of a duplicate report merged into this one");
        List<Photos.Photo> reached = photos.of(idOf(primary));
        assertThat(reached).hasSize(1);
        assertThat(api.get("/incidents/" + idOf(primary) + "/photos/" + reached.get(0).id(), officer).statusCode())
                .as("the owner of the report handled sees the photo").isEqualTo(200);
        assertThat(api.get("/incidents/" + idOf(primary), officer, "Accept", "text/html").body())
                .as("and whose it is").containsPattern("<a [^>]*href=\"/incidents/" + idOf(primary) + "/photos/"
                        + reached.get(0).id() + "\"[^>]*title=\"来自已并入本件的重复报告的报告人\"");
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_entry WHERE record_id = ? AND kind = 'INCIDENT_INFORMATION_ADDED'")
                .param(idOf(primary)).query(Long.class).single()).as("its owner hears of it").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_entry WHERE record_id = ? AND kind = 'INCIDENT_INFORMATION_ADDED'")
                .param(idOf(code)).query(Long.class).single())
                .as("the merged report's owner does not: it is handled on the other").isZero();

        String theirs = first.get("/track/" + primary).body();
        assertThat(theirs).doesNotContain(words).doesNotContain("您补充了情况").doesNotContainPattern("/photos/[0-9a-f-]{36}");
        JsonNode theirJson = ApiClient.json(first.get("/api/public/v1/track/" + primary));
        assertThat(theirJson.toString()).doesNotContain(words);
        assertThat(theirJson.get("photos")).isEmpty();
        assertThat(first.bytes("/track/" + primary + "/photos/" + reached.get(0).id()).statusCode())
                .as("not the other reporter's photo by its id either").isEqualTo(404);

        PublicClient en = resident("en");
        HttpResponse<String> more = en.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", "The lid is still missing-" + n), List.of());
        assertThat(en.follow(more).body()).contains("You added information", "The lid is still missing-" + n);
        assertThat(en.follow(en.post("/track/" + code, "/track/" + code + "/information", Map.of(), List.of())).body())
                .as("bad input still refused in his language").contains("Write what you want to add or choose a photo");
    }

    /**
     * Information refused on the tracking page with a photo chosen (words past the limit) comes back with what was
     * typed and a line saying to choose the photo again, as the report form does: no browser keeps a chosen file.
     */
    @Test
    void informationRefusedWithAPhotoSaysToChooseItAgain() {
        PublicClient resident = resident("en");
        String code = codeOf(resident.post("/report", "/report", report(grid, "补充照片-" + n), List.of()));
        String tooLong = "井盖".repeat(1001);
        String page = resident.follow(resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", tooLong), List.of(jpeg(TestPhotos.jpegWithGps(1, 1))))).body();
        assertThat(page).contains("<li>Photos: choose them again, a form sent back does not keep them</li>")
                .contains(tooLong);
        String without = resident.follow(resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", tooLong), List.of())).body();
        assertThat(without).doesNotContain("choose them again");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_photo WHERE incident_id = ?").param(idOf(code))
                .query(Long.class).single()).as("nothing added").isZero();
    }

    /**
     * A merged report's resident reopens it once answered with the report it was merged into: it is his own open
     * item again (with its owner), no longer merged into the other. Merged before anyone acknowledged it, it was never
     * taken up itself: it waits to be, and neither the staff page nor the tracking page says 已受理 (Taken up) with no
     * moment of it; once someone acknowledges it, the timeline tells when. The staff page says so, not 已合并到; the
     * other report no longer lists it as merged into it; the timeline keeps the merge; what its resident adds now
     * reaches its own owner's inbox.
     */
    @Test
    void aMergedReportReopenedByItsResidentIsItsOwnOpenItemAgainOnTheStaffPage() {
        String primary = codeOf(resident(null).post("/report", "/report", report(grid, "噪音扰民-主-" + n), List.of()));
        PublicClient resident = resident(null);
        String code = codeOf(resident.post("/report", "/report", report(grid, "噪音扰民-重复-" + n), List.of()));
        UUID id = idOf(code);
        merges.merge(id, new Merges.Into(idOf(primary), null, false, "同一处工地"), Submitter.system("test"));
        answered(primary);
        assertThat(incidents.find(id).orElseThrow().status()).isEqualTo(Incidents.Status.ANSWERED);

        HttpResponse<String> reopened = resident.post("/track/" + code, "/track/" + code + "/reopen",
                Map.of("reason", "夜里还在施工，没有解决"), List.of());
        assertThat(resident.follow(reopened).body()).contains("已重新办理，工作人员会再次处理");
        Incidents.Incident again = incidents.find(id).orElseThrow();
        assertThat(again.status()).as("never taken up: waiting to be").isEqualTo(Incidents.Status.RECEIVED);
        assertThat(again.acknowledgedAt()).isNull();
        assertThat(again.ownerStaffId()).as("its own owner, as the merge left it").isEqualTo(manager.id().value());
        assertThat(resident.get("/track/" + code).body()).contains("id=\"track-status\">已收到，等待受理<")
                .doesNotContain("data-kind=\"ACKNOWLEDGED\"");
        assertThat(resident("en").get("/track/" + code).body())
                .contains("id=\"track-status\">Received, waiting to be taken up<").doesNotContain("Taken up,");

        String officer = api.token("officer", DEMO_PASSWORD);
        JsonNode detail = ApiClient.json(api.get("/api/v1/incidents/" + id, officer));
        assertThat(detail.get("duplicates").hasNonNull("mergedInto")).as("no longer merged into the other").isFalse();
        assertThat(detail.get("timeline").findValuesAsText("kind")).contains("MERGED_INTO", "ANSWERED", "REOPENED")
                .doesNotContain("ACKNOWLEDGED");
        String page = api.get("/incidents/" + id, officer, "Accept", "text/html").body();
        // no longer shown as merged; its timeline's merge step still names the report it was merged into then
        assertThat(page).doesNotContain("id=\"merged-into\"")
                .contains("id=\"incident-status\">待受理<").contains("id=\"action-acknowledge\"");
        assertThat(page.split("已合并到", -1)).as("said once, on the merge's step").hasSize(2);
        assertThat(page.substring(page.indexOf("已合并到") - 200, page.indexOf("已合并到"))).contains("step-link");
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/resolve", officer, Map.of("note", "未受理先办结"))
                .statusCode()).as("taken up before it is resolved, as any item").isEqualTo(409);
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/acknowledge", officer, Map.of()).statusCode())
                .isEqualTo(200);
        JsonNode taken = ApiClient.json(api.get("/api/v1/incidents/" + id, officer));
        assertThat(taken.get("timeline").findValuesAsText("kind")).containsSubsequence("REOPENED", "ACKNOWLEDGED");
        assertThat(taken.at("/incident/acknowledgedAt").isTextual()).as("taken up at a moment the page shows").isTrue();
        assertThat(ApiClient.json(api.get("/api/v1/incidents/" + idOf(primary), officer)).get("duplicates").get("merged"))
                .as("the other report no longer lists it as merged into it").isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/incidents?size=100&open=true&gridId=" + grid.id().value(), officer))
                .get("items").findValuesAsText("id")).contains(id.toString());
        resident.follow(resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", "凌晨两点还在打桩-" + n), List.of()));
        assertThat(jdbc.sql("SELECT recipient_id FROM inbox_entry WHERE record_id = ? AND kind = 'INCIDENT_INFORMATION_ADDED'")
                .param(id).query(UUID.class).list()).as("what its resident adds now reaches its own owner")
                .containsExactly(manager.id().value());
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/resolve", officer, Map.of("note", "已协调工地停工"))
                .statusCode()).as("handled as any open item").isEqualTo(200);
    }

    /** The first step of this kind on an incident's staff page, as written there (its list item). */
    static String step(String page, String kind) {
        int at = page.indexOf("data-kind=\"" + kind + "\"");
        assertThat(at).as("a step " + kind + " on the page").isPositive();
        return page.substring(at, page.indexOf("</li>", at));
    }

    /**
     * After a merged report's resident reopened it, the merge is over but stays on both timelines: the duplicate's
     * merge step still links the report it was merged into (the "merged into" card is gone, the step is where staff
     * find the other report now), and the kept report's merge step no longer says the duplicate's reporter gets its
     * answer: it says he reopened his report, and links it. A step links only a report the reader's scope sees.
     */
    @Test
    void aMergeReopenedByTheDuplicatesResidentStaysLinkedOnBothTimelinesAndNoLongerPromisesTheSameAnswer() {
        MergedPair pair = mergedPair("合并后重开");
        answered(pair.primary());
        PublicClient resident = pair.second();
        resident.follow(resident.post("/track/" + pair.code(), "/track/" + pair.code() + "/reopen",
                Map.of("reason", "井盖还是没有盖好"), List.of()));
        assertThat(incidents.find(idOf(pair.code())).orElseThrow().status().open()).isTrue();

        String officer = api.token("officer", DEMO_PASSWORD);
        String duplicatePage = api.get("/incidents/" + idOf(pair.code()), officer, "Accept", "text/html").body();
        assertThat(duplicatePage).doesNotContain("id=\"merged-into\"");
        assertThat(step(duplicatePage, "MERGED_INTO")).as("the merge step links the report it was merged into")
                .contains("href=\"/incidents/" + idOf(pair.primary()) + "\"", pair.primary(), "已合并到");
        JsonNode duplicate = ApiClient.json(api.get("/api/v1/incidents/" + idOf(pair.code()), officer));
        assertThat(duplicate.findValuesAsText("trackingCode")).contains(pair.primary());

        String primaryPage = api.get("/incidents/" + idOf(pair.primary()), officer, "Accept", "text/html").body();
        assertThat(step(primaryPage, "MERGED")).as("its reporter reopened his: no longer answered with this one")
                .doesNotContain("回复时一并回复其报告人").contains("申请重新办理", "不再随本件回复")
                .contains("href=\"/incidents/" + idOf(pair.code()) + "\"", pair.code());
        String english = api.get("/incidents/" + idOf(pair.primary()) + "?lang=en", officer, "Accept", "text/html")
                .body();
        assertThat(step(english, "MERGED")).doesNotContain("gets the same answer")
                .contains("its reporter reopened it on", "no longer answered with this one");

        MergedPair held = mergedPair("合并未重开");
        String heldPage = api.get("/incidents/" + idOf(held.primary()) + "?lang=zh-CN", officer, "Accept", "text/html")
                .body();
        assertThat(step(heldPage, "MERGED")).as("a merge that holds says what it always did")
                .contains("回复时一并回复其报告人", held.code());

        // merged by the bureau into a report of another station: the officer, who does not see that one, reads the
        // step without a link to it, not even its code
        String elsewhere = codeOf(resident(null).post("/report", "/report", report(otherGrid, "邻所-" + n), List.of()));
        String mine = codeOf(resident(null).post("/report", "/report", report(grid, "本所-" + n), List.of()));
        merges.merge(idOf(mine), new Merges.Into(idOf(elsewhere), null, true, "同一件事"), Submitter.system("test"));
        String minePage = api.get("/incidents/" + idOf(mine), officer, "Accept", "text/html").body();
        assertThat(step(minePage, "MERGED_INTO")).doesNotContain("step-link");
        assertThat(minePage).doesNotContain(elsewhere);
    }

    /**
     * A report merged into another before anyone took it up is taken up with that one: its resident reads on his
     * tracking page that it was taken up, at the moment the other was (after the merge), or at the merge when the other
     * had been taken up before it (never a moment before his own report came in); the staff's record of it still says
     * nobody acknowledged the merged report itself, which the response times do not count.
     */
    @Test
    void theResidentOfAMergedReportReadsWhenItsMatterWasTakenUp() {
        Submitter by = Submitter.system("test");
        MergedPair waiting = mergedPair("路灯不亮");
        JsonNode before = ApiClient.json(waiting.second().get("/api/public/v1/track/" + waiting.code()));
        assertThat(before.get("timeline").findValuesAsText("kind")).as("nobody took the matter up yet")
                .doesNotContain("TAKEN_UP_TOGETHER");
        desk.acknowledge(idOf(waiting.primary()), by);
        OffsetDateTime takenUp = incidents.find(idOf(waiting.primary())).orElseThrow().acknowledgedAt();
        JsonNode after = ApiClient.json(waiting.second().get("/api/public/v1/track/" + waiting.code()));
        JsonNode step = after.get("timeline").get(after.get("timeline").size() - 1);
        assertThat(step.get("kind").asText()).isEqualTo("TAKEN_UP_TOGETHER");
        assertThat(OffsetDateTime.parse(step.get("at").asText()).toInstant()).isEqualTo(takenUp.toInstant());
        assertThat(waiting.second().get("/track/" + waiting.code()).body())
                .contains("data-kind=\"TAKEN_UP_TOGETHER\"", "已与反映同一件事的报告一并受理");
        assertThat(resident("en").get("/track/" + waiting.code()).body())
                .contains("Taken up together with a report of the same matter");
        assertThat(incidents.find(idOf(waiting.code())).orElseThrow().acknowledgedAt())
                .as("the merged report itself was acknowledged by nobody").isNull();

        PublicClient first = resident(null);
        String primary = codeOf(first.post("/report", "/report", report(grid, "先受理-主-" + n), List.of()));
        desk.acknowledge(idOf(primary), by);
        PublicClient second = resident(null);
        String code = codeOf(second.post("/report", "/report", report(grid, "先受理-重复-" + n), List.of()));
        merges.merge(idOf(code), new Merges.Into(idOf(primary), null, false, "同一盏路灯"), by);
        JsonNode tracked = ApiClient.json(second.get("/api/public/v1/track/" + code));
        List<String> kinds = tracked.get("timeline").findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("RECEIVED", "MERGED_INTO", "TAKEN_UP_TOGETHER");
        OffsetDateTime merged = OffsetDateTime.parse(tracked.get("timeline").get(kinds.indexOf("MERGED_INTO"))
                .get("at").asText());
        assertThat(OffsetDateTime.parse(tracked.get("timeline").get(kinds.indexOf("TAKEN_UP_TOGETHER")).get("at")
                .asText()).toInstant()).as("at the merge, not before his report came in")
                .isEqualTo(merged.toInstant());
    }

    /**
     * A report merged into another before anyone took it up, answered with it and reopened by its resident: his
     * tracking page still reads, in order, that his matter was taken up together with the other report (at the moment
     * it was), that it was answered, that he reopened it, and then what followed, taken up and handled as his own
     * report; the step stays once, in its place, whatever follows. Merged into a report taken up before, it reads the
     * step at the merge, before his reopening too.
     */
    @Test
    void theResidentOfAMergedReportStillReadsItWasTakenUpTogetherAfterHeReopenedIt() {
        Submitter by = Submitter.system("test");
        MergedPair pair = mergedPair("垃圾堆积");
        UUID primary = idOf(pair.primary());
        desk.acknowledge(primary, by);
        OffsetDateTime takenUp = incidents.find(primary).orElseThrow().acknowledgedAt();
        desk.resolve(primary, "已清运", by);
        desk.answer(primary, "已清运垃圾，感谢您的反映", by);
        PublicClient second = pair.second();
        String code = pair.code();
        second.follow(second.post("/track/" + code, "/track/" + code + "/reopen", Map.of("reason", "又堆满了"),
                List.of()));
        assertThat(incidents.find(idOf(code)).orElseThrow().status()).isEqualTo(Incidents.Status.RECEIVED);

        JsonNode reopened = ApiClient.json(second.get("/api/public/v1/track/" + code));
        List<String> kinds = reopened.get("timeline").findValuesAsText("kind");
        assertThat(kinds).as("taken up together, before his reopening").containsSubsequence("RECEIVED",
                "MERGED_INTO", "TAKEN_UP_TOGETHER", "ANSWERED", "REOPENED");
        assertThat(OffsetDateTime.parse(reopened.get("timeline").get(kinds.indexOf("TAKEN_UP_TOGETHER")).get("at")
                .asText()).toInstant()).as("when the other report was taken up").isEqualTo(takenUp.toInstant());

        UUID own = idOf(code);
        desk.acknowledge(own, by);
        desk.resolve(own, "已再次清运并设置垃圾桶", by);
        desk.answer(own, "已再次清运并设置垃圾桶，感谢您的反映", by);
        JsonNode followed = ApiClient.json(second.get("/api/public/v1/track/" + code));
        kinds = followed.get("timeline").findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("RECEIVED", "MERGED_INTO", "TAKEN_UP_TOGETHER", "ANSWERED",
                "REOPENED", "ACKNOWLEDGED", "RESOLVED", "ANSWERED");
        assertThat(kinds.stream().filter("TAKEN_UP_TOGETHER"::equals).count()).as("once").isEqualTo(1);
        String page = second.get("/track/" + code).body();
        assertThat(page.indexOf("data-kind=\"TAKEN_UP_TOGETHER\"")).as("on the page, before the reopening")
                .isPositive().isLessThan(page.indexOf("data-kind=\"REOPENED\""));
        assertThat(page).contains("已与反映同一件事的报告一并受理");
        assertThat(resident("en").get("/track/" + code).body())
                .contains("Taken up together with a report of the same matter");

        // merged into a report taken up before: at the merge, still there after the reopening
        PublicClient first = resident(null);
        String before = codeOf(first.post("/report", "/report", report(grid, "先受理再重开-主-" + n), List.of()));
        desk.acknowledge(idOf(before), by);
        PublicClient third = resident(null);
        String late = codeOf(third.post("/report", "/report", report(grid, "先受理再重开-重复-" + n), List.of()));
        merges.merge(idOf(late), new Merges.Into(idOf(before), null, false, "同一堆垃圾"), by);
        desk.resolve(idOf(before), "已清运", by);
        desk.answer(idOf(before), "已清运垃圾，感谢您的反映", by);
        third.follow(third.post("/track/" + late, "/track/" + late + "/reopen", Map.of("reason", "还有"), List.of()));
        JsonNode tracked = ApiClient.json(third.get("/api/public/v1/track/" + late));
        kinds = tracked.get("timeline").findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("MERGED_INTO", "TAKEN_UP_TOGETHER", "ANSWERED", "REOPENED");
        assertThat(tracked.get("timeline").get(kinds.indexOf("TAKEN_UP_TOGETHER")).get("at").asText())
                .as("at the merge").isEqualTo(tracked.get("timeline").get(kinds.indexOf("MERGED_INTO")).get("at")
                        .asText());
    }

    /**
     * A report merged into one nobody had taken up, which was then merged into a third report taken up before: his
     * matter was taken up when the report it was with joined the third one (not at his own merge, when nobody had it
     * in hand). Both merged reports answered with the third and reopened by their reporters, the one his was merged
     * into before anyone took it up: his page still reads that his matter was taken up together, at that moment,
     * before his reopening; that the other report was reopened is nothing of his.
     */
    @Test
    void theResidentOfAReportMergedIntoOneMergedOnReadsItTakenUpWhenItJoinedTheReportTakenUpAlsoAfterBothReopened() {
        Submitter by = Submitter.system("test");
        PublicClient keeping = resident(null);
        String kept = codeOf(keeping.post("/report", "/report", report(grid, "转并-主-" + n), List.of()));
        PublicClient between = resident(null);
        String middle = codeOf(between.post("/report", "/report", report(grid, "转并-中-" + n), List.of()));
        PublicClient own = resident(null);
        String code = codeOf(own.post("/report", "/report", report(grid, "转并-重复-" + n), List.of()));
        desk.acknowledge(idOf(kept), by);
        merges.merge(idOf(code), new Merges.Into(idOf(middle), null, false, "同一根电线"), by);
        assertThat(ApiClient.json(own.get("/api/public/v1/track/" + code)).get("timeline").findValuesAsText("kind"))
                .as("nobody has the report his was merged into in hand").doesNotContain("TAKEN_UP_TOGETHER");
        merges.merge(idOf(middle), new Merges.Into(idOf(kept), null, false, "同一根电线"), by);
        OffsetDateTime joined = incidents.timeline(idOf(middle)).stream().filter(e -> e.kind().equals("MERGED_INTO"))
                .findFirst().orElseThrow().at();

        JsonNode along = ApiClient.json(own.get("/api/public/v1/track/" + code));
        List<String> kinds = along.get("timeline").findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("RECEIVED", "MERGED_INTO", "TAKEN_UP_TOGETHER");
        assertThat(OffsetDateTime.parse(along.get("timeline").get(kinds.indexOf("TAKEN_UP_TOGETHER")).get("at")
                .asText()).toInstant()).as("when the report it was with joined the one taken up, not at his merge")
                .isEqualTo(joined.toInstant());

        desk.resolve(idOf(kept), "已修复电线", by);
        desk.answer(idOf(kept), "已修复电线，感谢您的反映", by);
        assertThat(incidents.find(idOf(code)).orElseThrow().status()).isEqualTo(Incidents.Status.ANSWERED);
        between.follow(between.post("/track/" + middle, "/track/" + middle + "/reopen", Map.of("reason", "还在冒火花"),
                List.of()));
        own.follow(own.post("/track/" + code, "/track/" + code + "/reopen", Map.of("reason", "电线又断了"), List.of()));

        JsonNode reopened = ApiClient.json(own.get("/api/public/v1/track/" + code));
        kinds = reopened.get("timeline").findValuesAsText("kind");
        assertThat(kinds).as("taken up together, before his reopening").containsSubsequence("RECEIVED", "MERGED_INTO",
                "TAKEN_UP_TOGETHER", "ANSWERED", "REOPENED");
        assertThat(OffsetDateTime.parse(reopened.get("timeline").get(kinds.indexOf("TAKEN_UP_TOGETHER")).get("at")
                .asText()).toInstant()).isEqualTo(joined.toInstant());
        assertThat(kinds).as("the report reopened was no longer the one his matter was with")
                .doesNotContain("TOGETHER_REOPENED");
    }

    /**
     * The report a merge joined is the one its step names, not whichever step comes next on the timeline: with the
     * merge's step on the other report written a moment apart (as a merge writing its steps otherwise would leave
     * them), a resident who reopened his merged report still reads that his matter was taken up together.
     */
    @Test
    void theResidentOfAMergedReportReadsItTakenUpTogetherHoweverTheMergeWroteItsSteps() {
        Submitter by = Submitter.system("test");
        MergedPair pair = mergedPair("路面塌陷");
        UUID primary = idOf(pair.primary());
        jdbc.sql("UPDATE incident_event SET at = at + interval '1 millisecond' WHERE incident_id = ? AND kind = 'MERGED'")
                .param(primary).update();
        desk.acknowledge(primary, by);
        OffsetDateTime takenUp = incidents.find(primary).orElseThrow().acknowledgedAt();
        desk.resolve(primary, "已回填", by);
        desk.answer(primary, "已回填路面，感谢您的反映", by);
        pair.second().follow(pair.second().post("/track/" + pair.code(), "/track/" + pair.code() + "/reopen",
                Map.of("reason", "又塌了"), List.of()));

        JsonNode reopened = ApiClient.json(pair.second().get("/api/public/v1/track/" + pair.code()));
        List<String> kinds = reopened.get("timeline").findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("MERGED_INTO", "TAKEN_UP_TOGETHER", "ANSWERED", "REOPENED");
        assertThat(OffsetDateTime.parse(reopened.get("timeline").get(kinds.indexOf("TAKEN_UP_TOGETHER")).get("at")
                .asText()).toInstant()).isEqualTo(takenUp.toInstant());
        assertThat(duplicates.mergedBy(incidents.timeline(idOf(pair.code())).stream()
                .filter(e -> e.kind().equals("MERGED_INTO")).findFirst().orElseThrow().id()))
                .as("the merge's step names the report it joined").contains(primary);
    }

    /**
     * A resident reopens a report whose answer did not hold, and the other report merged into it keeps being answered
     * with it: when the staff answer again, its resident reads the new answer on his tracking page (and the Open311
     * status notes would say the same), not the one taken back, and may reopen within the days after that answer.
     */
    @Test
    void theResidentOfAMergedReportGetsTheAnswerGivenAgainAfterTheOtherWasReopened() {
        MergedPair pair = mergedPair("井盖丢失");
        String primary = pair.primary();
        String code = pair.code();
        answered(primary);
        assertThat(ApiClient.json(pair.second().get("/api/public/v1/track/" + code)).get("answer").asText())
                .isEqualTo("已找到老人并送回家中，感谢您的反映");

        PublicClient first = pair.first();
        first.follow(first.post("/track/" + primary, "/track/" + primary + "/reopen", Map.of("reason", "井盖又被偷了"),
                List.of()));
        assertThat(incidents.find(idOf(primary)).orElseThrow().status()).isEqualTo(Incidents.Status.ACKNOWLEDGED);
        Submitter by = Submitter.system("test");
        desk.resolve(idOf(primary), "换装防盗井盖", by);
        desk.answer(idOf(primary), "已换装防盗井盖并加装锁扣，感谢您的反映", by);

        JsonNode tracked = ApiClient.json(pair.second().get("/api/public/v1/track/" + code));
        assertThat(tracked.get("answer").asText()).as("the answer given now, not the one taken back")
                .isEqualTo("已换装防盗井盖并加装锁扣，感谢您的反映");
        List<String> kinds = tracked.get("timeline").findValuesAsText("kind");
        assertThat(kinds).as("he reads why he is answered again").containsSubsequence("MERGED_INTO", "ANSWERED",
                "TOGETHER_REOPENED", "ANSWERED");
        OffsetDateTime reopenedAt = incidents.timeline(idOf(primary)).stream().filter(e -> e.kind().equals("REOPENED"))
                .findFirst().orElseThrow().at();
        assertThat(OffsetDateTime.parse(tracked.get("timeline").get(kinds.indexOf("TOGETHER_REOPENED")).get("at")
                .asText()).toInstant()).as("when the other report was reopened").isEqualTo(reopenedAt.toInstant());
        assertThat(pair.second().get("/track/" + code).body())
                .contains("与您的报告一并办理的报告按其报告人的要求重新办理，办好后会再次答复您")
                .doesNotContain("井盖又被偷了");
        assertThat(resident("en").get("/track/" + code).body()).contains("The report handled together with yours was "
                + "reopened at its reporter&#39;s request; you will be answered again once it is handled");
        Incidents.Incident duplicate = incidents.find(idOf(code)).orElseThrow();
        assertThat(duplicate.status()).isEqualTo(Incidents.Status.ANSWERED);
        assertThat(duplicate.answeredAt()).as("its days to reopen count from this answer")
                .isEqualTo(incidents.find(idOf(primary)).orElseThrow().answeredAt());
        assertThat(pair.second().get("/track/" + code).body()).contains("已换装防盗井盖并加装锁扣");
    }

    /**
     * A whole round after a reopening: the case sent out again (both dispatches on its timeline) is arrived at again by
     * the grid manager and the grid chief (the arrivals on the timeline, the page offering them again), once each per
     * round, then resolved and answered anew. The 1-3-5 figures measure the first response: the dispatch and arrival
     * times stay the first round's, not days later, never a dispatch after the arrival it led to.
     */
    @Test
    void aReopenedCaseSentOutAgainIsArrivedAtAgainWhileTheResponseTimesKeepTheFirstRound() {
        PublicClient resident = resident(null);
        Map<String, String> filed = report(grid, "重开到场-" + n);
        filed.put("category", "CASE_PUBLIC_ORDER");
        String code = codeOf(resident.post("/report", "/report", filed, List.of()));
        UUID id = idOf(code);
        String token = api.token("resmgr" + n, DEMO_PASSWORD);
        String arrive = "/api/v1/incidents/" + id + "/arrive";
        Submitter by = Submitter.system("test");
        desk.dispatch(id, "网格员前往", by);
        assertThat(api.send("POST", arrive, token, Map.of()).statusCode()).isEqualTo(200);
        desk.arrive(id, IncidentDesk.Arrival.GRID_CHIEF, by);
        desk.resolve(id, "已处理", by);
        desk.answer(id, "已处理，感谢您的反映", by);
        Incidents.Incident first = incidents.find(id).orElseThrow();

        resident.follow(resident.post("/track/" + code, "/track/" + code + "/reopen", Map.of("reason", "又有人聚众闹事"),
                List.of()));
        ApiClient page = new ApiClient(port).signedIn("resmgr" + n, DEMO_PASSWORD, null);
        assertThat(page.get("/incidents/" + id, null).body()).as("the new round's arrivals are offered")
                .contains("id=\"action-arrive\"", "id=\"action-chief-arrive\"");
        desk.dispatch(id, "再次派网格员前往", by);
        HttpResponse<String> again = api.send("POST", arrive, token, Map.of());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(ApiClient.json(again).get("incident").get("status").asText()).isEqualTo("ARRIVED");
        assertThat(api.send("POST", arrive, token, Map.of("role", "GRID_CHIEF")).statusCode()).isEqualTo(200);

        HttpResponse<String> twice = api.send("POST", arrive, token, Map.of());
        assertThat(twice.statusCode()).as("once per round").isEqualTo(409);
        assertThat(ApiClient.json(twice).get("detail").asText()).isEqualTo("已记录过该步骤");
        assertThat(api.send("POST", arrive, token, Map.of(), "Accept-Language", "en").body())
                .contains("That step is already recorded");
        assertThat(page.get("/incidents/" + id, null).body()).doesNotContain("id=\"action-arrive\"",
                "id=\"action-chief-arrive\"");

        Incidents.Incident second = incidents.find(id).orElseThrow();
        assertThat(second.arrivedAt()).as("the first arrival, as the response times count it")
                .isEqualTo(first.arrivedAt());
        assertThat(second.chiefArrivedAt()).isEqualTo(first.chiefArrivedAt());
        assertThat(second.dispatchedAt()).isEqualTo(first.dispatchedAt()).isBeforeOrEqualTo(second.arrivedAt());
        assertThat(incidents.timeline(id).stream().filter(e -> e.kind().equals("DISPATCHED")).map(Incidents.Event::note))
                .containsExactly("网格员前往", "再次派网格员前往");
        assertThat(incidents.timeline(id).stream().map(Incidents.Event::kind)).containsSubsequence("DISPATCHED",
                "ARRIVED", "CHIEF_ARRIVED", "ANSWERED", "REOPENED", "DISPATCHED", "ARRIVED", "CHIEF_ARRIVED");

        desk.resolve(id, "已再次处理", by);
        desk.answer(id, "已再次处理并加强巡逻，感谢您的反映", by);
        assertThat(ApiClient.json(resident.get("/api/public/v1/track/" + code)).get("answer").asText())
                .isEqualTo("已再次处理并加强巡逻，感谢您的反映");
    }

    @Test
    void anUnknownCodeIsAPlainNotFound() {
        PublicClient resident = resident(null);
        HttpResponse<String> page = resident.get("/track/FQ0000000000");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("没有找到这个查询码");
        assertThat(resident("en").get("/track/FQ0000000000").body()).contains("No report with this tracking code");
        assertThat(resident.get("/api/public/v1/track/FQ0000000000").statusCode()).isEqualTo(404);
        assertThat(resident.get("/track?code=fq0000000000").headers().firstValue("Location").orElseThrow())
                .endsWith("/track/FQ0000000000");
    }

    /**
     * The tracking page's address typed without a code (/track, as the slip or the officer says it) asks for the code,
     * in the resident's language, and leads where a code goes; not the report form, which would have him file the same
     * matter again.
     */
    @Test
    void theTrackingPageWithoutACodeAsksForIt() {
        for (String typed : List.of("/track", "/track?code=", "/track?code=%20")) {
            HttpResponse<String> page = resident(null).get(typed);
            assertThat(page.statusCode()).as(typed).isEqualTo(200);
            assertThat(page.body()).as(typed).contains("查询报告办理进度", "name=\"code\"", "FQ开头的12位字母和数字")
                    .doesNotContain("id=\"report-form\"");
        }
        HttpResponse<String> english = resident("en").get("/track");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("Follow a report", "Tracking code").doesNotContain("id=\"report-form\"");
        // the code typed there leads to its report's page, and a mistyped one to the page that lets him type it again
        String code = codeOf(resident(null).post("/report", "/report", report(grid, "查询页-" + n), List.of()));
        assertThat(resident(null).get("/track?code=" + code.toLowerCase()).headers().firstValue("Location").orElseThrow())
                .endsWith("/track/" + code);
        assertThat(resident(null).get("/track/FQ0000000000").body()).contains("name=\"code\"");
    }

    @Test
    void aCodeWithoutALetterOrDigitSaysWhatACodeLooksLike() {
        for (String typed : List.of("查询码", " - ")) {
            PublicClient resident = resident(null);
            HttpResponse<String> page = resident.get("/track?code="
                    + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8));
            if (page.statusCode() == 302) {
                page = resident.follow(page);
            }
            assertThat(page.statusCode()).as(typed).isEqualTo(404);
            assertThat(page.body()).as(typed).contains("没有找到这个查询码", "FQ开头的12位字母和数字");
        }
        HttpResponse<String> english = resident("en").get("/track?code=%E6%9F%A5");
        assertThat(english.body()).contains("No report with this tracking code");
    }

    @Test
    void satisfactionPerGridIsScopedLikeEveryRead() {
        for (String[] r : new String[][] {{"5", "很好"}, {"3", "一般"}}) {
            PublicClient resident = resident(null);
            String code = answered(codeOf(resident.post("/report", "/report", report(grid, "满意度-" + n + r[0]), List.of())));
            resident.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", r[0], "comment", r[1]), List.of());
        }
        PublicClient resident = resident(null);
        String theirs = answered(codeOf(resident.post("/report", "/report", report(otherGrid, "满意度乙-" + n), List.of())));
        resident.post("/track/" + theirs, "/track/" + theirs + "/rate", Map.of("score", "1"), List.of());

        JsonNode mine = row(api.token("officer", DEMO_PASSWORD), grid);
        assertThat(mine.get("ratings").asLong()).isEqualTo(2);
        assertThat(mine.get("mean").asDouble()).isEqualTo(4.0);
        assertThat(mine.get("satisfied").asLong()).isEqualTo(1);
        assertThat(mine.get("satisfactionRate").asDouble()).isEqualTo(0.5);
        assertThat(row(api.token("officer", DEMO_PASSWORD), otherGrid)).as("officer2's grid, outside officer's subtree").isNull();
        assertThat(row(api.token("officer2", DEMO_PASSWORD), grid)).isNull();
        assertThat(row(api.token("officer2", DEMO_PASSWORD), otherGrid).get("satisfactionRate").asDouble()).isEqualTo(0.0);
        String bureau = api.token("bureau", DEMO_PASSWORD);
        assertThat(row(bureau, grid)).isNotNull();
        assertThat(row(bureau, otherGrid)).isNotNull();
    }

    /**
     * A report merged into another is answered with that one's answer, by that one's owner: its reporter's rating
     * counts for the primary's grid and officer, not for the grid and manager that held the duplicate before the merge.
     */
    @Test
    void aMergedReportsRatingCountsForTheGridAndOfficerWhoAnsweredIt() {
        UUID office = jurisdictions.unitByCode("320722010100").orElseThrow().id().value();
        Grid answering = grid(office, "IT-RM-" + n, 114);
        Grid merged = grid(office, "IT-RD-" + n, 116);
        Staff answerer = staff.register(new UnitId(office), StaffRole.AUXILIARY_POLICE, "答复管理员" + n, null, null,
                "辅警", "ratemgr" + n, DEMO_PASSWORD);
        Staff former = staff.register(new UnitId(office), StaffRole.AUXILIARY_POLICE, "原管理员" + n, null, null,
                "辅警", "dupmgr" + n, DEMO_PASSWORD);
        staff.assignGridRole(answering.id(), answerer.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        staff.assignGridRole(merged.id(), former.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        String primary = codeOf(resident(null).post("/report", "/report", report(answering, "路灯坏了-主-" + n), List.of()));
        PublicClient second = resident(null);
        String code = codeOf(second.post("/report", "/report", report(merged, "路灯坏了-重复-" + n), List.of()));
        assertThat(incidents.find(idOf(code)).orElseThrow().ownerStaffId()).isEqualTo(former.id().value());
        merges.merge(idOf(code), new Merges.Into(idOf(primary), null, false, "同一盏路灯"), Submitter.system("test"));
        answered(primary);
        second.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", "2", "comment", "修得太慢"), List.of());

        String token = api.token("officer", DEMO_PASSWORD);
        JsonNode answeringRow = row(token, answering);
        assertThat(answeringRow).as("the grid whose answer was rated").isNotNull();
        assertThat(answeringRow.get("ratings").asLong()).isEqualTo(1);
        assertThat(answeringRow.get("satisfied").asLong()).isZero();
        assertThat(row(token, merged)).as("the duplicate's own grid answered nothing").isNull();
        JsonNode report = ApiClient.json(api.get("/api/v1/incidents/satisfaction", token));
        assertThat(report.get("officers").findValuesAsText("id")).contains(answerer.id().value().toString())
                .doesNotContain(former.id().value().toString());
        JsonNode low = null;
        for (JsonNode l : report.get("low")) {
            if (l.get("trackingCode").asText().equals(code)) {
                low = l;
            }
        }
        assertThat(low).as("listed as the report rated").isNotNull();
        assertThat(low.get("comment").asText()).isEqualTo("修得太慢");
        assertThat(low.get("officerName").asText()).isEqualTo(answerer.name());
        assertThat(low.get("gridName").asText()).isEqualTo(answering.name());
    }

    JsonNode row(String token, Grid g) {
        HttpResponse<String> r = api.get("/api/v1/incidents/satisfaction", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode row : ApiClient.json(r).get("grids")) {
            if (row.get("gridId").asText().equals(g.id().value().toString())) {
                return row;
            }
        }
        return null;
    }
}
