package org.fengqiao.review.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.review.internal.CardPrints;
import org.fengqiao.review.internal.Cards;
import org.fengqiao.review.internal.ReviewDesk;
import org.fengqiao.review.internal.ReviewPeriod;
import org.fengqiao.review.internal.ReviewResults;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff's pages of the reviews: the results of a month, quarter or year per unit and officer beside the period
 * before, with the comments (a station chief hides one with a reason), the xlsx export, and the officers' cards with
 * their QR codes to print. A unit, officer, review or card outside what the caller reads answers 404.
 */
@Controller
@FieldLabels({"review.field."})
class ReviewPages {

    private final ReviewDesk desk;
    private final ReviewResults results;
    private final ReviewLedger ledger;
    private final CardPrints prints;
    private final ReviewLinks links;
    private final Jurisdictions jurisdictions;
    private final FormAnswers answers;

    ReviewPages(ReviewDesk desk, ReviewResults results, ReviewLedger ledger, CardPrints prints, ReviewLinks links,
            Jurisdictions jurisdictions, FormAnswers answers) {
        this.desk = desk;
        this.results = results;
        this.ledger = ledger;
        this.prints = prints;
        this.links = links;
        this.jurisdictions = jurisdictions;
        this.answers = answers;
    }

    /** A unit, officer or card outside what the caller reads is a plain 404 page. */
    @ExceptionHandler(NotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @GetMapping("/reviews")
    @PreAuthorize("hasAnyAuthority('REVIEW_READ','REVIEW_OWN')")
    String results(@RequestParam(required = false) String period, @RequestParam(required = false) UUID unit,
            @RequestParam(required = false) UUID officer, Model model, Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        model.addAttribute("periodText", period);
        model.addAttribute("unitId", unit);
        model.addAttribute("officerId", officer);
        model.addAttribute("units", ReviewController.ownOnly(caller) ? java.util.List.of()
                : jurisdictions.visibleOffices(caller));
        model.addAttribute("current", desk.currentMonth().toString());
        ReviewPeriod p;
        try {
            p = ReviewPeriod.parse(period, desk.currentMonth());
        } catch (Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            return "review/results";
        }
        model.addAttribute("report", results.of(caller, p, unit, officer));
        model.addAttribute("commentsListed", ReviewResults.COMMENTS_LISTED);
        return "review/results";
    }

    // an export asked for a period that is no period answers as every page does (ProblemDetails): the error page
    // with the reason, which a bare 400 here had left out
    @GetMapping("/reviews/export.xlsx")
    @PreAuthorize("hasAnyAuthority('REVIEW_READ','REVIEW_OWN')")
    void export(@RequestParam(required = false) String period, @RequestParam(required = false) UUID unit,
            @RequestParam(required = false) UUID officer, Locale locale, HttpServletResponse response)
            throws IOException {
        ledger.write(results.figures(Callers.require(), ReviewPeriod.parse(period, desk.currentMonth()), unit, officer),
                locale, response);
    }

    @PostMapping("/reviews/{id}/hide")
    @PreAuthorize("hasAuthority('REVIEW_HIDE')")
    String hide(@PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
        String to = back != null && back.startsWith("/reviews") && !back.startsWith("//") ? back : "/reviews";
        return answers.redirect(to, "review.hide.done", locale, redirect,
                () -> desk.hide(id, reason, Callers.require()));
    }

    @GetMapping("/reviews/cards")
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    String cards(Model model) {
        model.addAttribute("communities", desk.communities(Callers.require()));
        return "review/cards";
    }

    @PostMapping("/reviews/cards")
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    String makeCard(@RequestParam(required = false) UUID communityId, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/reviews/cards", "review.card.made", locale, redirect,
                () -> desk.makeCard(communityId, Callers.require()));
    }

    @GetMapping("/reviews/cards/{code}/qr.png")
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    ResponseEntity<byte[]> qr(@PathVariable String code, Locale locale) {
        Cards.Card card = desk.card(code, Callers.require());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CONTENT_DISPOSITION, prints.pngDisposition(card, locale))
                .body(prints.png(links.publicUrl(card.code())));
    }

    @GetMapping("/reviews/cards/{code}/card.pdf")
    @PreAuthorize("hasAuthority('REVIEW_CARD')")
    ResponseEntity<byte[]> pdf(@PathVariable String code, Locale locale) {
        Caller caller = Callers.require();
        Cards.Card card = desk.card(code, caller);
        byte[] pdf = prints.pdf(card, desk.policeNumber(card), links.publicUrl(card.code()), caller.displayName(),
                locale);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, prints.pdfDisposition(card, locale))
                .body(pdf);
    }
}
