package org.fengqiao.jurisdiction.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.GroupingId;
import org.fengqiao.jurisdiction.GroupingKind;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.GroupingChanges;
import org.fengqiao.jurisdiction.internal.Groupings;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of police districts, cooperation zones and joint-patrol zones, reached from the tree page: each with its
 * unit and villages, and for whoever keeps the tree above its unit the forms that rename it, choose its villages and
 * retire it, and one that makes a new one; the same checks, messages and audit as the API's.
 */
@Controller
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@FieldLabels("jurisdiction.groupingForm.")
class GroupingPages {

    private final Groupings groupings;
    private final GroupingChanges changes;
    private final Communities communities;
    private final Jurisdictions jurisdictions;
    private final FormAnswers answers;

    GroupingPages(Groupings groupings, GroupingChanges changes, Communities communities, Jurisdictions jurisdictions,
            FormAnswers answers) {
        this.groupings = groupings;
        this.changes = changes;
        this.communities = communities;
        this.jurisdictions = jurisdictions;
        this.answers = answers;
    }

    /**
     * One grouping as the page lists it: its villages the reader sees, whether he may change it, and the villages he
     * may choose from (those under its unit he sees).
     */
    record Item(Groupings.Row grouping, List<Groupings.Member> members, boolean mayChange, List<Community> choices) {
        public boolean has(Community c) {
            return members.stream().anyMatch(m -> m.id().equals(c.id().value()));
        }
    }

    @GetMapping("/groupings")
    String page(Model model) {
        Caller caller = Callers.require();
        boolean mayManage = caller.may("JURISDICTION_MANAGE");
        List<Item> items = groupings.visible(caller, null).stream().map(g -> {
            GroupingId id = new GroupingId(g.id());
            boolean mayChange = mayManage && changes.keeps(g.unitId(), caller);
            return new Item(g, groupings.members(id, caller), mayChange,
                    mayChange ? communities.under(new UnitId(g.unitId()), caller) : List.of());
        }).toList();
        model.addAttribute("items", items);
        model.addAttribute("kinds", GroupingKind.values());
        if (mayManage) {
            List<Unit> kept = changes.unitsKept(jurisdictions.visibleUnits(caller), caller);
            model.addAttribute("unitsKept", kept);
            model.addAttribute("communities", communities.visible(caller));
        }
        return "jurisdiction/groupings";
    }

    @PostMapping("/groupings")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String create(@RequestParam(required = false) GroupingKind kind, @RequestParam(required = false) String code,
            @RequestParam(required = false) String name, @RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) List<UUID> communityIds, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/groupings", "jurisdiction.groupingForm.created", locale, redirect,
                () -> changes.create(kind, code, name, unitId == null ? null : new UnitId(unitId), communityIds,
                        Callers.require()));
    }

    @PostMapping("/groupings/{id}/name")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String rename(@PathVariable UUID id, @RequestParam(required = false) String name, Locale locale,
            RedirectAttributes redirect) {
        return answers.redirect("/groupings#grouping-" + id, "jurisdiction.groupingForm.renamed", locale, redirect,
                () -> changes.rename(new GroupingId(id), name, Callers.require()));
    }

    @PostMapping("/groupings/{id}/communities")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String changeCommunities(@PathVariable UUID id, @RequestParam(required = false) List<UUID> communityIds,
            Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/groupings#grouping-" + id, "jurisdiction.groupingForm.communitiesChanged", locale,
                redirect, () -> changes.changeCommunities(new GroupingId(id),
                        communityIds == null ? List.of() : communityIds, Callers.require()));
    }

    @PostMapping("/groupings/{id}/retire")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    String retire(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/groupings", "jurisdiction.groupingForm.retired", locale, redirect,
                () -> changes.retire(new GroupingId(id), Callers.require()));
    }

}
