package org.fengqiao.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.CommunityOfficersPolicy;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The responsible officer of a village or community and his two auxiliary members (一村一警,
 * 一警两员). It lives in the account module because it names people; the community's scope is
 * checked through the jurisdiction facade, so a community outside the caller's subtree answers 404.
 */
@RestController
@Tag(name = "Community officers", description = "一村一警、一警两员")
class CommunityOfficersController {

    private final Jurisdictions jurisdictions;
    private final StaffRegister register;

    CommunityOfficersController(Jurisdictions jurisdictions, StaffRegister register) {
        this.jurisdictions = jurisdictions;
        this.register = register;
    }

    record Person(UUID id, String name, StaffRole role, String unitName) {
    }

    record Officers(UUID communityId, String communityName, Person officer, Person patrolMember, Person securityMember) {
    }

    record Assignment(@NotNull(message = "{error.field.required}") UUID officerId,
            @NotNull(message = "{error.field.required}") UUID patrolMemberId,
            @NotNull(message = "{error.field.required}") UUID securityMemberId) {
    }

    @GetMapping("/api/v1/communities/{id}/officers")
    @PreAuthorize("hasAuthority('JURISDICTION_READ')")
    @Operation(summary = "Who answers for the village or community: its officer and his two auxiliary members")
    Officers officers(@PathVariable UUID id) {
        Caller caller = Callers.require();
        Community community = visible(id, caller);
        Function<UUID, Person> person = staffId -> staffId == null ? null
                : register.byId(staffId).map(r -> new Person(r.id(), r.name(), r.role(), r.unitName())).orElse(null);
        return new Officers(community.id().value(), community.name(), person.apply(community.officerId()),
                person.apply(community.patrolMemberId()), person.apply(community.securityMemberId()));
    }

    @PutMapping("/api/v1/communities/{id}/officers")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Transactional
    @Operation(summary = "Name the officer and the two auxiliary members of a village or community",
            description = "Each must be a person of the caller's subtree: the officer a police officer, the members "
                    + "auxiliary police, grid members, volunteers, guards or the grid coordinator.")
    Officers assign(@PathVariable UUID id, @Valid @RequestBody Assignment body) {
        Caller caller = Callers.require();
        Community community = visible(id, caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        check(problems, "officerId", body.officerId(), caller, CommunityOfficersPolicy::officer);
        check(problems, "patrolMemberId", body.patrolMemberId(), caller, CommunityOfficersPolicy::member);
        check(problems, "securityMemberId", body.securityMemberId(), caller, CommunityOfficersPolicy::member);
        if (body.patrolMemberId().equals(body.securityMemberId())) {
            problems.add(new Invalid.Problem("securityMemberId", "account.community.twoMembers", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        jurisdictions.assignCommunityOfficers(community.id(), body.officerId(), body.patrolMemberId(),
                body.securityMemberId());
        return officers(id);
    }

    private void check(List<Invalid.Problem> problems, String field, UUID staffId, Caller caller,
            Function<StaffRole, Optional<String>> rule) {
        Optional<StaffRegister.Row> row = register.visible(staffId, caller).filter(StaffRegister.Row::active);
        if (row.isEmpty()) {
            problems.add(new Invalid.Problem(field, "account.roster.staffUnknown", new Object[0]));
            return;
        }
        rule.apply(row.get().role()).ifPresent(key -> problems.add(new Invalid.Problem(field, key, new Object[0])));
    }

    private Community visible(UUID id, Caller caller) {
        return jurisdictions.visibleCommunity(new CommunityId(id), caller)
                .orElseThrow(() -> new NotFound("community", id));
    }
}
