package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.population.HelperRole;
import org.fengqiao.population.internal.CareAgreements;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Care agreements", description = "留守儿童 三帮一 / 四帮一 帮扶协议")
class CareAgreementController {

    private final CareAgreements agreements;

    CareAgreementController(CareAgreements agreements) {
        this.agreements = agreements;
    }

    record HelperForm(UUID staffId, String name, HelperRole role, String relation, String phone) {
    }

    record AgreementForm(LocalDate signedOn, LocalDate reviewOn, String guardianName, String guardianRelation,
            String guardianPhone, String fatherWhereabouts, String motherWhereabouts, String note,
            List<HelperForm> helpers) {
    }

    /** current: the agreement in force (null when none); history: all of them, current first. */
    record Agreements(CareAgreements.Agreement current, List<CareAgreements.Agreement> history) {
    }

    @GetMapping("/api/v1/persons/{id}/care-agreements")
    @Operation(summary = "A child's care agreements, the one in force first; phones masked; the read is audited")
    Agreements list(@PathVariable UUID id) {
        List<CareAgreements.Agreement> all = agreements.read(id, Callers.require());
        return new Agreements(all.stream().filter(CareAgreements.Agreement::current).findFirst().orElse(null), all);
    }

    @PostMapping("/api/v1/persons/{id}/care-agreements")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Sign a care agreement for a left-behind child: the guardian and 2 to 4 more helpers",
            description = "The agreement in force ends on the new one's signing day. The review day must come after signing.")
    CareAgreements.Agreement sign(@PathVariable UUID id, @RequestBody AgreementForm f) {
        List<CareAgreements.NewHelper> helpers = f.helpers() == null ? null : f.helpers().stream()
                .map(h -> new CareAgreements.NewHelper(h.staffId(), h.name(), h.role(), h.relation(), h.phone())).toList();
        return agreements.sign(id, new CareAgreements.NewAgreement(f.signedOn(), f.reviewOn(), f.guardianName(),
                f.guardianRelation(), f.guardianPhone(), f.fatherWhereabouts(), f.motherWhereabouts(), f.note(), helpers),
                Callers.require());
    }

    record ReviewForm(LocalDate reviewedOn, String findings, Boolean changed, LocalDate nextReviewOn) {
    }

    @PostMapping("/api/v1/persons/{id}/care-agreements/{agreementId}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record a review (复查) of the agreement in force without signing a new one",
            description = "reviewedOn (not in the future, not before signing), findings, changed (whether anything "
                    + "changed), nextReviewOn (after reviewedOn). The agreement's reviewOn moves to nextReviewOn; the "
                    + "review stays in the agreement's history. Audited with before and after. 404 outside the "
                    + "caller's jurisdiction.")
    CareAgreements.Review review(@PathVariable UUID id, @PathVariable UUID agreementId, @RequestBody ReviewForm f) {
        return agreements.review(id, agreementId, new CareAgreements.NewReview(f.reviewedOn(), f.findings(), f.changed(),
                f.nextReviewOn()), Callers.require());
    }

    @GetMapping("/api/v1/persons/{id}/care-agreements/{agreementId}/reviews")
    @Operation(summary = "The reviews of one agreement, latest first; the read is audited as a read of the child")
    List<CareAgreements.Review> reviews(@PathVariable UUID id, @PathVariable UUID agreementId) {
        return agreements.read(id, Callers.require()).stream().filter(a -> a.id().equals(agreementId)).findFirst()
                .orElseThrow(() -> new org.fengqiao.platform.NotFound("care-agreement", agreementId)).reviews();
    }
}
