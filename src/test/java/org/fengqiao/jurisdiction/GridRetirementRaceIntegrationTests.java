package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.platform.Caller;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.population.internal.PersonRegister;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A grid is retired at the very moment a record is filed into it: one of the two waits for the other, so that either
 * the record is refused as filed into a retired grid, or the retirement is refused with the record counted. Never
 * both done: a person or an open incident in a grid retired as empty would be in no list and no grid's care.
 */
class GridRetirementRaceIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    GridChanges changes;
    @Autowired
    PersonRegister register;

    JurisdictionApi api;
    Race race;
    String n;
    Grid grid;
    Caller chief;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        race = new Race(jdbc, transactions);
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "T-RR-" + n,
                "撤销竞争村" + n, null, null, null);
        // south of the demo district, apart from the other retirement tests' spots (lat 34.25–34.29)
        double lon = 118.00 + new Random().nextInt(300) / 1000.0;
        grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-RR-" + n, "竞争网格" + n,
                GridImportPolicyTests.square(lon, 34.24, 0.004), null, null, null);
        chief = new Caller(UUID.randomUUID(), "rr" + n, "所长", "STATION_CHIEF", List.of(office.path()), Set.of());
    }

    Map<String, Object> person(String name) {
        Map<String, Object> person = new HashMap<>();
        person.put("gridId", grid.id().value().toString());
        person.put("name", name);
        person.put("idNumber", TestIdentityNumbers.next(Sex.FEMALE));
        person.put("sex", "FEMALE");
        person.put("residence", "PERMANENT");
        return person;
    }

    long in(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE grid_id = ?").param(grid.id().value())
                .query(Long.class).single();
    }

    boolean retired() {
        return jdbc.sql("SELECT retired_at IS NOT NULL FROM grid WHERE id = ?").param(grid.id().value())
                .query(Boolean.class).single();
    }

    String refusal() {
        return "网格“竞争网格" + n + "”（IT-RR-" + n + "）已撤销，不能再向其中登记或移入记录，请另选网格";
    }

    @Test
    void aPersonRegisteredWhileTheGridIsBeingRetiredWaitsForItAndIsRefused() {
        JurisdictionApi.Answer answer = race.run(() -> changes.retire(grid.id(), chief),
                () -> api.call("chief", HttpMethod.POST, "/api/v1/persons", person("迟登" + n), null));

        assertThat(retired()).isTrue();
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("message")).contains(refusal());
        assertThat(in("person")).isZero();
    }

    @Test
    void aGridRetiredWhileAPersonIsBeingRegisteredThereWaitsAndIsRefusedWithHimCounted() {
        PersonRegister.Input person = new PersonRegister.Input(grid.id().value(), null, "先登" + n,
                TestIdentityNumbers.next(Sex.MALE), null, Sex.MALE, null, null, null, Residence.PERMANENT, null, null,
                null, null, null);
        JurisdictionApi.Answer answer = race.run(() -> register.register(person, chief),
                () -> api.call("chief", HttpMethod.POST, "/api/v1/grids/" + grid.id().value() + "/retirement", null,
                        null));

        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("message"))
                .contains("网格 IT-RR-" + n + " 中还有 1 名在住人员：随其地址在“核对地址归属”页移到所在网格，或登记迁出");
        assertThat(retired()).isFalse();
        assertThat(in("person")).isEqualTo(1);
    }

    @Test
    void anIncidentReportedWhileTheGridIsBeingRetiredWaitsForItAndIsRefused() {
        Map<String, Object> report = new HashMap<>();
        report.put("category", "HELP");
        report.put("gridId", grid.id().value().toString());
        report.put("description", "撤销时求助" + n);
        report.put("address", "竞争网格村口");
        JurisdictionApi.Answer answer = race.run(() -> changes.retire(grid.id(), chief),
                () -> api.call("chief", HttpMethod.POST, "/api/v1/incidents", report, "en"));

        assertThat(retired()).isTrue();
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("message")).contains("Grid 竞争网格" + n + " (IT-RR-"
                + n + ") was retired: nothing new can be filed into it or moved into it; choose another grid");
        assertThat(in("incident")).isZero();
    }
}
