package org.fengqiao.jurisdiction.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.jurisdiction.internal.Units;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.http.HttpStatus;
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
 * The pages of the jurisdiction: the grid map, a grid's page and the jurisdiction tree. Those who manage the
 * jurisdiction keep its structure there too (社区有室、小区有站、网格有点, seed 003): a grid placed under a unit at or
 * under its community's unit, or under a work point of its own set up with one button, and a unit added under one of
 * theirs; the same commands, checks and audit as the API's.
 */
@Controller
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@FieldLabels("jurisdiction.unitForm.")
class JurisdictionPages {

    private final Units units;
    private final Communities communities;
    private final Grids grids;
    private final Jurisdictions jurisdictions;
    private final FengqiaoProperties properties;
    private final FormAnswers answers;
    private final org.fengqiao.jurisdiction.internal.GridChanges gridChanges;
    private final GridCollection collection;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final org.springframework.context.MessageSource messages;

    /** What other modules count on a grid's page (the verification tasks waiting in it). */
    private final List<org.fengqiao.platform.web.GridPageFigures> figures;

    JurisdictionPages(Units units, Communities communities, Grids grids, Jurisdictions jurisdictions,
            FengqiaoProperties properties, FormAnswers answers,
            org.fengqiao.jurisdiction.internal.GridChanges gridChanges, GridCollection collection,
            com.fasterxml.jackson.databind.ObjectMapper json, org.springframework.context.MessageSource messages,
            List<org.fengqiao.platform.web.GridPageFigures> figures) {
        this.figures = figures;
        this.gridChanges = gridChanges;
        this.collection = collection;
        this.json = json;
        this.messages = messages;
        this.units = units;
        this.communities = communities;
        this.grids = grids;
        this.jurisdictions = jurisdictions;
        this.properties = properties;
        this.answers = answers;
    }

    /**
     * One unit of the tree page: its communities (and their grids), the grids placed at it from a community of a
     * unit above (a work point's grid, 网格有点), and the units under it.
     */
    record Node(Units.Counted unit, List<CommunityNode> communities, List<Grids.Detail> grids, List<Node> children) {

        /** The units under it that are offices, stations or workstations, shown open in the tree. */
        public List<Node> offices() {
            return children.stream().filter(c -> c.unit().unit().kind() != org.fengqiao.jurisdiction.UnitKind.WORK_POINT)
                    .toList();
        }

        /**
         * Its work points (网格有点: one a grid, 65 under the demo's central office), folded under one line the tree
         * opens on demand: listed open, they made the page a phone's forty screens long before its forms.
         */
        public List<Node> workPoints() {
            return children.stream().filter(c -> c.unit().unit().kind() == org.fengqiao.jurisdiction.UnitKind.WORK_POINT)
                    .toList();
        }
    }

    record CommunityNode(Community community, List<Grids.Detail> grids) {
    }

    @GetMapping("/map")
    String map(Model model) {
        model.addAttribute("map", properties.map());
        model.addAttribute("mayManage", Callers.require().may("JURISDICTION_MANAGE"));
        return "jurisdiction/map";
    }

    /**
     * The grids the reader sees as a GeoJSON file, for the import page's export link: the API's export (the same
     * collection, which re-imports as unchanged) on the page's terms, with the session, saved under a name in the
     * reader's language instead of shown as text under the API's address.
     */
    @GetMapping("/grids/export.geojson")
    void export(@RequestParam(required = false) GridNetwork network, Locale locale,
            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        byte[] body = json.writeValueAsBytes(collection.of(Callers.require(), network));
        response.setContentType(GridController.GEO_JSON.toString());
        response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                org.springframework.http.ContentDisposition.attachment()
                        .filename(messages.getMessage("jurisdiction.gridExport.file", null, locale) + ".geojson",
                                java.nio.charset.StandardCharsets.UTF_8).build().toString());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @GetMapping("/grids/{id}")
    String grid(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Grids.Detail grid = grids.detailVisible(new GridId(id), caller)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("grid", grid);
        model.addAttribute("map", properties.map());
        boolean mayManage = caller.may("JURISDICTION_MANAGE");
        model.addAttribute("mayManage", mayManage);
        if (mayManage) {
            model.addAttribute("placements", jurisdictions.placements(new GridId(id), caller));
            // the village's (community's) unit and the grid's own work point are named so in the select
            model.addAttribute("communityUnitId", jurisdictions.community(new CommunityId(grid.communityId()))
                    .orElseThrow().unitId().value());
            model.addAttribute("mayHaveWorkPoint", grid.network() == GridNetwork.POLICE);
            model.addAttribute("workPointName", Jurisdictions.workPointName(grid.name()));
            model.addAttribute("workPointCode", Jurisdictions.workPointCode(grid.code()));
            // the grids it may be merged into: the other grids in use of its community and network
            model.addAttribute("handoverTargets", grids.visible(caller, grid.network(), grid.communityId(),
                    Integer.MAX_VALUE, 0).stream().filter(g -> !g.id().equals(grid.id())).toList());
        }
        model.addAttribute("mayRoster", caller.may("ROSTER_MANAGE"));
        model.addAttribute("mayCheckAddresses", mayCheckAddresses(caller, grid.network()));
        // the roles belong to the account module, which depends on this one, so the page names them itself
        model.addAttribute("gridRoles", List.of("GRID_CHIEF", "COORDINATOR", "MANAGER", "MEMBER", "INFORMANT"));
        figures.forEach(f -> f.addTo(id, caller, model));
        return "jurisdiction/grid";
    }

