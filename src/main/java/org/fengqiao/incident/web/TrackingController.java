package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.fengqiao.incident.internal.ResidentDesk;
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

    TrackingController(ResidentDesk residents, TrackViews views) {
        this.residents = residents;
        this.views = views;
    }

    @GetMapping("/{code}")
    @Operation(summary = "A report by its tracking code: the timeline in plain words",
            description = "No staff names or phones, no internal reasons; the reporter's phone masked. 404 for an unknown code.")
    TrackViews.TrackView track(@PathVariable String code, Locale locale) {
        return views.view(residents.track(code), locale);
    }
}
