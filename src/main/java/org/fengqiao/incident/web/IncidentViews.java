package org.fengqiao.incident.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.fengqiao.forces.Informants;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.incident.internal.Duplicates;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.incident.internal.Open311Requests;
import org.fengqiao.incident.internal.Open311Services;
import org.fengqiao.incident.internal.Open311Services.Attribute;
import org.fengqiao.incident.internal.Open311Services.Service;
import org.fengqiao.incident.internal.Photos;
import org.fengqiao.incident.internal.ResidentDesk;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Incidents as the API and the pages show them: reasons in the reader's language, the phone masked, and an
 * informant's name and phone withheld from everyone but his handler (who filed the clue) and the station chief.
 */
@Component
public class IncidentViews {

    public record View(UUID id, String trackingCode, Source source, Category category, Subtype subtype,
            Offence offence, String department, String description, OffsetDateTime occurredAt, Double lon, Double lat, String address,
            UUID gridId, String gridCode, String gridName, Status status, boolean open, boolean overdue,
            UUID ownerUnitId, String ownerUnitName, UUID ownerStaffId, String ownerStaffName, int escalations,
            String routingRule, String routingReason, String routingFallback, OffsetDateTime receivedAt,
            OffsetDateTime acknowledgedAt, OffsetDateTime dispatchedAt, OffsetDateTime arrivedAt,
            OffsetDateTime chiefArrivedAt, OffsetDateTime resolvedAt, OffsetDateTime answeredAt, OffsetDateTime dueAt,
            String reporterName, String reporterPhone, String externalRef, long version, List<Answer> answers) {
    }

    /**
     * An answer an Open311 client gave to one of its service's attributes: the attribute's code, its name and the
     * answer in the reader's language (several choices joined as the language lists them).
     */
    public record Answer(String code, String label, String value) {
    }

    /**
     * A step as staff read it. {@code linked}: on a merge's step, the report at its other end (the one a duplicate was
     * merged into, or the duplicate merged in), when the reader's scope sees it; the link stays once the merge is over
     * (the duplicate reopened by its reporter), as the step does.
     */
    public record Step(String kind, String label, OffsetDateTime at, String actor, String ownerUnit, String ownerPerson,
            String reason, String department, String contact, String outcome, String note, DuplicateViews.Link linked) {
    }

    public record Detail(View incident, List<Step> timeline, DuplicateViews.Panel duplicates) {

        /**
         * Whether the timeline holds a step of this kind since the reporter last reopened the report: an arrival is
         * recorded once per round of handling, so the page offers it again once the report is reopened.
         */
        public boolean tookThisRound(String kind) {
            boolean took = false;
            for (Step s : timeline) {
                if ("REOPENED".equals(s.kind())) {
                    took = false;
                } else if (kind.equals(s.kind())) {
                    took = true;
                }
            }
            return took;
        }
    }

    private static final java.time.format.DateTimeFormatter REOPENED_AT =
            java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final MessageSource messages;
    private final Incidents incidents;
    private final Clock clock;
    private final DuplicateViews duplicates;
    private final Departments departments;
    private final Open311Requests open311;

    private final Informants informants;
    private final Photos photos;

    IncidentViews(MessageSource messages, Incidents incidents, Clock clock, DuplicateViews duplicates,
            Departments departments, Open311Requests open311, Informants informants, Photos photos) {
        this.photos = photos;
        this.informants = informants;
        this.open311 = open311;
        this.duplicates = duplicates;
        this.departments = departments;
        this.messages = messages;
        this.incidents = incidents;
        this.clock = clock;
    }

    public View view(Incident i, Locale locale) {
        Map<UUID, Open311Requests.Answers> answers = i.source() == Source.OPEN311 ? open311.answers(List.of(i.id()))
                : Map.of();
        return view(i, answers.get(i.id()), informantHidden(List.of(i)), locale);
    }

    /**
     * A page of incidents, the Open311 answers of all of them read at once, and whether each clue's giver shows to
     * the reader asked once for the page.
     */
    public List<View> views(List<Incident> items, Locale locale) {
        Map<UUID, Open311Requests.Answers> answers = open311.answers(
                items.stream().filter(i -> i.source() == Source.OPEN311).map(Incident::id).toList());
        Predicate<Incident> hidden = informantHidden(items);
        return items.stream().map(i -> view(i, answers.get(i.id()), hidden, locale)).toList();
    }

