package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.JsonFields;
import org.fengqiao.population.internal.Buildings;
import org.fengqiao.population.internal.FloorPlan;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.population.internal.HouseholdsByAddress;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.RequestContextUtils;

@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Population: buildings and rooms")
class BuildingController {

    private final Buildings buildings;
    private final Housing housing;
    private final HouseholdsByAddress byAddress;
    private final MessageSource messages;
    private final JsonFields json;

    BuildingController(Buildings buildings, Housing housing, HouseholdsByAddress byAddress, MessageSource messages,
            JsonFields json) {
        this.json = json;
        this.buildings = buildings;
        this.housing = housing;
        this.byAddress = byAddress;
        this.messages = messages;
    }

    record NewBuilding(UUID gridId, String name, Integer floors, Integer units, Integer roomsPerFloor, UUID addressId) {
    }

    record BuildingChange(String name, UUID addressId, Integer floors, Integer units, Integer roomsPerFloor,
            Long version) {
    }

    record RoomMarks(Boolean vacant, Boolean rental, UUID visitId) {
    }

    /**
     * A building with its counts; when it was just saved with new rooms, {@code byAddress}: how many households
     * those rooms took by their address, and how many name a room it does not have (absent otherwise).
     */
    record BuildingSummary(UUID id, UUID gridId, String gridCode, String gridName, String name, UUID addressId,
            String address, int floors, int units, int roomsPerFloor, long rooms, long households, long version,
            HouseholdsByAddress.Placed byAddress) {
        static BuildingSummary of(Buildings.Building b) {
            return of(b, null);
        }

        static BuildingSummary of(Buildings.Building b, HouseholdsByAddress.Placed byAddress) {
            return new BuildingSummary(b.id(), b.gridId(), b.gridCode(), b.gridName(), b.name(), b.addressId(),
                    b.address(), b.floors(), b.units(), b.roomsPerFloor(), b.rooms(), b.households(), b.version(),
                    byAddress);
        }
    }

    record BuildingPlan(BuildingSummary building, List<FloorPlan.Floor> floors, List<FloorPlan.Mark> legend) {
    }

    record RoomView(UUID id, UUID buildingId, int unit, int floor, String number, boolean vacant, boolean rental) {
        static RoomView of(Buildings.Room r) {
            return new RoomView(r.id(), r.buildingId(), r.unitNo(), r.floor(), r.number(), r.vacant(), r.rental());
        }
    }

