package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A party may be a person picked from the population records: found by name or the last 6 characters of the identity
 * number within the caller's jurisdiction, linked by id, shown with the name and masked numbers of his record (each
 * read audited); a person outside the caller's subtree cannot be linked and is refused exactly like one who does not
 * exist. A pick, a change of the case's type or a team refused on the case's page comes back as it was sent.
 */
public class MediationPartiesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.fengqiao.account.StaffDirectory directory;
    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

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

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** A name nobody else bears: a surname and three rare characters drawn at random. */
    public static String uniqueName() {
        Random r = new Random();
        StringBuilder name = new StringBuilder("欧阳");
        for (int i = 0; i < 3; i++) {
            name.appendCodePoint(0x4E00 + r.nextInt(0x9FA5 - 0x4E00));
        }
        return name.toString();
    }

    record Registered(UUID id, String name, String idNumber) {
    }

    Registered person(String token, String gridCode) {
        String name = uniqueName();
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid(gridCode));
        body.put("name", name);
        body.put("idNumber", number);
        body.put("phone", "13712345678");
        body.put("residence", "PERMANENT");
        HttpResponse<String> r = api.send("POST", "/api/v1/persons", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new Registered(UUID.fromString(ApiClient.json(r).get("id").asText()), name, number);
    }

    JsonNode send(String method, String path, String token, Object body, int expected) {
        HttpResponse<String> r = api.send(method, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return ApiClient.json(r);
    }

    String openCase(String token, String gridCode, String officerUsername) {
        Map<String, Object> body = new HashMap<>();
        body.put("origin", "WALK_IN");
        body.put("kind", "NEIGHBOURS");
        body.put("gridId", grid(gridCode));
        body.put("summary", "人口当事人" + UUID.randomUUID());
        body.put("parties", List.of(Map.of("name", "来访人", "phone", "13912345678")));
        body.put("team", List.of(Map.of("staffId", staff(officerUsername), "role", "OFFICER")));
        return send("POST", "/api/v1/mediation/cases", token, body, 201).get("dispute").get("id").asText();
    }

    static List<String> ids(JsonNode found) {
        return found.get("items").findValuesAsText("id");
    }

    @Test
    void aPersonFoundByNameOrTheLastSixOfHisNumberIsLinkedAndShownFromHisRecordEachReadAudited() {
        Registered p = person(officer, "FS-1-03");
        Registered elsewhere = person(officer2, "NS-1-01");

        JsonNode byName = send("GET", "/api/v1/mediation/persons?q=" + p.name(), officer, null, 200);
        assertThat(ids(byName)).containsExactly(p.id().toString());
        JsonNode card = byName.get("items").get(0);
        assertThat(card.get("idMasked").asText()).isNotEqualTo(p.idNumber()).endsWith(p.idNumber().substring(14));
        assertThat(card.get("phoneMasked").asText()).isEqualTo("137****5678");
        assertThat(byName.toString()).doesNotContain(p.idNumber()).doesNotContain("13712345678");
        String last6 = p.idNumber().substring(12);
        assertThat(ids(send("GET", "/api/v1/mediation/persons?q=" + last6, officer, null, 200))).contains(p.id().toString());
        assertThat(ids(send("GET", "/api/v1/mediation/persons?q=" + elsewhere.name(), officer, null, 200)))
                .as("officer2's resident is not found by officer").isEmpty();

        String id = openCase(officer, "FS-1-03", "officer");
        JsonNode detail = send("POST", "/api/v1/mediation/cases/" + id + "/parties", officer,
                Map.of("parties", List.of(Map.of("personId", p.id()))), 200);
        JsonNode linked = detail.get("parties").get(1);
        assertThat(linked.get("personId").asText()).isEqualTo(p.id().toString());
        assertThat(linked.get("name").asText()).isEqualTo(p.name());
        assertThat(linked.get("idMasked").asText()).isEqualTo(card.get("idMasked").asText());
        assertThat(linked.get("phoneMasked").asText()).isEqualTo("137****5678");
        assertThat(linked.get("fromRecords").asBoolean()).isTrue();
        assertThat(detail.toString()).doesNotContain(p.idNumber());
        assertThat(jdbc.sql("SELECT phone FROM dispute_party WHERE case_id = ? AND person_id = ?")
                .params(UUID.fromString(id), p.id()).query(byte[].class).optional().orElse(null))
                .as("no copy of his phone is kept on the case").isNull();

        long readsBefore = personReads(p.id());
        send("GET", "/api/v1/mediation/cases/" + id, officer, null, 200);
        assertThat(personReads(p.id())).as("reading the case reads his record, audited").isEqualTo(readsBefore + 1);

        // the record changes: the case shows the record as it stands
        String renamed = uniqueName();
        Map<String, Object> change = new HashMap<>();
        change.put("gridId", grid("FS-1-03"));
        change.put("name", renamed);
        change.put("idNumber", p.idNumber());
        change.put("phone", "13712345678");
        change.put("residence", "PERMANENT");
        send("PUT", "/api/v1/persons/" + p.id(), officer, change, 200);
        assertThat(send("GET", "/api/v1/mediation/cases/" + id, officer, null, 200).get("parties").get(1).get("name")
                .asText()).isEqualTo(renamed);

        // the same person twice is refused
        HttpResponse<String> twice = api.send("POST", "/api/v1/mediation/cases/" + id + "/parties", officer,
                Map.of("parties", List.of(Map.of("personId", p.id()))));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("此人已是本案当事人");
        // the agreement to sign names him as the records do now, his phone masked from his record
        Map<String, Object> end = new HashMap<>();
        end.put("outcome", "AGREEMENT");
        end.put("partiesConsent", true);
        end.put("level", "GRID");
        end.put("agreementText", "双方同意各退一步" + renamed);
        send("POST", "/api/v1/mediation/cases/" + id + "/sessions", officer, Map.of("heldOn",
                java.time.LocalDate.now().toString(), "place", "村委会", "attendees", "双方", "said", "各自陈述"), 200);
        send("POST", "/api/v1/mediation/cases/" + id + "/end", officer, end, 200);
        long readsBeforePdf = personReads(p.id());
        HttpResponse<byte[]> pdf = api.download("/api/v1/mediation/cases/" + id + "/agreement.pdf", officer);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String read = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(read).contains(renamed, "137****5678").doesNotContain(p.name()).doesNotContain("13712345678");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(personReads(p.id())).as("printing reads his record, audited").isEqualTo(readsBeforePdf + 1);
    }

    @Test
    void aPersonOutsideTheCallersSubtreeIsRefusedExactlyLikeOneWhoDoesNotExistAndTheBureauLinksEither() {
        Registered theirs = person(officer2, "NS-1-02");
        String mine = openCase(officer, "FS-1-04", "officer");

        HttpResponse<String> outside = api.send("POST", "/api/v1/mediation/cases/" + mine + "/parties", officer,
                Map.of("parties", List.of(Map.of("personId", theirs.id()))), "Accept-Language", "en");
        HttpResponse<String> missing = api.send("POST", "/api/v1/mediation/cases/" + mine + "/parties", officer,
                Map.of("parties", List.of(Map.of("personId", UUID.randomUUID()))), "Accept-Language", "en");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(outside).get("errors")).isEqualTo(ApiClient.json(missing).get("errors"));
        assertThat(outside.body()).contains("parties[0].personId").contains("No such person in the population records");
        assertThat(outside.body()).doesNotContain(theirs.name());
        assertThat(api.send("POST", "/api/v1/mediation/cases/" + mine + "/parties", officer,
                Map.of("parties", List.of(Map.of("personId", theirs.id())))).body()).contains("实有人口中没有此人");

        // opening a case with him is refused the same way, and nothing is written
        Map<String, Object> body = new HashMap<>();
        String summary = "越界当事人" + UUID.randomUUID();
        body.put("origin", "WALK_IN");
        body.put("kind", "FAMILY");
        body.put("gridId", grid("FS-1-04"));
        body.put("summary", summary);
        body.put("parties", List.of(Map.of("personId", theirs.id())));
        body.put("team", List.of(Map.of("staffId", staff("officer"), "role", "OFFICER")));
        assertThat(api.send("POST", "/api/v1/mediation/cases", officer, body).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE summary = ?").param(summary).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_party WHERE person_id = ?").param(theirs.id())
                .query(Long.class).single()).isZero();

        // officer2 links his own resident; the bureau, who sees all, links him to officer's case
        String theirsCase = openCase(officer2, "NS-1-02", "officer2");
        send("POST", "/api/v1/mediation/cases/" + theirsCase + "/parties", officer2,
                Map.of("parties", List.of(Map.of("personId", theirs.id()))), 200);
        JsonNode byBureau = send("POST", "/api/v1/mediation/cases/" + mine + "/parties", bureau,
                Map.of("parties", List.of(Map.of("personId", theirs.id()))), 200);
        assertThat(byBureau.get("parties").get(1).get("fromRecords").asBoolean()).isTrue();

        // officer reads his case: the party outside his subtree shows by the name linked, without numbers
        JsonNode seen = send("GET", "/api/v1/mediation/cases/" + mine, officer, null, 200).get("parties").get(1);
        assertThat(seen.get("name").asText()).isEqualTo(theirs.name());
        assertThat(seen.get("fromRecords").asBoolean()).isFalse();
        assertThat(seen.hasNonNull("idMasked")).isFalse();
        assertThat(seen.hasNonNull("phoneMasked")).isFalse();
    }

    @Test
    void aMediatorWithoutTheRecordsCannotSearchThemNorLinkAPerson() {
        Registered p = person(officer, "FS-1-03");
        String mediatorName = org.fengqiao.account.TestStaff.uniqueUsername("medp");
        directory.register(jurisdictions.unitByCode("320722010100").orElseThrow().id(),
                org.fengqiao.account.StaffRole.MEDIATOR, "调解员" + mediatorName, null, null, "人民调解员", mediatorName,
                org.fengqiao.account.TestStaff.PASSWORD);
        String mediator = api.token(mediatorName, org.fengqiao.account.TestStaff.PASSWORD);
        assertThat(api.get("/api/v1/mediation/persons?q=" + p.name(), mediator).statusCode()).isEqualTo(403);
        String id = openCase(officer, "FS-1-03", "officer");
        HttpResponse<String> r = api.send("POST", "/api/v1/mediation/cases/" + id + "/parties", mediator,
                Map.of("parties", List.of(Map.of("personId", p.id()))));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("实有人口中没有此人");
    }

    @Test
    void theCasePagesPickerFindsAPersonAndAddsHimAsAParty() {
        Registered p = person(officer, "FS-1-03");
        String id = openCase(officer, "FS-1-03", "officer");
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        String page = browser.get("/mediation/" + id + "?personQ=" + java.net.URLEncoder.encode(p.name(),
                java.nio.charset.StandardCharsets.UTF_8), null).body();
        assertThat(page).contains("id=\"person-picker\"").contains("id=\"persons-found\"")
                .contains("data-person=\"" + p.id() + "\"").doesNotContain(p.idNumber());
        String csrf = browser.csrfFrom("/mediation/" + id);
        HttpResponse<String> picked = browser.form("/mediation/" + id + "/parties",
                Map.of("_csrf", csrf, "personId", p.id().toString()));
        assertThat(picked.statusCode()).isEqualTo(302);
        String after = browser.get("/mediation/" + id, null).body();
        assertThat(after).contains(p.name()).contains("137****5678").contains("实有人口");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_party WHERE case_id = ? AND person_id = ?")
                .params(UUID.fromString(id), p.id()).query(Long.class).single()).isEqualTo(1);

        // picking him again from the results tells why on the page, among the same results, and adds nothing
        browser.form("/mediation/" + id + "/parties", Map.of("_csrf", browser.csrfFrom("/mediation/" + id),
                "personId", p.id().toString(), "personQ", p.name()));
        assertThat(browser.get("/mediation/" + id, null).body()).contains("此人已是本案当事人")
                .containsPattern("<details class=\"card\" id=\"person-picker\"[^>]*open")
                .contains("id=\"person-q\" name=\"personQ\" type=\"search\" maxlength=\"40\" required value=\"" + p.name() + "\"")
                .contains("data-person=\"" + p.id() + "\"");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_party WHERE case_id = ? AND person_id = ?")
                .params(UUID.fromString(id), p.id()).query(Long.class).single()).isEqualTo(1);

        // officer2 finds nobody of officer's by the picker's search
        ApiClient other = new ApiClient(port);
        other.formLogin("officer2", DEMO_PASSWORD);
        assertThat(other.get("/mediation/" + id + "?personQ=" + p.idNumber().substring(12), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theCaseTypeFormRefusedComesBackOpenWithTheChoiceAsSentAndChangesNothing() {
        String id = openCase(officer, "FS-1-03", "officer");
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String page = "/mediation/" + id;
        assertThat(browser.get(page, null).body()).as("folded, the case's type chosen")
                .doesNotContainPattern("<details[^>]*open[^>]*>\\s*<summary>更改纠纷类型")
                .containsPattern("value=\"NEIGHBOURS\"[^>]*selected");

        // a client that sends no type (the page's select always has one)
        assertThat(browser.form(page + "/kind", Map.of("_csrf", browser.csrfFrom(page), "kind", "")).statusCode())
                .isEqualTo(302);
        assertThat(jdbc.sql("SELECT kind FROM dispute_case WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).isEqualTo("NEIGHBOURS");
        String again = browser.get(page, null).body();
        assertThat(again).contains("类型：必填");
        String form = again.substring(again.indexOf("<select id=\"kind\""), again.indexOf("id=\"action-kind\""));
        assertThat(form).as("the choice as sent, not the saved type").doesNotContain("selected");
        assertThat(again).as("open").containsPattern("<details[^>]*open[^>]*>\\s*<summary>更改纠纷类型")
                .as("the other forms stay folded").doesNotContainPattern("<details[^>]*open[^>]*>\\s*<summary>添加当事人");
    }

    @Test
    void theTeamFormRefusedComesBackOpenWithTheMembersAsSentAndChangesNothing() {
        String id = openCase(officer, "FS-1-03", "officer");
        UUID officerId = staff("officer");
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String page = "/mediation/" + id;
        String before = browser.get(page, null).body();
        assertThat(before).as("folded").doesNotContainPattern("<details[^>]*open[^>]*>\\s*<summary>组成调解组");
        assertThat(select(before, "team-staff-0")).as("the saved team chosen")
                .containsPattern("value=\"" + officerId + "\"[^>]*selected");

        // the first row left empty, the officer named on the second as a village policeman, which he is not
        HttpResponse<String> refused = browser.form(page + "/team", List.of(Map.entry("_csrf", browser.csrfFrom(page)),
                Map.entry("staffId", ""), Map.entry("role", "OFFICER"),
                Map.entry("staffId", officerId.toString()), Map.entry("role", "VILLAGE_POLICE")));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT role FROM dispute_team WHERE case_id = ? AND staff_id = ?")
                .params(UUID.fromString(id), officerId).query(String.class).list()).containsExactly("OFFICER");
        String again = browser.get(page, null).body();
        assertThat(again).contains("不是辅警，不能担任调解组的村警")
                .as("open").containsPattern("<details[^>]*open[^>]*>\\s*<summary>组成调解组")
                .as("the other forms stay folded").doesNotContainPattern("<details[^>]*open[^>]*>\\s*<summary>添加当事人");
        assertThat(select(again, "team-staff-0")).as("the first row as sent: nobody").doesNotContain("selected");
        assertThat(select(again, "team-staff-1")).as("the officer where he was sent")
                .containsPattern("value=\"" + officerId + "\"[^>]*selected");
        assertThat(select(again, "team-role-0")).containsPattern("value=\"OFFICER\"[^>]*selected");
        assertThat(select(again, "team-role-1")).as("the role as sent, not the default")
                .containsPattern("value=\"VILLAGE_POLICE\"[^>]*selected")
                .doesNotContainPattern("value=\"COMMUNITY_MEDIATOR\"[^>]*selected");

        // the page read again: the saved team, folded
        assertThat(select(browser.get(page, null).body(), "team-staff-0"))
                .containsPattern("value=\"" + officerId + "\"[^>]*selected");
    }

    @Test
    void theTeamFormNamesEachCandidatesRoleInTheReadersLanguage() {
        String id = openCase(officer, "FS-1-03", "officer");
        UUID officerId = staff("officer");
        // a mediator of the office, among the many the form offers: whoever forms the team must tell him from the rest
        String mediator = jdbc.sql("SELECT s.name FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.role = 'MEDIATOR'"
                + " AND s.active AND u.code = '320722010100' ORDER BY s.name LIMIT 1").query(String.class).single();
        String officerName = jdbc.sql("SELECT name FROM staff WHERE id = ?").param(officerId).query(String.class)
                .single();
        String page = "/mediation/" + id;

        String zh = select(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null).get(page, null).body(),
                "team-staff-0");
        assertThat(zh).contains(mediator + "（调解员，").contains(officerName + "（社区民警，");

        String en = select(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get(page, null).body(),
                "team-staff-0");
        assertThat(en).contains(mediator + " (Mediator, ").contains(officerName + " (Community officer, ");
    }

    @Test
    void theKindOrTheTeamTheCaseAlreadyHasSentAgainIsNotSavedNorAuditedAndThePageSaysSo() {
        String id = openCase(officer, "FS-1-03", "officer");
        UUID officerId = staff("officer");
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String page = "/mediation/" + id;
        long version = jdbc.sql("SELECT version FROM dispute_case WHERE id = ?").param(UUID.fromString(id))
                .query(Long.class).single();
        long updates = updates(id);

        assertThat(browser.form(page + "/kind", Map.of("_csrf", browser.csrfFrom(page), "kind", "NEIGHBOURS"))
                .statusCode()).isEqualTo(302);
        assertThat(browser.get(page, null).body()).contains("未作改动").doesNotContain("已保存");
        assertThat(browser.form(page + "/team", List.of(Map.entry("_csrf", browser.csrfFrom(page)),
                Map.entry("staffId", officerId.toString()), Map.entry("role", "OFFICER"),
                Map.entry("staffId", ""), Map.entry("role", "COMMUNITY_MEDIATOR"))).statusCode()).isEqualTo(302);
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        assertThat(browser.get(page, null).body()).contains("未作改动").doesNotContain("已保存");
        english.form(page + "/kind", Map.of("_csrf", english.csrfFrom(page), "kind", "NEIGHBOURS"));
        assertThat(english.get(page, null).body()).contains("Nothing changed");

        assertThat(jdbc.sql("SELECT version FROM dispute_case WHERE id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isEqualTo(version);
        assertThat(updates(id)).as("no change audited").isEqualTo(updates);
        // the API answers the case as it stands, as it did
        assertThat(send("PUT", "/api/v1/mediation/cases/" + id + "/kind", officer, Map.of("kind", "NEIGHBOURS"), 200)
                .get("dispute").get("kind").asText()).isEqualTo("NEIGHBOURS");
        assertThat(updates(id)).isEqualTo(updates);
    }

    long updates(String id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'dispute' AND record_id = ? "
                + "AND action = 'UPDATE'").param(id).query(Long.class).single();
    }

    @Test
    void aTeamOfWhatTheFormCannotSendIsRefusedInThePagesLanguageNotAServerError() {
        String id = openCase(officer, "FS-1-03", "officer");
        UUID officerId = staff("officer");
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String page = "/mediation/" + id;
        // an edited page: a member that is no staff id, then a role the platform does not know
        Map<List<Map.Entry<String, String>>, String> refusals = Map.of(
                List.of(Map.entry("staffId", "not-a-staff-id"), Map.entry("role", "OFFICER")), "人员不存在或不能参加本案调解",
                List.of(Map.entry("staffId", officerId.toString()), Map.entry("role", "CAPTAIN")), "请为每名成员选择人员和职责");
        for (var refusal : refusals.entrySet()) {
            List<Map.Entry<String, String>> sent = refusal.getKey();
            List<Map.Entry<String, String>> form = new java.util.ArrayList<>(sent);
            form.add(0, Map.entry("_csrf", browser.csrfFrom(page)));
            HttpResponse<String> refused = browser.form(page + "/team", form);
            assertThat(refused.statusCode()).as(sent.toString()).isEqualTo(302);
            assertThat(browser.get(page, null).body()).as(sent.toString())
                    .contains(refusal.getValue());
            assertThat(jdbc.sql("SELECT role FROM dispute_team WHERE case_id = ? AND staff_id = ?")
                    .params(UUID.fromString(id), officerId).query(String.class).list()).containsExactly("OFFICER");
        }
    }

    /**
     * The screening form sent with a kind of dispute its choices cannot send (an edited or stale page) was a server
     * error: it is refused in the page's language, and nothing is recorded.
     */
    @Test
    void aScreeningWithAKindTheFormCannotSendIsRefusedInThePagesLanguageNotAServerError() {
        String findings = "排查" + UUID.randomUUID();
        for (String language : List.of("zh-CN", "en")) {
            ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, language);
            String page = "/mediation/screenings";
            HttpResponse<String> refused = browser.form(page, List.of(Map.entry("_csrf", browser.csrfFrom(page)),
                    Map.entry("gridId", grid("FS-1-03").toString()), Map.entry("participants", "网格员"),
                    Map.entry("findings", findings), Map.entry("disputeKind", "CASINO"),
                    Map.entry("disputeSummary", "赌博纠纷")));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(302);
            assertThat(browser.get(page, null).body()).contains(language.equals("en")
                    ? "&quot;CASINO&quot; is not a kind of dispute: choose one from the list"
                    : "“CASINO”不是可选的纠纷类型，请从列表中选择");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_screening WHERE findings = ?").param(findings)
                .query(Long.class).single()).isZero();
    }

    /** The options of the page's select with this id. */
    static String select(String page, String id) {
        int from = page.indexOf("id=\"" + id + "\"");
        assertThat(from).as(id).isPositive();
        return page.substring(from, page.indexOf("</select>", from));
    }

    @Test
    void theDemoHasADisputeBetweenTwoResidentsOfThePopulationRecords() {
        assertThat(jdbc.sql("""
                SELECT count(*) FROM dispute_case c WHERE c.opened_by IS NULL
                  AND (SELECT count(*) FROM dispute_party p JOIN person r ON r.id = p.person_id
                       WHERE p.case_id = c.id AND r.name = p.name) = 2""").query(Long.class).single()).isPositive();
    }

    long personReads(UUID person) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? AND action = 'READ'")
                .param(person.toString()).query(Long.class).single();
    }
}
