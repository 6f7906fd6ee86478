package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.JsonFields;
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
    private final JsonFields json;

    CareAgreementController(CareAgreements agreements, JsonFields json) {
        this.agreements = agreements;
        this.json = json;
    }

    record HelperForm(UUID staffId, String name, HelperRole role, String relation, String phone) {
    }

    record AgreementForm(LocalDate signedOn, LocalDate reviewOn, String guardianName, String guardianRelation,
            String guardianPhone, String fatherWhereabouts, String motherWhereabouts, String note,
            List<HelperForm> helpers) {
    }

    /** The agreement as sent, its helpers still as sent, so that each helper is read field by field too. */
    private record AgreementBody(LocalDate signedOn, LocalDate reviewOn, String guardianName, String guardianRelation,
            String guardianPhone, String fatherWhereabouts, String motherWhereabouts, String note, JsonNode helpers) {
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
    CareAgreements.Agreement sign(@PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = AgreementForm.class))) @RequestBody JsonNode body) {
        // read field by field, each helper too: a day that is no date and a helper's unknown role are refused
        // together with the agreement's other faults, nothing saved
        List<Invalid.Problem> found = new ArrayList<>();
        AgreementBody f = json.read(body, AgreementBody.class, found);
        List<CareAgreements.NewHelper> helpers = helpers(f.helpers(), found);
        try {
            return agreements.sign(id, new CareAgreements.NewAgreement(f.signedOn(), f.reviewOn(), f.guardianName(),
                    f.guardianRelation(), f.guardianPhone(), f.fatherWhereabouts(), f.motherWhereabouts(), f.note(),
                    helpers), found, Callers.require());
        } catch (Invalid e) {
            throw withoutEchoes(e, found);
        }
    }

    /** Each helper read field by field, its problems named by its place in the list (helpers[1].role). */
    private List<CareAgreements.NewHelper> helpers(JsonNode helpers, List<Invalid.Problem> found) {
        if (helpers == null || helpers.isNull()) {
            return null;
        }
        if (!helpers.isArray()) {
            found.add(new Invalid.Problem("helpers", "error.field.format", new Object[0]));
            return null;
        }
        List<CareAgreements.NewHelper> read = new ArrayList<>();
        for (int i = 0; i < helpers.size(); i++) {
            JsonNode node = helpers.get(i);
            String field = "helpers[" + i + "]";
            if (!node.isObject()) {
                found.add(new Invalid.Problem(field, "error.field.format", new Object[0]));
                read.add(new CareAgreements.NewHelper(null, null, null, null, null));
                continue;
            }
            List<Invalid.Problem> own = new ArrayList<>();
            HelperForm h = json.read(node, HelperForm.class, own);
            own.forEach(p -> found.add(new Invalid.Problem(field + "." + p.field(), p.key(), p.args())));
            read.add(new CareAgreements.NewHelper(h.staffId(), h.name(), h.role(), h.relation(), h.phone()));
        }
        return read;
    }

    /**
     * The refusal without the echoes of the values that could not be read: a helper's role of the wrong kind is told
     * once, not once more as missing, and a helper that is no object is not told as missing its name and role.
     */
    static Invalid withoutEchoes(Invalid refused, List<Invalid.Problem> found) {
        List<Invalid.Problem> kept = new ArrayList<>();
        for (Invalid.Problem p : refused.problems()) {
            boolean echo = !found.contains(p) && found.stream().anyMatch(u -> p.field().equals(u.field())
                    || p.field().startsWith(u.field() + "."));
            if (!echo) {
                kept.add(p);
            }
        }
        return kept.size() == refused.problems().size() ? refused : new Invalid(refused.titleKey(), kept);
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
    CareAgreements.Review review(@PathVariable UUID id, @PathVariable UUID agreementId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ReviewForm.class))) @RequestBody JsonNode body) {
        // read field by field: two days that are no dates and a "changed" that is no yes or no are refused at once
        List<Invalid.Problem> found = new ArrayList<>();
        ReviewForm f = json.read(body, ReviewForm.class, found);
        try {
            return agreements.review(id, agreementId, new CareAgreements.NewReview(f.reviewedOn(), f.findings(),
                    f.changed(), f.nextReviewOn()), found, Callers.require());
        } catch (Invalid e) {
            throw withoutEchoes(e, found);
        }
    }

    @GetMapping("/api/v1/persons/{id}/care-agreements/{agreementId}/reviews")
    @Operation(summary = "The reviews of one agreement, latest first; the read is audited as a read of the child")
    List<CareAgreements.Review> reviews(@PathVariable UUID id, @PathVariable UUID agreementId) {
        return agreements.read(id, Callers.require()).stream().filter(a -> a.id().equals(agreementId)).findFirst()
                .orElseThrow(() -> new org.fengqiao.platform.NotFound("care-agreement", agreementId)).reviews();
    }
}