    /** The grid placed under a unit at or under its community's unit (its work point), as the API's PUT does it. */
    @PostMapping("/grids/{id}/unit")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String place(@PathVariable UUID id, @RequestParam(required = false) UUID unitId, Locale locale,
            RedirectAttributes redirect) {
        return answers.redirect("/grids/" + id, "jurisdiction.placement.placed", locale, redirect,
                () -> jurisdictions.placeGrid(new GridId(id), unitId == null ? null : new UnitId(unitId),
                        Callers.require()));
    }

    /**
     * The grid retired from its page, as the API's POST …/retirement does it, with the same refusals; but where the
     * refusal offers the handover, the page says the form is below on the page the reader is on and links to it
     * (the API's line sends him to "the grid's page", which he is on), and leaves it out when the grid's community
     * has no other grid it could be handed over to.
     */
    @PostMapping("/grids/{id}/retire")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String retire(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        return answers.redirect("/grids/" + id, "jurisdiction.retire.done", locale, redirect, () -> {
            try {
                gridChanges.retire(new GridId(id), caller);
            } catch (org.fengqiao.platform.Invalid e) {
                throw onThisPage(e, new GridId(id), caller, redirect);
            }
        });
    }

    /** The refusal of a retirement as the grid's own page says it ({@link #retire}). */
    private org.fengqiao.platform.Invalid onThisPage(org.fengqiao.platform.Invalid refused, GridId id, Caller caller,
            RedirectAttributes redirect) {
        String handOver = "jurisdiction.retire.handOverInstead";
        if (refused.problems().stream().noneMatch(p -> handOver.equals(p.key()))) {
            return refused;
        }
        boolean targets = grids.detailVisible(id, caller).map(g -> grids.visible(caller, g.network(), g.communityId(),
                Integer.MAX_VALUE, 0).stream().anyMatch(other -> !other.id().equals(g.id()))).orElse(false);
        if (targets) {
            redirect.addFlashAttribute("handOverBelow", true);
        }
        List<org.fengqiao.platform.Invalid.Problem> problems = new ArrayList<>();
        for (org.fengqiao.platform.Invalid.Problem p : refused.problems()) {
            if (!handOver.equals(p.key())) {
                problems.add(p);
            } else if (targets) {
                problems.add(new org.fengqiao.platform.Invalid.Problem(p.field(), "jurisdiction.retire.handOverBelow",
                        p.args()));
            }
        }
        return new org.fengqiao.platform.Invalid(refused.titleKey(), problems);
    }