    private View view(Incident i, Open311Requests.Answers answers, Predicate<Incident> informantHidden,
            Locale locale) {
        boolean withheld = informantHidden.test(i);
        return new View(i.id(), i.trackingCode(), i.source(), i.category(), i.subtype(), i.offence(),
                departments.shown(i.department(), locale), words(i.description()),
                i.occurredAt(), i.lon(), i.lat(), i.address(), i.gridId(), i.gridCode(), i.gridName(), i.status(),
                i.status().open(), i.overdue(clock.instant()), i.ownerUnitId(), i.ownerUnitName(), i.ownerStaffId(),
                i.ownerStaffName(), i.escalations(), i.routingRule(), text(i.routingReason(), locale),
                i.routingFallback() == null ? null : text(i.routingFallback(), locale), i.receivedAt(),
                i.acknowledgedAt(), i.dispatchedAt(), i.arrivedAt(), i.chiefArrivedAt(), i.resolvedAt(), i.answeredAt(),
                i.dueAt(), withheld ? text("incident.informant.withheld", locale) : i.reporterName(),
                withheld ? null : i.reporterPhoneMasked(), i.externalRef(), i.version(), answers(answers, locale));
    }

    /**
     * A report's description, or null for one filed without words (an Open311 request may come without a description,
     * stored empty): nothing the reporter did not write is shown as his; the pages show the category instead.
     */
    static String words(String description) {
        return description == null || description.isBlank() ? null : description;
    }

    /**
     * The answers in the order the service asks its attributes, each named and answered in the reader's language. An
     * attribute or a choice the service no longer defines shows its code, so nothing answered is lost.
     */
    private List<Answer> answers(Open311Requests.Answers filed, Locale locale) {
        if (filed == null) {
            return List.of();
        }
        Optional<Service> service = Open311Services.find(filed.serviceCode());
        List<String> codes = new ArrayList<>(service.map(Service::attributes).orElse(List.of()).stream()
                .map(Attribute::code).filter(filed.attributes()::has).toList());
        filed.attributes().fieldNames().forEachRemaining(code -> {
            if (!codes.contains(code)) {
                codes.add(code);
            }
        });
        List<Answer> shown = new ArrayList<>();
        for (String code : codes) {
            Optional<Attribute> attribute = service.flatMap(s -> s.attribute(code));
            JsonNode answer = filed.attributes().get(code);
            List<String> values = new ArrayList<>();
            for (JsonNode v : answer.isArray() ? answer : List.of(answer)) {
                values.add(v.isNumber() ? v.decimalValue().toPlainString()
                        : attribute.flatMap(a -> a.value(v.asText())).map(c -> text(c.nameKey(), locale)).orElse(v.asText()));
            }
            shown.add(new Answer(code, attribute.map(a -> text(a.descriptionKey(), locale)).orElse(code),
                    String.join(text("text.listSeparator", locale), values)));
        }
        return shown;
    }

    /**
     * Whether the reader may not know who gave each of these clues: only the station chief, the one who filed it
     * and, when the informant filed it himself, his handler do ({@link Informants#clueGiversHiddenFrom}), asked once
     * for them all. An incident that names no clue giver hides nothing.
     */
    Predicate<Incident> informantHidden(List<Incident> items) {
        List<Incident> clues = items.stream().filter(IncidentViews::namesClueGiver).toList();
        if (clues.isEmpty()) {
            return i -> false;
        }
        Predicate<UUID> hidden = Callers.current()
                .map(c -> informants.clueGiversHiddenFrom(c, clues.stream().map(Incident::createdBy).toList()))
                .orElse(filer -> true);
        return i -> namesClueGiver(i) && hidden.test(i.createdBy());
    }

    private static boolean namesClueGiver(Incident i) {
        return i.source() == Source.INFORMANT && (i.reporterName() != null || i.reporterPhoneMasked() != null);
    }

    public Detail detail(Incident i, Locale locale) {
        return detail(i, incidents.timeline(i.id()), duplicates.panel(i), duplicates.mergeLinks(i), locale);
    }

    /**
     * The answer to a filing. A report filed now comes with its timeline and the duplicates offered, so neither
     * is read again, and nothing can have been merged into it or it into another yet; a repeated submission
     * answers the first report as it stands.
     */
    public Detail detail(IncidentDesk.Filed filed, Locale locale) {
        if (filed.timeline() == null) {
            return detail(filed.incident(), locale);
        }
        return detail(filed.incident(), filed.timeline(), duplicates.justFiled(filed.offers()), Map.of(), locale);
    }

