package org.fengqiao.review.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Permission;
import org.fengqiao.review.internal.Cards;
import org.fengqiao.review.internal.ReviewDesk;
import org.fengqiao.review.internal.ReviewPeriod;
import org.fengqiao.review.internal.ReviewResults;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reviews")
@Tag(name = "Public review results", description = "群众评议: results per officer and unit, comments, cards")
class ReviewController {

    record CardView(String code, String officerName, String communityName, String unitName, String link,
            String qrUrl, String pdfUrl) {
    }

    record CommunityView(UUID communityId, String communityName, String communityCode, String unitName,
            UUID officerId, String officerName, CardView card) {
    }

    record MakeCard(UUID communityId) {
    }

    record Hide(String reason) {
    }

    private final ReviewDesk desk;
    private final ReviewResults results;
    private final ReviewLedger ledger;
    private final ReviewLinks links;
    private final org.fengqiao.review.internal.CardPrints prints;

    ReviewController(ReviewDesk desk, ReviewResults results, ReviewLedger ledger, ReviewLinks links,
            org.fengqiao.review.internal.CardPrints prints) {
        this.desk = desk;
        this.results = results;
        this.ledger = ledger;
        this.links = links;
        this.prints = prints;
    }

    static boolean ownOnly(Caller caller) {
        return !caller.may(Permission.REVIEW_READ.name());
    }

    @GetMapping("/results")
    @PreAuthorize("hasAnyAuthority('REVIEW_READ','REVIEW_OWN')")
    @Operation(summary = "Results of a month, quarter or year per unit and officer, beside the period before",
            description = "period: 2026-11, 2026-Q4 or 2026 (default: this month; 400 for one that is no period or "
                    + "lies ahead). unitId narrows to a unit's subtree, officerId to one officer (404 outside the "
                    + "caller's scope; a community officer reads only his own). Rates are shares of 0 to 1 (null "
                    + "without answers): know (知晓率), seen (见警率), help (管事率: taken up, of those with a matter), "
                    + "handled (办结率), satisfaction (4 and 5 of all). comments: newest first, at most 200; a hidden "
                    + "one has no text, only the chief's reason. through: the day (China Standard Time) a period "
                    + "not over yet is counted to, null for a whole one (its numbers of reviews are of the days so "
                    + "far).")
    ReviewResults.Report results(@RequestParam(required = false) String period,
            @RequestParam(required = false) UUID unitId, @RequestParam(required = false) UUID officerId) {
        return results.of(Callers.require(), ReviewPeriod.parse(period, desk.currentMonth()), unitId, officerId);
    }

    @GetMapping("/results.xlsx")
    @PreAuthorize("hasAnyAuthority('REVIEW_READ','REVIEW_OWN')")
    @Operation(summary = "The same results as an xlsx sheet (the whole, each unit, each officer); audited")
    void export(@RequestParam(required = false) String period, @RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) UUID officerId, Locale locale, HttpServletResponse response)
            throws IOException {
        ledger.write(results.figures(Callers.require(), ReviewPeriod.parse(period, desk.currentMonth()), unitId,
                officerId), locale, response);
    }

    @PostMapping("/{id}/hide")
    @PreAuthorize("hasAuthority('REVIEW_HIDE')")
    @Operation(summary = "Hide a review's comment (personal data, abuse) with a reason; audited, never deleted",
            description = "400 without a reason, 404 outside the caller's scope, 409 when hidden already or empty.")
    ResponseEntity<Void> hide(@PathVariable UUID id, @RequestBody(required = false) Hide body) {
        desk.hide(id, body == null ? null : body.reason(), Callers.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/cards")
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    @Operation(summary = "The communities of the caller's scope with their officers and cards (an officer: his own)")
    List<CommunityView> cards() {
        return desk.communities(Callers.require()).stream().map(c -> new CommunityView(c.communityId(),
                c.communityName(), c.communityCode(), c.unitName(), c.officerId(), c.officerName(),
                c.code() == null ? null : view(c.code(), c.officerName(), c.communityName(), c.unitName()))).toList();
    }

    @PostMapping("/cards")
    @ResponseStatus(HttpStatus.OK)
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    @Operation(summary = "The card of a community's officer, made when he has none (audited)",
            description = "404 for a community outside the caller's scope (an officer: not his); 400 without officer.")
    CardView makeCard(@RequestBody(required = false) MakeCard body) {
        Cards.Card c = desk.makeCard(body == null ? null : body.communityId(), Callers.require());
        return view(c.code(), c.officerName(), c.communityName(), c.unitName());
    }

    @GetMapping(value = "/cards/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    @Operation(summary = "The card's QR code as a PNG (its public link)")
    ResponseEntity<byte[]> qr(@PathVariable String code, Locale locale) {
        Cards.Card card = desk.card(code, Callers.require());
        // named as the page's download is, in the reader's language
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, prints.pngDisposition(card, locale))
                .body(prints.png(links.publicUrl(card.code())));
    }

    @GetMapping(value = "/cards/{code}/card.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    @Operation(summary = "The card to print as an A4 PDF: name, police number, unit, community, QR code, link")
    ResponseEntity<byte[]> pdf(@PathVariable String code, Locale locale) {
        Caller caller = Callers.require();
        Cards.Card card = desk.card(code, caller);
        // saved under the page's download's name, in the reader's language (the address alone named it card.pdf)
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, prints.pdfDisposition(card, locale))
                .body(prints.pdf(card, desk.policeNumber(card), links.publicUrl(card.code()), caller.displayName(),
                        locale));
    }

    private CardView view(String code, String officer, String community, String unit) {
        return new CardView(code, officer, community, unit, links.publicUrl(code),
                "/api/v1/reviews/cards/" + code + "/qr.png", "/api/v1/reviews/cards/" + code + "/card.pdf");
    }
}
