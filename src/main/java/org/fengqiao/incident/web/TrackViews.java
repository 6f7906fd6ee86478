package org.fengqiao.incident.web;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.ResidentDesk;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A report as its reporter sees it on the tracking page: the timeline in plain words, with no staff names or
 * phones, no unit names, no internal reasons or notes (which may name informants or other people), nothing
 * of other reporters; only the answer text, what the reporter himself added, and his phone masked.
 */
@Component
class TrackViews {

    record Step(String kind, String label, OffsetDateTime at, String text) {
    }

    record Photo(String url, OffsetDateTime addedAt) {
    }

    record Rating(int score, String comment, OffsetDateTime ratedAt) {
    }

    record TrackView(String trackingCode, String category, String status, boolean open, String description,
            String grid, String reporterPhone, OffsetDateTime receivedAt, OffsetDateTime answeredAt, String answer,
            List<Step> timeline, List<Photo> photos, Rating rating, boolean mayRate, boolean mayReopen,
            OffsetDateTime reopenUntil, boolean mayAddInformation) {
    }

    /** See {@code ResidentDesk.Tracked#takenUpTogether}. */
    static final String TAKEN_UP_TOGETHER = "TAKEN_UP_TOGETHER";
    /** See {@code ResidentDesk.Tracked#togetherReopened}. */
    static final String TOGETHER_REOPENED = "TOGETHER_REOPENED";

    private final MessageSource messages;
    private final Departments departments;

    TrackViews(MessageSource messages, Departments departments) {
        this.messages = messages;
        this.departments = departments;
    }

    TrackView view(ResidentDesk.Tracked t, Locale locale) {
        Incidents.Incident i = t.incident();
        List<Step> steps = new ArrayList<>();
        String answer = null;
        // each in its place in time: after the merge, before what came after it (the answer, the reopening)
        List<Step> computed = new ArrayList<>();
        t.takenUpTogether().forEach(at -> computed.add(computed(TAKEN_UP_TOGETHER, at, locale)));
        t.togetherReopened().forEach(at -> computed.add(computed(TOGETHER_REOPENED, at, locale)));
        computed.sort(java.util.Comparator.comparing(Step::at));
        Deque<Step> together = new ArrayDeque<>(computed);
        for (Incidents.Event e : t.timeline()) {
            while (!together.isEmpty() && e.at().isAfter(together.peek().at())) {
                steps.add(together.poll());
            }
            // what the reporter of a report merged into this one added is not for this one's reporter
            boolean byReporter = ResidentDesk.byItsReporter(e);
            String text = switch (e.kind()) {
                case "ANSWERED" -> e.note();
                case "REFERRED" -> departments.shown(e.department(), locale);
                case "INFORMATION_ADDED", "RATED", "REOPENED" -> byReporter ? e.note() : null;
                default -> null;
            };
            boolean shown = switch (e.kind()) {
                case "RECEIVED", "ROUTED", "ACKNOWLEDGED", "DISPATCHED", "ARRIVED", "CHIEF_ARRIVED", "RESOLVED",
                        "ANSWERED", "ESCALATED", "REFERRED", "MEDIATION", "REOPENED", "MERGED_INTO",
                        "CARRIED_ON", "HANDED_OVER" -> true;
                case "INFORMATION_ADDED", "RATED" -> byReporter;
                default -> false;
            };
            if (e.kind().equals("ANSWERED")) {
                answer = e.note();
            }
            if (e.kind().equals("REOPENED")) {
                answer = null;
            }
            if (shown && e.kind().equals("INFORMATION_ADDED") && (text == null || text.isBlank())) {
                // photos sent alone, no words: "you added information" over nothing read as if what he sent was
                // lost; the step says it was photos, and how many (shown below with the others)
                long sent = t.photos().stream().filter(p -> p.addedAt().isEqual(e.at())).count();
                steps.add(new Step(e.kind(), text("incident.track.photosAdded", locale), e.at(),
                        sent == 0 ? null : messages.getMessage("incident.track.photosAddedCount", new Object[] {sent},
                                locale)));
            } else if (shown) {
                // a report whose officer went along with its village stays his: the step says so, not "a new unit"
                boolean along = e.kind().equals("HANDED_OVER") && Incidents.reasonIsKey(e)
                        && IncidentDesk.MOVED_ALONG_REASON.equals(e.reason());
                steps.add(new Step(e.kind(), text("incident.track.step." + (along ? "HANDED_OVER_ALONG" : e.kind()),
                        locale), e.at(), text));
            }
        }
        while (!together.isEmpty()) {
            steps.add(together.poll());
        }
        List<Photo> photos = t.photos().stream()
                .map(p -> new Photo("/track/" + i.trackingCode() + "/photos/" + p.id(), p.addedAt())).toList();
        Rating rating = t.rating().map(r -> new Rating(r.score(), r.comment(), r.ratedAt())).orElse(null);
        return new TrackView(i.trackingCode(), text("incident.category." + i.category(), locale),
                text("incident.track.status." + i.status(), locale), i.status().open(),
                IncidentViews.words(i.description()), i.gridName(),
                i.reporterPhoneMasked(), i.receivedAt(), i.answeredAt(), answer, steps, photos, rating, t.mayRate(),
                t.mayReopen(), t.reopenUntil(), t.mayAddInformation());
    }

    /**
     * A step no timeline of its own holds: the matter of a report merged into another taken up with that one, or
     * handled again as that one's reporter reopened it.
     */
    private Step computed(String kind, OffsetDateTime at, Locale locale) {
        return new Step(kind, text("incident.track.step." + kind, locale), at, null);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
