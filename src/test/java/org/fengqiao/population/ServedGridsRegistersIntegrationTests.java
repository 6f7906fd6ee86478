package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A grid member who serves one of two grids placed at their central office (both with the office's unit path) reads
 * the places and people of his grid only, as he reads its persons: the addresses, households, buildings, key persons,
 * rentals, organisations and helped persons of the office's other grid are not listed and not found (404), and the look-up other
 * modules pick a person with does not find its persons. The community officer still reads both grids.
 */
class ServedGridsRegistersIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    @Autowired
    PersonLookup lookup;

    /** What the set-up put in one grid: an address with a building, a household in difficulty, its head a key person, a rental. */
    record Placed(UUID address, UUID building, UUID household, String number, UUID person, UUID rental,
            UUID organisation) {
    }

    Placed placed(Grid grid, String n, String which) {
        UUID grid_ = grid.id().value();
        UUID address = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)")
                .params(address, grid_, "驻格村" + n + which + "组1号").update();
        UUID building = UUID.randomUUID();
        jdbc.sql("INSERT INTO building (id, grid_id, address_id, name, floors, units, rooms_per_floor) "
                + "VALUES (?, ?, ?, ?, 1, 1, 1)").params(building, grid_, address, "驻格楼" + which + n).update();
        UUID household = UUID.randomUUID();
        String number = "SGR" + n + "-" + which;
        jdbc.sql("INSERT INTO household (id, grid_id, address_id, number, in_difficulty) VALUES (?, ?, ?, ?, true)")
                .params(household, grid_, address, number).update();
        UUID person = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence,
                                    content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', 'PERMANENT', 'fixture')""")
                .params(person, grid_, household, "驻格户主" + which).update();
        jdbc.sql("INSERT INTO person_category (person_id, category, subtype, risk) VALUES (?, 'KEY_PERSON', 'DRUG', 'LOW')")
                .param(person).update();
        // the help given to the household in difficulty, recorded as a visit of today
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, ?, "
                        + "(SELECT id FROM staff WHERE username = 'officer'), ?)")
                .params(UUID.randomUUID(), grid_, household, OffsetDateTime.now()).update();
        UUID rental = UUID.randomUUID();
        jdbc.sql("INSERT INTO rental (id, grid_id, address_id, landlord_name, purpose) VALUES (?, ?, ?, '王房东', "
                + "'RESIDENCE')").params(rental, grid_, address).update();
        // a shop at the address, its owner the household's head
        UUID organisation = UUID.randomUUID();
        jdbc.sql("INSERT INTO organisation (id, grid_id, address_id, name, kind, owner_person_id) "
                + "VALUES (?, ?, ?, ?, 'SHOP', ?)").params(organisation, grid_, address, "驻格小卖部" + which + n, person)
                .update();
        return new Placed(address, building, household, number, person, rental, organisation);
    }

    static List<String> ids(HttpResponse<String> page, String field) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode json = ApiClient.json(page);
        List<String> ids = new ArrayList<>();
        (json.isArray() ? json : json.get("items")).forEach(i -> ids.add(i.get(field).asText()));
        return ids;
    }

    @Test
    void aGridMemberReadsThePlacesAndPeopleOfTheGridHeServesNotTheOfficesOthers() {
        ApiClient api = new ApiClient(port);
        GridsAtTheOffice fixture = twoGridsAtTheOffice("SR", "驻格");
        Placed mine = placed(fixture.served(), fixture.n(), "甲");
        Placed theirs = placed(fixture.other(), fixture.n(), "乙");
        Staff member = fixture.serving(directory, StaffRole.GRID_MEMBER, GridRole.MEMBER, "sr", "驻格网格员");
        String token = api.token(member.username(), GridsAtTheOffice.PASSWORD);
        String officer = api.token("officer", DEMO_PASSWORD);
        String served = fixture.served().id().value().toString();
        String other = fixture.other().id().value().toString();

        // addresses: the list (by text and by grid) and the address
        assertThat(ids(api.get("/api/v1/addresses?size=100&q=驻格村" + fixture.n(), token), "id"))
                .containsExactly(mine.address().toString());
        assertThat(ids(api.get("/api/v1/addresses?gridId=" + other, token), "id")).isEmpty();
        assertThat(api.get("/api/v1/addresses/" + theirs.address(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/addresses/" + mine.address(), token).statusCode()).isEqualTo(200);
        // households: the look-up by number, the household and its register (一户一册)
        assertThat(ids(api.get("/api/v1/households?q=SGR" + fixture.n(), token), "id"))
                .containsExactly(mine.household().toString());
        assertThat(api.get("/api/v1/households/" + theirs.household(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/households/" + mine.household(), token).statusCode()).isEqualTo(200);
        assertThat(api.download("/api/v1/households/" + theirs.household() + "/register.pdf", token).statusCode())
                .isEqualTo(404);
        // buildings and their floor plans
        assertThat(ids(api.get("/api/v1/buildings?gridId=" + other, token), "id")).isEmpty();
        assertThat(api.get("/api/v1/buildings/" + theirs.building(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/buildings/" + mine.building(), token).statusCode()).isEqualTo(200);
        // key persons: the list with its count, and the care record
        HttpResponse<String> keyPersons = api.get("/api/v1/key-persons?gridId=" + other, token);
        assertThat(ids(keyPersons, "personId")).isEmpty();
        assertThat(ApiClient.json(keyPersons).get("total").asInt()).isZero();
        assertThat(ids(api.get("/api/v1/key-persons?gridId=" + served, token), "personId"))
                .containsExactly(mine.person().toString());
        assertThat(api.get("/api/v1/key-persons/" + theirs.person(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/key-persons/" + mine.person(), token).statusCode()).isEqualTo(200);
        // rentals
        assertThat(ids(api.get("/api/v1/rentals?gridId=" + other, token), "id")).isEmpty();
        assertThat(api.get("/api/v1/rentals/" + theirs.rental(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/rentals/" + mine.rental(), token).statusCode()).isEqualTo(200);
        // organisations, whose owner is a person of the grid
        assertThat(ids(api.get("/api/v1/organisations?gridId=" + other, token), "id")).isEmpty();
        assertThat(api.get("/api/v1/organisations/" + theirs.organisation(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/organisations/" + mine.organisation(), token).statusCode()).isEqualTo(200);
        // the persons helped at the office this month, and the count the list gives
        String helped = "/api/v1/persons/helped?size=100&unitId=" + fixture.office().id().value();
        HttpResponse<String> hisHelped = api.get(helped, token);
        assertThat(ids(hisHelped, "id")).contains(mine.person().toString()).doesNotContain(theirs.person().toString());
        assertThat(ApiClient.json(hisHelped).get("total").asLong()).isEqualTo(ids(hisHelped, "id").size());
        // the pages read the same registers
        ApiClient pages = new ApiClient(port).signedIn(member.username(), GridsAtTheOffice.PASSWORD, null);
        assertThat(pages.get("/households/" + theirs.household(), null, "Accept", BROWSER).statusCode()).isEqualTo(404);
        assertThat(pages.get("/key-persons/" + theirs.person(), null, "Accept", BROWSER).statusCode()).isEqualTo(404);
        assertThat(pages.get("/rentals?gridId=" + other, null, "Accept", BROWSER).body())
                .doesNotContain(theirs.rental().toString()).doesNotContain(fixture.other().code());
        // a list filtered by the office's other grid is empty and does not name that grid, as for a grid he does not
        // see; the grid he serves is named on his key persons' list
        for (String list : List.of("/key-persons", "/persons", "/addresses", "/organisations", "/rentals")) {
            assertThat(pages.get(list + "?gridId=" + other, null, "Accept", BROWSER))
                    .satisfies(page -> assertThat(page.statusCode()).as(list).isEqualTo(200))
                    .satisfies(page -> assertThat(page.body()).as(list).doesNotContain(fixture.other().name())
                            .doesNotContain(theirs.person().toString()));
        }
        assertThat(pages.get("/key-persons?gridId=" + served, null, "Accept", BROWSER).body())
                .contains(fixture.served().name()).contains(mine.person().toString());
        // the look-up other modules pick a person with (a party of a dispute)
        Caller caller = new Caller(member.id().value(), member.username(), member.name(), "GRID_MEMBER",
                List.of(fixture.office().path()), Set.of("POPULATION_READ"), List.of(fixture.office().path()),
                List.of(fixture.served().id().value()));
        assertThat(lookup.read(theirs.person(), caller.unitPaths(), GridReach.of(caller), member.username())).isEmpty();
        assertThat(lookup.read(mine.person(), caller.unitPaths(), GridReach.of(caller), member.username())).isPresent();

        // the community officer, who heads the office's grids, reads both
        assertThat(api.get("/api/v1/households/" + theirs.household(), officer).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/key-persons/" + theirs.person(), officer).statusCode()).isEqualTo(200);
        assertThat(ids(api.get("/api/v1/rentals?gridId=" + other, officer), "id"))
                .containsExactly(theirs.rental().toString());
        assertThat(api.get("/api/v1/organisations/" + theirs.organisation(), officer).statusCode()).isEqualTo(200);
        assertThat(ids(api.get(helped, officer), "id")).contains(mine.person().toString(), theirs.person().toString());
        assertThat(lookup.read(theirs.person(), List.of(fixture.office().path()), GridReach.EVERY_GRID, "officer"))
                .isPresent();
    }
}