    private Detail detail(Incident i, List<Incidents.Event> timeline, DuplicateViews.Panel panel,
            Map<Long, Duplicates.MergeLink> merges, Locale locale) {
        // a step an informant took (the clue he filed himself) names him only to his handler and the station chief
        java.util.Set<UUID> hidden = Callers.current().map(c -> informants.hiddenFrom(c,
                timeline.stream().map(Incidents.Event::actorId).toList())).orElse(java.util.Set.of());
        // the moments the reporter sent photos, read only when he sent some without words
        List<OffsetDateTime> sent = timeline.stream().anyMatch(IncidentViews::photosAlone)
                ? photos.of(i.id()).stream().map(Photos.Photo::addedAt).toList() : List.of();
        List<Step> steps = timeline.stream().map(e -> new Step(e.kind(),
                text(photosAlone(e) ? "incident.event.photosAdded" : "incident.event." + e.kind(), locale), e.at(),
                hidden.contains(e.actorId()) ? text("incident.actor.informant", locale) : actor(e, locale),
                e.ownerUnitName(), e.ownerStaffName(),
                reason(e, merges.get(e.id()), locale), departments.shown(e.department(), locale), e.contact(),
                e.outcome(), photosAlone(e) ? photosSent(e, sent, locale) : note(e, locale),
                DuplicateViews.linked(merges.get(e.id())))).toList();
        return new Detail(view(i, locale), steps, panel);
    }

    /**
     * A reporter's step that added photos alone, without words: "reporter added information" over nothing read as if
     * what he sent was lost (the resident's own page says the same since the fifty-second session).
     */
    private static boolean photosAlone(Incidents.Event e) {
        return e.kind().equals("INFORMATION_ADDED") && (e.note() == null || e.note().isBlank());
    }

    /** How many photos the reporter sent at that step (stored at its moment), shown below with the others. */
    private String photosSent(Incidents.Event e, List<OffsetDateTime> sent, Locale locale) {
        long count = sent.stream().filter(at -> at.isEqual(e.at())).count();
        return count == 0 ? null : messages.getMessage("incident.detail.photosAddedCount", new Object[] {count}, locale);
    }

    /**
     * A step's reason: the system's (a message key) in the reader's language, a person's words as he typed them. A
     * merge whose duplicate's reporter reopened his report since no longer says its reporter gets the same answer: it
     * says he reopened it, and when.
     */
    private String reason(Incidents.Event e, Duplicates.MergeLink merge, Locale locale) {
        if (e.kind().equals("MERGED") && merge != null && merge.reopenedAt() != null) {
            return messages.getMessage("incident.merge.mergedReopened",
                    new Object[] {merge.reopenedAt().atZoneSameInstant(LocalTimes.ZONE).format(REOPENED_AT)}, locale);
        }
        return Incidents.reasonIsKey(e) ? text(e.reason(), locale) : e.reason();
    }

    /**
     * Who took a step: a person's (or a system's) name as it was stored; the resident, who has none, in the reader's
     * language.
     */
    private String actor(Incidents.Event e, Locale locale) {
        return ResidentDesk.byResident(e) ? text("incident.actor.resident", locale) : e.actorName();
    }

    private String note(Incidents.Event e, Locale locale) {
        if (e.note() == null) {
            return null;
        }
        if (e.kind().equals("RECEIVED")) {
            return text("incident.source." + e.note(), locale);
        }
        if (e.kind().equals("ROUTED")) {
            String[] parts = e.note().split("\\|", 2);
            String informed = parts[0].isBlank() ? "" : text("incident.routing.informed", locale) + parts[0];
            String fallback = parts.length > 1 ? text(parts[1], locale) : "";
            String joined = (informed + " " + fallback).trim();
            return joined.isEmpty() ? null : joined;
        }
        if (e.kind().equals("OFFENCE_SET")) {
            // the offence it replaced, stored as its code
            return text("incident.offence.was", locale) + text("incident.offence." + e.note(), locale);
        }
        if (e.kind().equals("ESCALATED")) {
            return text("incident.escalation.from", locale) + e.note();
        }
        if (e.kind().equals("HANDED_OVER")) {
            // the unit it was with before its village was handed over; for an item whose owner went along, the unit
            // the village went to
            boolean along = Incidents.reasonIsKey(e) && IncidentDesk.MOVED_ALONG_REASON.equals(e.reason());
            return text(along ? "incident.handOver.under" : "incident.handOver.from", locale) + e.note();
        }
        return e.note();
    }

    public String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
