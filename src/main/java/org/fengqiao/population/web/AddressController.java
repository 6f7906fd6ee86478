package org.fengqiao.population.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.JsonFields;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.internal.AddressRegister;
import org.fengqiao.population.internal.Addresses;
import org.fengqiao.population.internal.StandardAddress;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/addresses")
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Population: standard addresses", description = "一标: GA/T 2000.32 addresses, each in one grid")
class AddressController {

    static final int MAX_PAGE = 100;

    private final Addresses addresses;
    private final AddressRegister register;

    private final JsonFields json;

    AddressController(Addresses addresses, AddressRegister register, JsonFields json) {
        this.json = json;
        this.addresses = addresses;
        this.register = register;
    }

    /** The parts of an address; countyCode (GB/T 2260) is required, names follow from the codes when left out. */
    record AddressForm(String countyCode, String townshipCode, String province, String city, String county,
            String township, String community, String villageGroup, String street, String doorNumber, String compound,
            String building, String unit, String floor, String room, UUID gridId, Double lon, Double lat) {

        /**
         * found: the values of the body that could not be read; a location of which one half could not be read is
         * taken as none, so that it is refused for that half alone and not once more as a half given without the other.
         */
        AddressRegister.Input input(List<Invalid.Problem> found) {
            boolean unreadable = found.stream().anyMatch(p -> p.field().equals("lon") || p.field().equals("lat"));
            return new AddressRegister.Input(new StandardAddress.Parts(countyCode, townshipCode, province, city, county,
                    township, community, villageGroup, street, doorNumber, compound, building, unit, floor, room),
                    gridId, unreadable ? null : lon, unreadable ? null : lat);
        }
    }

    record AddressView(UUID id, UUID gridId, String gridCode, String gridName, String fullText, String countyCode,
            String townshipCode, String province, String city, String county, String township, String community,
            String villageGroup, String street, String doorNumber, String compound, String building, String unit,
            String floor, String room, Double lon, Double lat, long version) {

        static AddressView of(Addresses.Address a) {
            StandardAddress.Parts p = a.parts();
            return new AddressView(a.id(), a.gridId(), a.gridCode(), a.gridName(), a.fullText(), p.countyCode(),
                    p.townshipCode(), p.province(), p.city(), p.county(), p.township(), p.community(),
                    p.villageGroup(), p.street(), p.doorNumber(), p.compound(), p.building(), p.unit(), p.floor(),
                    p.room(), a.lon(), a.lat(), a.version());
        }
    }

    record AddressPage(List<AddressView> items, long total, int page, int size) {
    }

    @PostMapping
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Register a standard address, or find the one already registered under the same text",
            description = "The county and township codes are checked against the 2023 division tables and the names "
                    + "must be theirs; the one-line text is composed in the standard order. The grid is gridId, or the "
                    + "police grid holding lon/lat; the caller must see it. 201 for a new address, 200 with the existing "
                    + "one when the text is known already, 409 when that address lies outside the caller's jurisdiction.")
    ResponseEntity<AddressView> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema =
            @Schema(implementation = AddressForm.class))) @RequestBody JsonNode body) {
        // read field by field: a value of the wrong kind is refused with every other fault of the body at once
        List<Invalid.Problem> found = new ArrayList<>();
        AddressForm form = json.read(body, AddressForm.class, found);
        try {
            AddressRegister.Outcome outcome = register.register(form.input(found), found, Callers.require());
            return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(AddressView.of(outcome.address()));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @GetMapping
    @Operation(summary = "The addresses of the caller's jurisdiction, by a fragment of their text and by grid")
    AddressPage list(@RequestParam(required = false) String q, @RequestParam(required = false) UUID gridId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int current = Math.max(1, page);
        Addresses.Page found = addresses.page(Callers.require(), q, gridId, limit, Paging.offset(current, limit));
        return new AddressPage(found.rows().stream().map(AddressView::of).toList(), found.total(), current, limit);
    }

    record Township(String code, String name) {
    }

    @GetMapping("/townships")
    @Operation(summary = "The townships and street offices of a county (2023 tables), for an address form")
    List<Township> townships(@RequestParam String county) {
        return StandardAddress.townshipsOf(county.strip()).stream().map(d -> new Township(d.code(), d.name())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One address; 404 outside the caller's jurisdiction")
    AddressView one(@PathVariable UUID id) {
        return AddressView.of(addresses.findVisible(id, Callers.require()).orElseThrow(() -> new NotFound("address", id)));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Change an address; its text is composed again and must not be another address's",
            description = "Without gridId or lon/lat the grid stays; an address with households, buildings, rooms, "
                    + "rentals or organisations keeps its grid. A part left out of the body keeps its stored value "
                    + "(codes, community, street, door, building, unit, floor, room; lon and lat when both are left "
                    + "out); the names of province, city, county and township follow from the codes; a part sent as "
                    + "null is taken away.")
    AddressView change(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @Content(schema = @Schema(implementation = AddressForm.class))) @RequestBody JsonNode body) {
        List<Invalid.Problem> found = new ArrayList<>();
        AddressForm form = json.read(body, AddressForm.class, found);
        try {
            return AddressView.of(register.change(id, form.input(found), JsonFields.leftOut(body, AddressForm.class),
                    found, Callers.require()));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }
}