    @PostMapping("/buildings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Create a building in a grid with all its rooms (floor × 100 + index in each unit)",
            description = "The grid's households without a room whose address names one of its rooms are placed in "
                    + "it, as 按地址安置住户 places them (each audited); byAddress answers how many, and how many name "
                    + "a room it does not have. From the pages, the floor plan then says so.")
    BuildingSummary create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema =
            @Schema(implementation = NewBuilding.class))) @RequestBody JsonNode body, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        // read field by field: floors typed as words and a grid that is no id are refused together, nothing saved
        List<Invalid.Problem> found = new ArrayList<>();
        NewBuilding b = json.read(body, NewBuilding.class, found);
        try {
            return saved(housing.createBuilding(new Housing.NewBuilding(b.gridId(), b.name(), b.floors(),
                    b.units(), b.roomsPerFloor(), b.addressId()), found, Callers.require()), request, response, locale);
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    /**
     * The building as saved; when its new rooms were offered to the households naming them and the request comes
     * from a page (it has a session), the floor plan the page goes to next says how many they took, as after the
     * plan's own button (a flash notice, shown once).
     */
    private BuildingSummary saved(Housing.SavedBuilding saved, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        HouseholdsByAddress.Placed placed = saved.byAddress();
        if (placed != null && placed.placed() + placed.roomsNotFound() > 0 && request.getSession(false) != null) {
            RequestContextUtils.getOutputFlashMap(request).put("notice", messages.getMessage(
                    "housing.plan.byAddress.done", new Object[] {placed.placed(), placed.roomsNotFound()}, locale));
            RequestContextUtils.saveOutputFlashMap(request.getContextPath() + "/buildings/" + saved.building().id(),
                    request, response);
        }
        return BuildingSummary.of(saved.building(), placed);
    }

    @PutMapping("/buildings/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Change a building's name, standard address and dimensions (floors, units, rooms per floor)",
            description = "version is the building's version the client read (required): if the building was changed "
                    + "since, 409 and nothing written. The address must be one of the building's grid, the name unique "
                    + "in it, as on creation. Growing adds the missing rooms, numbered floor × 100 + index in each "
                    + "unit; shrinking removes rooms only when none of them has a household, a rental, a utility "
                    + "reading, a verification task, a visit's record or a vacant or rental mark: otherwise 400 naming "
                    + "those rooms, and nothing changed. 404 outside the caller's jurisdiction. Audited. Rooms added "
                    + "take the grid's households without a room whose address names them, as on creation (byAddress "
                    + "answers how many; absent when no room was added). A field left out of the body keeps its "
                    + "stored value; addressId sent as null takes the address away, name and dimensions sent as null "
                    + "are refused (400).")
    BuildingSummary change(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @Content(schema = @Schema(implementation = BuildingChange.class))) @RequestBody JsonNode body,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        List<Invalid.Problem> found = new ArrayList<>();
        BuildingChange b = json.read(body, BuildingChange.class, found);
        try {
            return saved(housing.changeBuilding(id, new Housing.BuildingChange(b.name(), b.addressId(), b.floors(),
                    b.units(), b.roomsPerFloor(), b.version()), JsonFields.leftOut(body, BuildingChange.class), found,
                    Callers.require()), request, response, locale);
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }

    @PostMapping("/buildings/{id}/households-by-address")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Place in the building's rooms the grid's households without a room whose address names one "
            + "(按地址安置住户)", description = "For households imported before their building was registered: the "
                    + "address text is read as the import reads it (…3号楼2单元0301室, 3栋2单元301号, 3楼301); an "
                    + "address that may be two rooms, or a room of another building, places nobody, and a household "
                    + "already in a room is never moved. Answers how many were placed and how many name a room the "
                    + "building does not have. 404 outside the caller's jurisdiction. Each placement audited.")
    HouseholdsByAddress.Placed placeByAddress(@PathVariable UUID id) {
        return byAddress.place(id, Callers.require());
    }

    @GetMapping("/buildings")
    @Operation(summary = "The buildings of the caller's scope, of one grid when given, with room and household counts")
    List<BuildingSummary> list(@RequestParam(required = false) UUID gridId) {
        return buildings.visible(Callers.require(), gridId).stream().map(BuildingSummary::of).toList();
    }

    @GetMapping("/buildings/{id}")
    @Operation(summary = "The floor plan (居民信息平面图): floors top-down × units × rooms with households and marks")
    BuildingPlan plan(@PathVariable UUID id) {
        Buildings.Building b = buildings.findVisible(id, Callers.require()).orElseThrow(() -> new NotFound("building", id));
        return new BuildingPlan(BuildingSummary.of(b), FloorPlan.of(buildings.plan(id)).floors(),
                List.of(FloorPlan.Mark.values()));
    }

    @PutMapping("/rooms/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Mark a room vacant or rented out, on the spot; with visitId the change is linked to that visit",
            description = "Only the caller's own visit of the room's grid, on the day it was made: another's or an "
                    + "earlier day's is refused with 400 and nothing changed. A mark left out of the body (vacant, "
                    + "rental) keeps the room's; one sent as null is refused (400).")
    RoomView mark(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
            @Content(schema = @Schema(implementation = RoomMarks.class))) @RequestBody JsonNode body) {
        List<Invalid.Problem> found = new ArrayList<>();
        RoomMarks marks = json.read(body, RoomMarks.class, found);
        try {
            return RoomView.of(housing.markRoom(id, marks.vacant(), marks.rental(), marks.visitId(),
                    JsonFields.leftOut(body, RoomMarks.class), found, Callers.require()));
        } catch (Invalid e) {
            throw JsonFields.withoutEchoes(e, found);
        }
    }
}
