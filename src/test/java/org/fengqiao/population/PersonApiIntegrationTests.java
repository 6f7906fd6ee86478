package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registering, finding and reading persons through the API, within the caller's jurisdiction only. */
class PersonApiIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String officer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE code = ?").param(code).query(UUID.class).single();
    }

    Map<String, Object> person(String name, String idNumber, String sex, String gridCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid(gridCode).toString());
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("sex", sex);
        body.put("phone", "139" + String.format("%08d", Math.abs(idNumber.hashCode()) % 100_000_000));
        body.put("residence", "PERMANENT");
        body.put("ethnicity", "01");
        return body;
    }

    JsonNode register(Map<String, Object> body) {
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created);
    }

    List<String> idsFound(String query, String token) {
        HttpResponse<String> found = api.get("/api/v1/persons?size=100&q=" + java.net.URLEncoder.encode(query,
                java.nio.charset.StandardCharsets.UTF_8), token);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return ApiClient.json(found).path("items").findValuesAsText("id");
    }

    @Test
    void anOfficerRegistersAPersonAndFindsHimByFragmentInitialsIdTailsAndPhoneWithPersonalDataMasked() {
        String number = TestIdentityNumbers.next(Sex.MALE);
        JsonNode created = register(person("单田芳", number, "MALE", "FS-1-01"));
        String id = created.path("id").asText();
        assertThat(created.path("idNumber").asText()).isEqualTo(number.substring(0, 6) + "********" + number.substring(14));
        assertThat(created.path("phone").asText()).matches("139\\*\\*\\*\\*[0-9]{4}");
        assertThat(created.path("birthDate").asText()).isEqualTo(
                number.substring(6, 10) + "-" + number.substring(10, 12) + "-" + number.substring(12, 14));

        assertThat(idsFound("田芳", officer)).contains(id);
        assertThat(idsFound("stf", officer)).as("单 reads shan as a surname").contains(id);
        assertThat(idsFound("shantianfang", officer)).contains(id);
        assertThat(idsFound(number.substring(14), officer)).contains(id);
        assertThat(idsFound(number.substring(12), officer)).contains(id);
        assertThat(idsFound(number, officer)).containsExactly(id);

        // the database holds no identity number in the clear
        Map<String, Object> stored = jdbc.sql("SELECT encode(id_cipher, 'escape') AS c, id_index, id_masked FROM person WHERE id = ?::uuid")
                .param(id).query().singleRow();
        assertThat(stored.get("c").toString()).doesNotContain(number).doesNotContain(number.substring(6, 14));
        assertThat(stored.get("id_index").toString()).doesNotContain(number.substring(14));
    }

    @Test
    void aPhoneTypedWithSpacesDashesOrTheCountryCodeFindsThePerson() {
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        Map<String, Object> body = person("柯淑敏", number, "FEMALE", "FS-1-01");
        String phone = "153" + String.format("%08d", Math.abs(number.hashCode()) % 100_000_000);
        body.put("phone", phone);
        String id = register(body).path("id").asText();
        String spaced = phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
        String dashed = phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);

        for (String typed : List.of(phone, spaced, dashed, "+86" + phone, "+86 " + spaced, " " + dashed + " ")) {
            HttpResponse<String> found = api.get("/api/v1/persons?size=100&q=" + java.net.URLEncoder.encode(typed,
                    java.nio.charset.StandardCharsets.UTF_8), officer);
            assertThat(found.statusCode()).as(typed + ": " + found.body()).isEqualTo(200);
            assertThat(ApiClient.json(found).path("searchedAs").asText()).as(typed).isEqualTo("PHONE");
            assertThat(ApiClient.json(found).path("items").findValuesAsText("id")).as(typed).containsExactly(id);
        }
        // a number that is no phone once its separators are gone is still refused as before
        assertThat(api.get("/api/v1/persons?q=" + java.net.URLEncoder.encode("153-1764",
                java.nio.charset.StandardCharsets.UTF_8), officer).statusCode()).isEqualTo(400);
    }

    /**
     * A client reads a person (numbers masked), changes his occupation and sends the record back: his identity number
     * and phone stay as stored. It was refused for them, and leaving them out erased them.
     */
    @Test
    void aPersonSentBackAsReadWithHisMaskedNumbersKeepsThem() {
        String number = TestIdentityNumbers.next(Sex.MALE);
        Map<String, Object> body = person("回读甲", number, "MALE", "FS-1-01");
        String phone = (String) body.get("phone");
        String id = register(body).path("id").asText();

        HttpResponse<String> read = api.get("/api/v1/persons/" + id, officer);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = ApiClient.JSON.convertValue(ApiClient.json(read), Map.class);
        assertThat(record.get("idNumber")).isEqualTo(number.substring(0, 6) + "********" + number.substring(14));
        record.put("occupation", "个体户");
        HttpResponse<String> changed = api.send("PUT", "/api/v1/persons/" + id, officer, record);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(ApiClient.json(changed).path("occupation").asText()).isEqualTo("个体户");
        assertThat(ApiClient.json(changed).path("idNumber").asText()).isEqualTo(record.get("idNumber"));
        assertThat(ApiClient.json(changed).path("phone").asText()).isEqualTo(record.get("phone"));
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
        assertThat(revealed(id, "phone")).isEqualTo(phone);

        // a masked number that is not his says so and changes nothing
        record.put("idNumber", number.substring(0, 6) + "********" + (number.endsWith("0000") ? "1111" : "0000"));
        record.put("occupation", "农民");
        record.put("version", ApiClient.json(changed).path("version").asLong());
        HttpResponse<String> refused = api.send("PUT", "/api/v1/persons/" + id, officer, record);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("idNumber").contains("与该人员登记的号码不符");
        assertThat(ApiClient.json(api.get("/api/v1/persons/" + id, officer)).path("occupation").asText())
                .isEqualTo("个体户");
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
    }

    /**
     * An integrator sends only the fields he changes: an identity number or phone left out of the body keeps the
     * stored one, where it was erased; one sent empty (or null) is still taken away, the API's way to clear it.
     */
    @Test
    void aChangeLeavingOutTheIdentityNumberAndPhoneKeepsThemWhileAnEmptyPhoneClearsIt() {
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        Map<String, Object> body = person("略填乙", number, "FEMALE", "FS-1-01");
        String phone = (String) body.get("phone");
        String id = register(body).path("id").asText();

        Map<String, Object> partial = new HashMap<>(body);
        partial.remove("idNumber");
        partial.remove("phone");
        partial.put("occupation", "教师");
        HttpResponse<String> changed = api.send("PUT", "/api/v1/persons/" + id, officer, partial);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(ApiClient.json(changed).path("occupation").asText()).isEqualTo("教师");
        assertThat(ApiClient.json(changed).path("idNumber").asText())
                .isEqualTo(number.substring(0, 6) + "********" + number.substring(14));
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
        assertThat(revealed(id, "phone")).isEqualTo(phone);

        // sent empty, the phone is taken away; the identity number, left out, stays
        partial.put("phone", "");
        HttpResponse<String> cleared = api.send("PUT", "/api/v1/persons/" + id, officer, partial);
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(ApiClient.json(cleared).hasNonNull("phone")).as(cleared.body()).isFalse();
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
        assertThat(jdbc.sql("SELECT phone_cipher IS NULL FROM person WHERE id = ?::uuid").param(id)
                .query(Boolean.class).single()).isTrue();
    }

    /**
     * Not only the numbers: a PUT that sent the occupation alone erased the person's note, workplace, relation,
     * residence registration and ethnicity. Every field left out keeps its stored value; one sent as null clears that
     * field alone; a required one sent as null is refused and nothing changes.
     */
    @Test
    void aChangeSendingOneFieldKeepsEveryOtherAndANullClearsOnlyTheFieldItNames() {
        String number = TestIdentityNumbers.next(Sex.MALE);
        Map<String, Object> body = person("略填丙", number, "MALE", "FS-1-01");
        LocalDate registered = LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE).minusMonths(3);
        body.put("residence", "FLOATING");
        body.put("registeredOn", registered.toString());
        body.put("relation", "HEAD");
        body.put("occupation", "厨师");
        body.put("workplace", "镇上饭店");
        body.put("note", "租住亲戚家");
        JsonNode created = register(body);
        String id = created.path("id").asText();

        HttpResponse<String> changed = api.send("PUT", "/api/v1/persons/" + id, officer, Map.of("occupation", "面点师"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode after = ApiClient.json(changed);
        assertThat(after.path("occupation").asText()).isEqualTo("面点师");
        for (String kept : List.of("name", "gridId", "sex", "birthDate", "ethnicity", "relation", "residence",
                "registeredOn", "workplace", "note", "idNumber", "phone")) {
            assertThat(after.path(kept)).as(kept).isEqualTo(created.path(kept));
        }
        assertThat(after.path("workplace").asText()).isEqualTo("镇上饭店");
        assertThat(after.path("residence").asText()).isEqualTo("FLOATING");
        assertThat(revealed(id, "idNumber")).isEqualTo(number);

        // null clears the note it names, and nothing else
        Map<String, Object> clear = new HashMap<>();
        clear.put("note", null);
        HttpResponse<String> cleared = api.send("PUT", "/api/v1/persons/" + id, officer, clear);
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(ApiClient.json(cleared).hasNonNull("note")).isFalse();
        assertThat(ApiClient.json(cleared).path("workplace").asText()).isEqualTo("镇上饭店");
        assertThat(ApiClient.json(cleared).path("occupation").asText()).isEqualTo("面点师");

        // the name is required: sent as null it is refused, and the person stays as he was
        Map<String, Object> noName = new HashMap<>();
        noName.put("name", null);
        noName.put("workplace", "县城饭店");
        HttpResponse<String> refused = api.send("PUT", "/api/v1/persons/" + id, officer, noName);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"name\"");
        JsonNode stored = ApiClient.json(api.get("/api/v1/persons/" + id, officer));
        assertThat(stored.path("name").asText()).isEqualTo("略填丙");
        assertThat(stored.path("workplace").asText()).isEqualTo("镇上饭店");
    }

    String revealed(String id, String field) {
        HttpResponse<String> shown = api.send("POST", "/api/v1/persons/" + id + "/reveal", officer,
                Map.of("field", field, "reason", "核对回读的号码"));
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        return ApiClient.json(shown).path("value").asText();
    }

    @Test
    void aRenamedPersonIsFoundByTheNewNamesPinyinAndNoLongerByTheOld() {
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        String id = register(person("闵秀珍", number, "FEMALE", "FS-1-01")).path("id").asText();
        assertThat(idsFound("minxiuzhen", officer)).contains(id);

        HttpResponse<String> renamed = api.send("PUT", "/api/v1/persons/" + id, officer,
                person("闵秀瑛", number, "FEMALE", "FS-1-01"));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);

        assertThat(idsFound("minxiuying", officer)).contains(id);
        assertThat(idsFound("minxiuzhen", officer)).doesNotContain(id);
        assertThat(idsFound("minxiu", officer)).contains(id);
    }

    @Test
    void anotherStationsOfficerGets404ForThePersonOnEveryEndpointAndCannotFindHim() {
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        String id = register(person("林晓燕", number, "FEMALE", "FS-2-01")).path("id").asText();
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        String nobody = UUID.randomUUID().toString();
        for (String target : List.of(id, nobody)) {
            assertThat(api.get("/api/v1/persons/" + target, officer2).statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", "/api/v1/persons/" + target, officer2,
                    person("林晓燕", number, "FEMALE", "NS-1-01")).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", "/api/v1/persons/" + target + "/reveal", officer2,
                    Map.of("field", "idNumber", "reason", "核查身份信息")).statusCode()).isEqualTo(404);
        }
        assertThat(idsFound(number, officer2)).isEmpty();
        assertThat(idsFound(number.substring(12), officer2)).doesNotContain(id);
        assertThat(idsFound(number, api.token("bureau", DEMO_PASSWORD))).containsExactly(id);
    }

    @Test
    void readingAPersonIsAuditedAndRevealingTheFullNumberNeedsTheRightAndAReason() {
        String number = TestIdentityNumbers.next(Sex.MALE);
        String id = register(person("曾国华", number, "MALE", "FS-1-02")).path("id").asText();
        assertThat(api.get("/api/v1/persons/" + id, officer).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'person' AND record_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> noReason = api.send("POST", "/api/v1/persons/" + id + "/reveal", officer,
                Map.of("field", "idNumber", "reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongField = api.send("POST", "/api/v1/persons/" + id + "/reveal", officer,
                Map.of("field", "address", "reason", "办理居住证核对身份"));
        assertThat(wrongField.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(wrongField).path("errors").findValuesAsText("message"))
                .containsExactly("只能查看完整的身份证号或电话");
        HttpResponse<String> revealed = api.send("POST", "/api/v1/persons/" + id + "/reveal", officer,
                Map.of("field", "idNumber", "reason", "办理居住证核对身份"));
        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(revealed).path("value").asText()).isEqualTo(number);
        assertThat(jdbc.sql("SELECT after->>'reason' FROM audit_entry WHERE action = 'REVEAL' AND record_id = ?")
                .param(id).query(String.class).list()).containsExactly("办理居住证核对身份");

        String auxiliary = TestStaff.uniqueUsername("aux");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        directory.register(office.id(), StaffRole.AUXILIARY_POLICE, "测试辅警", null, null, null, auxiliary, TestStaff.PASSWORD);
        String aux = api.token(auxiliary, TestStaff.PASSWORD);
        assertThat(api.get("/api/v1/persons/" + id, aux).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/persons/" + id + "/reveal", aux,
                Map.of("field", "idNumber", "reason", "办理居住证核对身份")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/persons?q=" + number.substring(14), api.token("volunteer", DEMO_PASSWORD))
                .statusCode()).as("volunteers never see identity numbers").isEqualTo(403);
    }

    @Test
    void aWrongCheckCharacterIsRefusedInTheUsersLanguageAndSavesNothing() {
        String number = TestIdentityNumbers.next(Sex.MALE);
        char wrong = number.charAt(17) == '1' ? '2' : '1';
        Map<String, Object> body = person("错号人", number.substring(0, 17) + wrong, "MALE", "FS-1-03");
        long before = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        HttpResponse<String> zh = api.send("POST", "/api/v1/persons", officer, body);
        HttpResponse<String> en = api.send("POST", "/api/v1/persons", officer, body, "Accept-Language", "en");
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(zh).path("errors").findValuesAsText("field")).containsExactly("idNumber");
        assertThat(ApiClient.json(zh).path("errors").findValuesAsText("message").get(0)).contains(String.valueOf(number.charAt(17)));
        assertThat(ApiClient.json(en).path("errors").findValuesAsText("message").get(0)).containsIgnoringCase("check");
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single()).isEqualTo(before);

        Map<String, Object> wrongSex = person("错性别", TestIdentityNumbers.next(Sex.MALE), "FEMALE", "FS-1-03");
        assertThat(api.send("POST", "/api/v1/persons", officer, wrongSex).statusCode()).isEqualTo(400);
    }

    /**
     * An occupation, workplace or note longer than a register's field holds is refused field by field in the reader's
     * language, and nothing is saved: a 30,000-character note made the personal file (一人一档) three pages long. At the
     * limit it is saved.
     */
    @Test
    void anOverLongOccupationWorkplaceOrNoteIsRefusedFieldByFieldAndSavesNothing() {
        Map<String, Object> body = person("长字段", TestIdentityNumbers.next(Sex.MALE), "MALE", "FS-1-03");
        body.put("occupation", "农".repeat(65));
        body.put("workplace", "厂".repeat(101));
        body.put("note", "记".repeat(501));
        long before = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        HttpResponse<String> zh = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(zh).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("occupation", "workplace", "note");
        assertThat(ApiClient.json(zh).path("errors").findValuesAsText("message")).contains("不能超过 500 个字");
        HttpResponse<String> en = api.send("POST", "/api/v1/persons", officer, body, "Accept-Language", "en");
        assertThat(ApiClient.json(en).path("errors").findValuesAsText("message")).contains("At most 64 characters");
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single()).isEqualTo(before);

        body.put("occupation", "农".repeat(64));
        body.put("workplace", "厂".repeat(100));
        body.put("note", "记".repeat(500));
        assertThat(register(body).path("note").asText()).hasSize(500);
    }

    @Test
    void aNumberRegisteredTwiceIsAConflictAndAFloatingResidentKnowsWhenHeMayApplyForAPermit() {
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        Map<String, Object> body = person("欧阳娜娜", number, "FEMALE", "FS-1-04");
        body.put("residence", "FLOATING");
        HttpResponse<String> missingDay = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(missingDay.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(missingDay).path("errors").findValuesAsText("field")).containsExactly("registeredOn");
        body.put("registeredOn", "2026-03-15");
        JsonNode created = register(body);
        assertThat(created.path("residencePermitFrom").asText()).isEqualTo("2026-09-15");
        assertThat(api.send("POST", "/api/v1/persons", officer, body).statusCode()).isEqualTo(409);
    }

    /**
     * A body with several wrong values, some of them of the wrong kind (a sex that is none, a date that is no date),
     * is refused with every one of them at once, each under its field in the reader's language, as the resident form
     * refuses them: the body stopped at its first unreadable value and the client learned of the others one refusal
     * after another. Nothing is saved, on registering and on a change.
     */
    @Test
    void everyWrongValueOfABodyIsRefusedAtOnceInTheReadersLanguageAndNothingIsSaved() {
        String name = "多错" + UUID.randomUUID().toString().substring(0, 4);
        Map<String, Object> body = person(name, TestIdentityNumbers.next(Sex.MALE), "MALE", "FS-1-03");
        body.put("sex", "X");
        body.put("birthDate", "2001-13-45");
        body.put("phone", "12345");
        body.put("occupation", "农".repeat(65));
        body.put("gridId", "not-a-grid");
        long before = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();

        HttpResponse<String> zh = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        JsonNode errors = ApiClient.json(zh).path("errors");
        assertThat(errors.findValuesAsText("field")).as(zh.body())
                .containsExactlyInAnyOrder("sex", "birthDate", "gridId", "phone", "occupation");
        assertThat(errors.findValuesAsText("message")).as(zh.body())
                .contains("格式不正确", "电话号码格式不正确", "不能超过 64 个字")
                .anyMatch(m -> m.startsWith("不是可选的值") && m.contains("MALE"));
        HttpResponse<String> en = api.send("POST", "/api/v1/persons", officer, body, "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(en).path("errors").findValuesAsText("message")).as(en.body())
                .contains("Wrong format", "At most 64 characters")
                .anyMatch(m -> m.startsWith("Not one of the values allowed") && m.contains("MALE"));
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single()).as("nothing registered")
                .isEqualTo(before);

        Map<String, Object> good = person(name, TestIdentityNumbers.next(Sex.FEMALE), "FEMALE", "FS-1-03");
        String id = register(good).path("id").asText();
        Map<String, Object> change = new HashMap<>(good);
        change.put("name", "改名" + name);
        change.put("registeredOn", "yesterday");
        change.put("residence", "SOMETIMES");
        change.put("note", "记".repeat(501));
        HttpResponse<String> changed = api.send("PUT", "/api/v1/persons/" + id, officer, change);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(400);
        assertThat(ApiClient.json(changed).path("errors").findValuesAsText("field")).as(changed.body())
                .containsExactlyInAnyOrder("registeredOn", "residence", "note");
        assertThat(jdbc.sql("SELECT name FROM person WHERE id = ?").param(UUID.fromString(id)).query(String.class)
                .single()).as("nothing changed").isEqualTo(name);
    }
}
