package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.fengqiao.incident.internal.ResidentDesk;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/public/v1/track")
@Tag(name = "Tracking", description = "A resident follows his report with its tracking code (no account)")
class TrackingController {

    private final ResidentDesk residents;
    private final TrackViews views;
    private final MessageSource messages;

    TrackingController(ResidentDesk residents, TrackViews views, MessageSource messages) {
        this.residents = residents;
        this.views = views;
        this.messages = messages;
    }

    @GetMapping("/{code}")
    @Operation(summary = "A report by its tracking code: the timeline in plain words",
            description = "No staff names or phones, no internal reasons; the reporter's phone masked. 404 for an "
                    + "unknown code. One network address may try FENGQIAO_TRACKING_GUESSES_PER_MINUTE (30) codes naming "
                    + "no report a minute, on the tracking page and here together: past that, 429 with Retry-After.")
    TrackViews.TrackView track(@PathVariable String code, Locale locale, HttpServletRequest request) {
        return residents.byTrackingCode(request.getRemoteAddr(), () -> views.view(residents.track(code), locale));
    }

    @ExceptionHandler(ResidentDesk.TooManyGuesses.class)
    ResponseEntity<ProblemDetail> tooManyGuesses(ResidentDesk.TooManyGuesses e, Locale locale) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                messages.getMessage("incident.track.limited", new Object[] {e.perMinute()}, locale));
        pd.setTitle(messages.getMessage("incident.track.limitedTitle", null, locale));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "60").body(pd);
    }
}
