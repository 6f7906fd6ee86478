package org.fengqiao.review.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.review.internal.Cards;
import org.fengqiao.review.internal.ReviewDesk;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public/v1/review")
@Tag(name = "Public review", description = "群众评议: a resident reviews his village or community officer (no account)")
class ReviewPublicApi {

    /** What is public of a card: the officer's name, police number, unit and community; never his phone. */
    record PublicCard(String code, String officerName, String policeNumber, String unitName, String communityName,
            String month, List<String> matters) {
    }

    record ReviewForm(Boolean knows, Boolean seen, String matter, Integer score, String comment, String website) {
    }

    record Taken(UUID id, String month) {
    }

    private final ReviewDesk desk;
    private final MessageSource messages;

    ReviewPublicApi(ReviewDesk desk, MessageSource messages) {
        this.desk = desk;
        this.messages = messages;
    }

    @GetMapping("/{code}")
    @Operation(summary = "The card of an officer: what the review page shows of him",
            description = "404 for an unknown card, or one of an officer who no longer answers for the community.")
    PublicCard card(@PathVariable String code) {
        Cards.Card c = desk.publicCard(code);
        return new PublicCard(c.code(), c.officerName(), desk.policeNumber(c), c.unitName(), c.communityName(),
                desk.currentMonth().toString(), Arrays.stream(ReviewDesk.Matter.values()).map(Enum::name).toList());
    }

    @PostMapping("/{code}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Review the card's officer for this month",
            description = "knows, seen (booleans), matter (NONE, HANDLED, UNFINISHED, IGNORED), score 1-5 and an "
                    + "optional comment of at most 500 characters; website must stay empty. One review per device "
                    + "(the cookie fengqiao_review_device, given when missing; no CSRF token), officer and month: "
                    + "409 for a second; "
                    + "429 past the address's share per hour; 400 with every fault named, nothing saved.")
    Taken review(@PathVariable String code, @RequestBody ReviewForm form, HttpServletRequest request,
            HttpServletResponse response) {
        String device = ReviewLinks.device(request, response);
        ReviewDesk.Submitted done = desk.submit(code, new ReviewDesk.Answers(form.knows(), form.seen(), form.matter(),
                form.score(), form.comment(), form.website()), request.getRemoteAddr(), device);
        return new Taken(done.id(), done.month().toString());
    }

    @ExceptionHandler(ReviewDesk.Limited.class)
    ResponseEntity<ProblemDetail> limited(ReviewDesk.Limited e, Locale locale) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                messages.getMessage("review.limited", new Object[] {e.perHour()}, locale));
        pd.setTitle(messages.getMessage("review.limitedTitle", null, locale));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "3600").body(pd);
    }
}
