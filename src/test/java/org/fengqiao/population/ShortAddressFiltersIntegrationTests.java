package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The persons list's address filter and the organisations list's search read an address as the address list reads
 * it: short (吴场村1组40号 without 江苏省连云港市东海县房山镇), numbers in Chinese (一组四十号), the 号 left out (1组40),
 * full-width digits. Both stay within the caller's jurisdiction: another station's officer finds nobody there.
 */
class ShortAddressFiltersIntegrationTests extends IntegrationTest {

    static final String FULL = "江苏省连云港市东海县房山镇吴场村1组40号";
    static final List<String> TYPED = List.of("吴场村一组四十号", "1组40", "吴场村１组４０号", "房山镇吴场村1组40号");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    UUID address;
    UUID household;

    @BeforeEach
    void theDemoHouseholdAtWuchang1Group40() {
        fx = new HousingFixtures(port, jdbc);
        address = jdbc.sql("SELECT id FROM address WHERE full_text = ?").param(FULL).query(UUID.class).single();
        household = jdbc.sql("SELECT id FROM household WHERE address_id = ? ORDER BY id LIMIT 1").param(address)
                .query(UUID.class).optional().orElseGet(() -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("INSERT INTO household (id, grid_id, address_id) SELECT ?, grid_id, id FROM address WHERE id = ?")
                            .params(id, address).update();
                    return id;
                });
    }

    static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    static String enc(String s) {
        return AddressApiIntegrationTests.enc(s);
    }

    @Test
    void thePersonsAddressFilterFindsThePersonsAtTheAddressTypedShort() {
        UUID grid = jdbc.sql("SELECT grid_id FROM household WHERE id = ?").param(household).query(UUID.class).single();
        java.util.Random random = new java.util.Random();
        String name = "址" + (char) (0x4e00 + random.nextInt(20000)) + (char) (0x4e00 + random.nextInt(20000));
        UUID person = fx.person(grid, household, name, "CHILD", null, null);
        try {
            findsAtTheAddressTypedShort(person, name);
        } finally {
            // the household is the demo's: its persons are counted by the demo's own tests
            jdbc.sql("DELETE FROM person WHERE id = ?").param(person).update();
        }
    }

    private void findsAtTheAddressTypedShort(UUID person, String name) {
        for (String typed : TYPED) {
            // with a name, and by the address alone: every person listed lives at 吴场村1组40号 (or, for 1组40, at a
            // door of a first group whose number starts so)
            JsonNode byName = fx.get("officer", "/api/v1/persons?q=" + enc(name) + "&address=" + enc(typed)).body();
            assertThat(items(byName)).as(typed).extracting(i -> i.path("id").asText()).containsExactly(person.toString());
            JsonNode alone = fx.get("officer", "/api/v1/persons?size=100&address=" + enc(typed)).body();
            assertThat(items(alone)).as(typed).extracting(i -> i.path("name").asText()).contains(name);
            if (!typed.equals("1组40")) {
                assertThat(items(alone)).as(typed).allSatisfy(i -> assertThat(i.path("address").asText()).isEqualTo(FULL));
            }
            assertThat(items(alone)).as(typed).allSatisfy(i -> assertThat(i.path("address").asText()).contains("组40"));
        }
        // another station's officer: nobody there for him
        for (String typed : List.of(FULL, "吴场村一组四十号")) {
            assertThat(items(fx.get("officer2", "/api/v1/persons?size=100&address=" + enc(typed)).body())).as(typed)
                    .isEmpty();
        }
    }

    @Test
    void theOrganisationsSearchFindsTheOrganisationsAtTheAddressTypedShort() {
        String name = "短址商店" + UUID.randomUUID().toString().substring(0, 6);
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/organisations",
                Map.of("addressId", address, "name", name, "smallPlace", "STORE"));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().path("id").asText();

        for (String typed : TYPED) {
            JsonNode found = fx.get("officer", "/api/v1/organisations?size=100&q=" + enc(typed)).body();
            assertThat(items(found)).as(typed).extracting(i -> i.path("id").asText()).contains(id);
            assertThat(items(found)).as(typed).allSatisfy(i -> assertThat(i.path("address").asText()).contains("组40"));
        }
        // the name still finds it, and another station's officer does not see it by its address
        assertThat(items(fx.get("officer", "/api/v1/organisations?q=" + enc(name)).body()))
                .extracting(i -> i.path("id").asText()).containsExactly(id);
        for (String typed : List.of(FULL, "吴场村一组四十号")) {
            assertThat(items(fx.get("officer2", "/api/v1/organisations?size=100&q=" + enc(typed)).body())).as(typed)
                    .extracting(i -> i.path("id").asText()).doesNotContain(id);
        }
    }
}