    /** A retired grid brought back into use from its page, as the API's POST …/restoration does it. */
    @PostMapping("/grids/{id}/restore")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String restore(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/grids/" + id, "jurisdiction.restore.done", locale, redirect,
                () -> gridChanges.restore(new GridId(id), Callers.require()));
    }

    /** The grid merged into another of its community, from its page, as the API's POST …/handover does it. */
    @PostMapping("/grids/{id}/handover")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String handOver(@PathVariable UUID id, @RequestParam(required = false) UUID targetGridId, Locale locale,
            RedirectAttributes redirect) {
        return answers.redirect("/grids/" + id, "jurisdiction.handover.done", locale, redirect,
                () -> gridChanges.handOver(new GridId(id), targetGridId, Callers.require()));
    }

    /** The grid's own work point (网格有点) under its community's unit, made when missing, and the grid placed there. */
    @PostMapping("/grids/{id}/work-point")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String setUpWorkPoint(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/grids/" + id, "jurisdiction.placement.workPointSetUp", locale, redirect,
                () -> jurisdictions.setUpWorkPoint(new GridId(id), Callers.require()));
    }

    /** A unit added under one the caller sees, with the API's checks and messages. */
    @PostMapping("/units")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String addUnit(@RequestParam(required = false) UUID parentId, @RequestParam(required = false) UnitKind kind,
            @RequestParam(required = false) String code, @RequestParam(required = false) String name, Locale locale,
            RedirectAttributes redirect) {
        return answers.redirect("/units", "jurisdiction.unitForm.created", locale, redirect,
                () -> jurisdictions.createUnit(parentId == null ? null : new UnitId(parentId), kind, code, name, null,
                        Callers.require()));
    }

    /** A unit moved, with everything under it, under another one the caller sees, as the API's PUT does it. */
    @PostMapping("/units/move")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String moveUnit(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) UUID parentId,
            Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/units", "jurisdiction.unitMove.moved", locale, redirect, () -> {
            if (unitId == null) {
                throw org.fengqiao.platform.Invalid.of("unitId", "error.field.required");
            }
            jurisdictions.moveUnit(new UnitId(unitId), parentId == null ? null : new UnitId(parentId),
                    Callers.require());
        });
    }

    /** An empty unit retired, as the API's DELETE does it; refused with what is left there. */
    @PostMapping("/units/retire")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String retireUnit(@RequestParam(required = false) UUID unitId, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/units", "jurisdiction.unitRetire.retired", locale, redirect, () -> {
            if (unitId == null) {
                throw org.fengqiao.platform.Invalid.of("unitId", "error.field.required");
            }
            jurisdictions.retireUnit(new UnitId(unitId), Callers.require());
        });
    }

    /** A unit renamed, as the API's PUT …/name does it, with its checks and messages. */
    @PostMapping("/units/rename")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String renameUnit(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String name,
            Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/units", "jurisdiction.unitRename.renamed", locale, redirect, () -> {
            if (unitId == null) {
                throw org.fengqiao.platform.Invalid.of("unitId", "error.field.required");
            }
            jurisdictions.renameUnit(new UnitId(unitId), name, Callers.require());
        });
    }

    /** A community handed to another unit, as the API's PUT /api/v1/communities/{id}/unit does it. */
    @PostMapping("/communities/move")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String moveCommunity(@RequestParam(required = false) UUID communityId, @RequestParam(required = false) UUID unitId,
            Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/units", "jurisdiction.communityMove.moved", locale, redirect, () -> {
            if (communityId == null) {
                throw org.fengqiao.platform.Invalid.of("communityId", "error.field.required");
            }
            jurisdictions.moveCommunity(new CommunityId(communityId), unitId == null ? null : new UnitId(unitId),
                    Callers.require());
        });
    }

    /**
     * The tree, and below it the forms that change it, collapsed. A node's links (新增下级, 更名, 迁移或撤销, 移交) come
     * back here with the unit or community chosen ({@code unit} with {@code act}, {@code parent}, {@code community}):
     * the form that acts on it is open with it selected, so nobody looks for a unit in a long list after finding it
     * in the tree.
     */
    @GetMapping("/units")
    String units(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String act,
            @RequestParam(required = false) UUID parent, @RequestParam(required = false) UUID community,
            Model model) {
        Caller caller = Callers.require();
        model.addAttribute("chosenUnit", unit == null ? null : unit.toString());
        model.addAttribute("chosenAct", unit == null ? null : "rename".equals(act) ? "rename" : "move");
        model.addAttribute("chosenParent", parent == null ? null : parent.toString());
        model.addAttribute("chosenCommunity", community == null ? null : community.toString());
        if (caller.may("JURISDICTION_MANAGE")) {
            // the units another may sit under (a work point has none), and the kinds that may sit under one of them
            List<org.fengqiao.jurisdiction.Unit> parents = jurisdictions.visibleUnits(caller).stream()
                    .filter(u -> !u.kind().childKinds().isEmpty()).toList();
            model.addAttribute("parents", parents);
            // the units he may move or retire: all he sees but the top of his own jurisdiction
            List<org.fengqiao.jurisdiction.Unit> visible = jurisdictions.visibleUnits(caller);
            java.util.Set<UnitId> seen = new java.util.HashSet<>();
            visible.forEach(u -> seen.add(u.id()));
            List<org.fengqiao.jurisdiction.Unit> movable = visible.stream()
                    .filter(u -> u.parentId() != null && seen.contains(u.parentId())).toList();
            model.addAttribute("movable", movable);
            // which nodes of the tree offer which of the forms below it
            model.addAttribute("movableIds", movable.stream().map(u -> u.id().value())
                    .collect(java.util.stream.Collectors.toSet()));
            model.addAttribute("parentIds", parents.stream().map(u -> u.id().value())
                    .collect(java.util.stream.Collectors.toSet()));
            // the communities he may hand over, and the units that may take one (central offices and workstations)
            model.addAttribute("movableCommunities", communities.visible(caller));
            model.addAttribute("communityUnits", visible.stream().filter(u -> u.kind().holdsCommunities()).toList());
            model.addAttribute("unitKinds", java.util.Arrays.stream(UnitKind.values())
                    .filter(k -> parents.stream().anyMatch(u -> u.kind().childKinds().contains(k))).toList());
        }
        List<Grids.Detail> visibleGrids = grids.visible(caller, null, null, Integer.MAX_VALUE, 0);
        model.addAttribute("retiredGrids", grids.retiredVisible(caller));
        Map<UUID, List<Grids.Detail>> gridsByCommunity = new HashMap<>();
        for (Grids.Detail g : visibleGrids) {
            gridsByCommunity.computeIfAbsent(g.communityId(), k -> new ArrayList<>()).add(g);
        }
        Map<UUID, List<CommunityNode>> communitiesByUnit = new HashMap<>();
        Map<UUID, UUID> unitOfCommunity = new HashMap<>();
        for (Community c : communities.visible(caller)) {
            unitOfCommunity.put(c.id().value(), c.unitId().value());
            communitiesByUnit.computeIfAbsent(c.unitId().value(), k -> new ArrayList<>())
                    .add(new CommunityNode(c, gridsByCommunity.getOrDefault(c.id().value(), List.of())));
        }
        // a grid placed at a unit other than its community's (its work point) is listed at that unit too: whoever
        // sees the work point and not the community above it still finds his grid
        Map<UUID, List<Grids.Detail>> placedByUnit = new HashMap<>();
        for (Grids.Detail g : visibleGrids) {
            if (!g.unitId().equals(unitOfCommunity.get(g.communityId()))) {
                placedByUnit.computeIfAbsent(g.unitId(), k -> new ArrayList<>()).add(g);
            }
        }
        // units come in path order, so a parent is always met before its children
        Map<UUID, Node> nodes = new HashMap<>();
        List<Node> roots = new ArrayList<>();
        for (Units.Counted u : units.visibleCounted(caller)) {
            UUID id = u.unit().id().value();
            Node node = new Node(u, communitiesByUnit.getOrDefault(id, List.of()), placedByUnit.getOrDefault(id, List.of()),
                    new ArrayList<>());
            nodes.put(u.unit().id().value(), node);
            Node above = u.unit().parentId() == null ? null : nodes.get(u.unit().parentId().value());
            if (above == null) {
                roots.add(node);
            } else {
                above.children().add(node);
            }
        }
        // siblings by code (a central office's work points JWD-FS-1-01, -02, …), not by the ids in their paths
        nodes.values().forEach(n -> n.children().sort(java.util.Comparator.comparing(c -> c.unit().unit().code())));
        roots.sort(java.util.Comparator.comparing(c -> c.unit().unit().code()));
        model.addAttribute("roots", roots);
        return "jurisdiction/units";
    }

    /**
     * Whether the grid's page and its boundary page link to the check of its addresses lying in another grid (the
     * population module's page, reached by its address only): a police grid, for whoever manages the jurisdiction
     * and reads the population records.
     */
    static boolean mayCheckAddresses(Caller caller, GridNetwork network) {
        return network == GridNetwork.POLICE && caller.may("JURISDICTION_MANAGE") && caller.may("POPULATION_READ");
    }
}
