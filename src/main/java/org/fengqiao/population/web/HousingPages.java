package org.fengqiao.population.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.internal.Buildings;
import org.fengqiao.population.internal.FloorPlan;
import org.fengqiao.population.internal.FloorPlanPdf;
import org.fengqiao.population.internal.HouseholdsByAddress;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.population.internal.VisitChangeTexts;
import org.fengqiao.population.internal.VisitLog;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The housing pages: the buildings of the scope, a building's floor plan and its printable PDF (one A4 page, laid out
 * by the server), a household.
 */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
class HousingPages {

    private final Buildings buildings;
    private final VisitLog visits;
    private final GridChoices grids;
    private final VisitChangeTexts texts;
    private final FloorPlanPdf floorPlanPdf;
    private final HouseholdsByAddress byAddress;
    private final MessageSource messages;
    private final Housing housing;

    HousingPages(Buildings buildings, VisitLog visits, GridChoices grids,
            VisitChangeTexts texts, FloorPlanPdf floorPlanPdf, HouseholdsByAddress byAddress,
            MessageSource messages, Housing housing) {
        this.housing = housing;
        this.floorPlanPdf = floorPlanPdf;
        this.byAddress = byAddress;
        this.messages = messages;
        this.buildings = buildings;
        this.visits = visits;
        this.grids = grids;
        this.texts = texts;
    }

    /** The buildings of one grid, for the list grouped by grid. */
    record GridGroup(String code, String name, List<Buildings.Building> buildings) {
    }

    @GetMapping("/buildings")
    String list(@RequestParam(required = false) String grid, @RequestParam(required = false) UUID gridId, Model model) {
        String code = grid == null || grid.isBlank() ? null : grid.strip();
        Map<String, GridGroup> groups = new LinkedHashMap<>();
        List<Buildings.Building> all = buildings.visible(Callers.require(), gridId);
        for (Buildings.Building b : all) {
            if (code == null || b.gridCode().equalsIgnoreCase(code)) {
                groups.computeIfAbsent(b.gridCode(), c -> new GridGroup(c, b.gridName(), new java.util.ArrayList<>()))
                        .buildings().add(b);
            }
        }
        model.addAttribute("groups", groups.values());
        model.addAttribute("gridCodes", all.stream().map(Buildings.Building::gridCode).distinct().toList());
        model.addAttribute("grid", code);
        // the form that creates a building offers the grids the caller may write in
        Caller caller = Callers.require();
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        model.addAttribute("gridChoices", caller.may("POPULATION_WRITE") ? grids.of(caller) : List.of());
        return "population/buildings";
    }

    /**
     * The floor plan; with {@code visitId}, opened from the household page during that visit (one the caller may link
     * changes of the building's grid to: his own, of today; else 404 like anything he may not see): the room dialog
     * then links what it changes to the visit, so it is listed under the visit like the household's own changes.
     */
    @GetMapping("/buildings/{id}")
    String plan(@PathVariable UUID id, @RequestParam(required = false) UUID visitId, Model model) {
        Caller caller = Callers.require();
        Buildings.Building b = buildings.findVisible(id, caller)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (visitId != null) {
            VisitLog.Visit visit = visits.linkable(visitId, b.gridId(), caller.staffId())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            model.addAttribute("visit", visit);
        }
        model.addAttribute("building", b);
        model.addAttribute("plan", FloorPlan.of(buildings.plan(id)));
        model.addAttribute("legend", FloorPlan.Mark.values());
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        // whose address names one of its rooms yet who could not be placed by it, and why: the officer who places
        // households sees whom to place by hand or whose address to mend
        model.addAttribute("unplaced", caller.may("POPULATION_WRITE") ? byAddress.unplaced(b) : List.of());
        return "population/floor-plan";
    }

    /**
     * 按地址安置住户: the grid's households without a room whose address names one of the building's are placed in it
     * ({@link HouseholdsByAddress}); back to the floor plan with how many were placed and how many name a room the
     * building lacks. 404 outside the caller's subtree.
     */
    @PostMapping("/buildings/{id}/households-by-address")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String placeByAddress(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        HouseholdsByAddress.Placed placed;
        try {
            placed = byAddress.place(id, Callers.require());
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("housing.plan.byAddress.done",
                new Object[] {placed.placed(), placed.roomsNotFound()}, locale));
        return "redirect:/buildings/" + id;
    }

    /**
     * The form that changes a building's name, address and dimensions (saved through {@code PUT /api/v1/buildings/{id}}
     * with the version shown, so a form overtaken by another change is refused); 404 outside the caller's subtree.
     */
    @GetMapping("/buildings/{id}/edit")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String edit(@PathVariable UUID id, Model model) {
        Buildings.Building b = buildings.findVisible(id, Callers.require())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("building", b);
        return "population/building-edit";
    }

    /**
     * The floor plan as the PDF its 打印 button opens: what the page shows the caller, on one A4 page (more only for a
     * building too large for one even in the smallest readable type); 404 outside the caller's subtree, as the page.
     */
    @GetMapping("/buildings/{id}/floor-plan.pdf")
    ResponseEntity<byte[]> planPdf(@PathVariable UUID id, Locale locale) {
        byte[] pdf;
        try {
            pdf = floorPlanPdf.print(id, Callers.require(), locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        // named in the reader's language as the plan is drawn: a Chinese reader saved an English name
                        .filename(messages.getMessage("housing.pdf.file", null, locale) + "-" + id + ".pdf",
                                StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    @GetMapping("/households/{id}")
    String household(@PathVariable UUID id, Model model, Locale locale) {
        Caller caller = Callers.require();
        Housing.HouseholdRead read;
        try {
            read = housing.read(id, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("household", read.household());
        model.addAttribute("members", read.members());
        List<VisitLog.Visit> shown = texts.shown(visits.ofHousehold(id), locale);
        model.addAttribute("visits", shown);
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        // the visit the officer is making: the newest, when he may link changes to it (his own, recorded today); the
        // floor plan and the person forms opened from it link their changes
        model.addAttribute("currentVisitId", shown.stream().findFirst()
                .filter(v -> visits.linkable(v, caller.staffId()))
                .map(VisitLog.Visit::id).orElse(null));
        // drawn when the form is shown: a double tap or a retry of this form records one visit
        model.addAttribute("visitKey", UUID.randomUUID().toString());
        return "population/household";
    }
}
