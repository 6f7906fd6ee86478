package org.fengqiao.incident.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resident's side of an incident, without an account: filing from the public page (with photos, limited
 * per address and hour), and, with the tracking code, following it, adding information and photos, rating
 * the answer and reopening it within the configured days. Every step is written through {@link IncidentDesk},
 * so it lands on the timeline and is published like any other.
 *
 * <p>Ratings: one per report; while the report stands answered the resident may change it (the latest counts
 * in the satisfaction rate, each one given stays on the timeline). Reopening the report rejects the answer rated:
 * its rating no longer counts (it stays on the timeline), and the report cannot be rated until it is answered
 * again, when the rating of that answer counts.
 */
@Service
public class ResidentDesk {

    /**
     * Who the steps a resident takes are written as (timeline and audit trail): no person's name but the mark of the
     * resident, the same in every row ever written, which the pages and the API say in the reader's language
     * ({@code incident.actor.resident}) by {@link #byResident}, and the audit trail as one of its
     * {@link SystemActor}s ({@code audit.actor.resident}).
     */
    public static final String ACTOR = SystemActor.RESIDENT;
    static final Submitter RESIDENT = new Submitter("resident", null, ACTOR, null);
    /**
     * What marks a step on a report as taken by the reporter of a report merged into it, not by its own (the step's
     * reason, a message key): its staff read whose it is, its own reporter's tracking page leaves it out.
     */
    public static final String FROM_MERGED_REPORTER = "incident.merge.fromMergedReporter";
    /** Who added a photo that reached a report from the reporter of one merged into it (see V135). */
    static final String MERGED_RESIDENT = "MERGED_RESIDENT";
    private static final int MIN_KEY = 16;

    /** A file as sent: the name is ignored, the bytes say what it is. */
    public record Upload(String name, byte[] bytes) {
    }

    /**
     * How much of what was sent a page needs to read to judge it: one photo more than a report may have, and of each
     * one byte more than a photo may be. Anything past that is refused as it is (too many, too large) without being
     * read into memory: an anonymous sender could otherwise make the server hold any upload the multipart limit
     * allows (set for imports of a million persons) in memory at once.
     */
    public record UploadLimit(int files, long bytesPerFile) {
    }

    public UploadLimit uploadLimit() {
        return new UploadLimit(properties.maxPhotos() + 1, properties.maxPhotoSize().toBytes() + 1);
    }

    /**
     * A report as the resident follows it: his own photos only, the rating, whether he may still reopen, and whether
     * he may add information (while it is open or merged into another, see {@link #addInformation}).
     */
    public record Tracked(Incident incident, List<Incidents.Event> timeline, List<Photos.Photo> photos,
            Optional<Ratings.Rating> rating, boolean mayRate, boolean mayReopen, OffsetDateTime reopenUntil,
            List<OffsetDateTime> takenUpTogether, List<OffsetDateTime> togetherReopened) {

        public boolean mayAddInformation() {
            return incident.status().open() || incident.status() == Status.MERGED;
        }
    }

    /** Whether the resident took the step (filed, added information, rated, reopened) on the public pages. */
    public static boolean byResident(Incidents.Event step) {
        return ACTOR.equals(step.actorName());
    }

    /**
     * Whether the report's own reporter took the step on the public pages: a resident, and not the reporter of a
     * report merged into it ({@link #FROM_MERGED_REPORTER}), whose words are not for this one's reporter to read.
     */
    public static boolean byItsReporter(Incidents.Event step) {
        return byResident(step) && !FROM_MERGED_REPORTER.equals(step.reason());
    }

    /** Too many submissions from one address within the hour. */
    public static class Limited extends RuntimeException {
        private final int perHour;

        Limited(int perHour) {
            super("too many public submissions", null, false, false);
            this.perHour = perHour;
        }

        public int perHour() {
            return perHour;
        }
    }

    /** Too many tracking codes naming no report tried from one address within the minute. */
    public static class TooManyGuesses extends RuntimeException {
        private final int perMinute;

        TooManyGuesses(int perMinute) {
            super("too many tracking codes tried", null, false, false);
            this.perMinute = perMinute;
        }

        public int perMinute() {
            return perMinute;
        }
    }

    private final IncidentDesk desk;
    private final Incidents incidents;
    private final Duplicates duplicates;
    private final Photos photos;
    private final Ratings ratings;
    private final ResidentProperties properties;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final FilingLimit limit;
    private final TrackingGuesses guesses;

    @Autowired
    public ResidentDesk(IncidentDesk desk, Incidents incidents, Duplicates duplicates, Photos photos, Ratings ratings,
            ResidentProperties properties, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock,
            PersonalDataCipher cipher, PlatformTransactionManager transactions) {
        this.desk = desk;
        this.incidents = incidents;
        this.duplicates = duplicates;
        this.photos = photos;
        this.ratings = ratings;
        this.properties = properties;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = new FilingLimit(properties.filingsPerHour(), clock, jdbc, cipher, transactions);
        this.guesses = new TrackingGuesses(properties.trackingGuessesPerMinute(), clock, jdbc, cipher, transactions);
    }

    /** Every ten minutes, on every instance (deleting twice is harmless): counts older than the hour go. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOldFilingCounts() {
        limit.forgetOld();
        guesses.forgetOld();
    }

    /**
     * A look-up by tracking code from a network address (the tracking page, its API, a resident's step on it), within
     * the address's share of codes that name no report ({@link TrackingGuesses}): refused with {@link TooManyGuesses},
     * nothing looked up, once the address tried its share in the last minute. A look-up that finds no report
     * ({@link NotFound}) counts as a guess; one that found its report does not, whatever it answers after.
     */
    public <T> T byTrackingCode(String address, java.util.function.Supplier<T> lookUp) {
        TrackingGuesses.Taken taken = guesses.take(address);
        if (taken == null) {
            throw new TooManyGuesses(guesses.perMinute());
        }
        try {
            T found = lookUp.get();
            guesses.giveBack(taken);
            return found;
        } catch (NotFound missed) {
            throw missed;
        } catch (RuntimeException e) {
            guesses.giveBack(taken);
            throw e;
        }
    }

    public ResidentProperties properties() {
        return properties;
    }

    /**
     * Files a resident's report from the given address: routed like any other, with its photos stored
     * stripped. The form's idempotency key (the form sends a random one; one shorter than 16 characters is ignored)
     * names the submission only together with the browser that got the form, by its {@code browser} secret (the
     * session's): what is stored is the HMAC-SHA256 of the key under that secret. So the same form sent again from
     * that browser answers the report it became (and the resend page may name it), while the same key sent from any
     * other browser (seen on a shared phone, copied from the page, guessed) files that browser's own report and
     * learns nothing of the resident's: his tracking code is the only key to his report. Without a secret the key
     * is ignored.
     */
    @Transactional
    public Incident file(NewIncident report, List<Upload> uploads, String address, byte[] browser) {
        admit(address);
        List<PhotoSanitizer.Clean> clean;
        try {
            clean = clean(uploads);
        } catch (Invalid refused) {
            // the form comes back without its photos (no browser keeps a file chosen): say its other faults with
            // theirs, so that the resident chooses his photos again once, not once per fault
            List<Invalid.Problem> all = new ArrayList<>(desk.problems(report.withSource(Source.RESIDENT), RESIDENT));
            all.addAll(refused.problems());
            throw new Invalid("error.invalid", all);
        }
        String key = report.idempotencyKey() != null && report.idempotencyKey().trim().length() >= MIN_KEY
                && browser != null ? bound(report.idempotencyKey().trim(), browser) : null;
        IncidentDesk.Filed filed = desk.file(report.withSource(Source.RESIDENT).withIdempotencyKey(key), RESIDENT);
        if (filed.created()) {
            OffsetDateTime at = filed.incident().receivedAt();
            clean.forEach(p -> photos.add(filed.incident().id(), p, "RESIDENT", null, at));
        }
        return filed.incident();
    }

    /** A form's key bound to the browser that sent it: HMAC-SHA256 under the browser's secret, in hex. */
    static String bound(String key, byte[] browser) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(browser, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The tracking code of a report filed by a resident before (the one a resent form's key names). */
    public String trackingCode(UUID incident) {
        return incidents.find(incident).map(Incident::trackingCode).orElseThrow(() -> new NotFound("incident", incident));
    }

    public Tracked track(String code) {
        Incident i = byCode(code);
        List<Photos.Photo> mine = photos.of(i.id()).stream().filter(p -> p.addedBy().equals("RESIDENT")).toList();
        OffsetDateTime until = i.answeredAt() == null ? null : i.answeredAt().plus(properties.reopenWithin());
        boolean answered = i.status() == Status.ANSWERED;
        List<Incidents.Event> timeline = incidents.timeline(i.id());
        List<OffsetDateTime> takenUp = new ArrayList<>();
        List<OffsetDateTime> reopened = new ArrayList<>();
        together(i, timeline, takenUp, reopened);
        return new Tracked(i, timeline, mine, ratings.of(i.id()), answered,
                answered && !clock.instant().isAfter(until.toInstant()), until, takenUp, reopened);
    }

    /**
     * What became of the matter of a report merged into others, merge by merge on its timeline (oldest first), which
     * no step of its own records ({@code takenUp}, {@code reopened}):
     * <ul>
     * <li>when it was taken up, for a merge made before anyone took this report up: when the report it was with was
     * first taken up while it was (or at the merge, if that one had been taken up before). Nobody takes up a merged
     * report itself (its acknowledgement stays empty, and the response times do not count it while it is merged):
     * without this its reporter read it as never taken up while the matter was handled. None while nobody took the
     * matter up yet;</li>
     * <li>when the report it was with was reopened by that report's reporter, after they were answered together: the
     * matter is handled again, and this report is answered again with it ({@code IncidentDesk.answerMerged}).</li>
     * </ul>
     * The report the matter was with is the one the merge's step names ({@link Duplicates#mergedBy}), until that one
     * was itself merged into another (its duplicates went along, {@link Merges#merge}), and so on: a report merged on
     * before anyone took it up, and reopened after, takes up nothing of this matter, the one it joined did. A merge its
     * reporter ended by reopening his report (which clears {@code merged_into}) keeps what came before his reopening:
     * he reads that his matter was taken up together with the other report, then that he reopened it, then what
     * followed.
     */
    private void together(Incident i, List<Incidents.Event> timeline, List<OffsetDateTime> takenUp,
            List<OffsetDateTime> reopened) {
        for (int k = 0; k < timeline.size(); k++) {
            Incidents.Event merge = timeline.get(k);
            if (!merge.kind().equals("MERGED_INTO")) {
                continue;
            }
            OffsetDateTime ended = timeline.subList(k + 1, timeline.size()).stream()
                    .filter(e -> e.kind().equals("REOPENED")).map(Incidents.Event::at).findFirst().orElse(null);
            List<With> with = with(merge);
            boolean takenBefore = i.acknowledgedAt() != null && !i.acknowledgedAt().isAfter(merge.at());
            OffsetDateTime taken = takenBefore ? null : with.stream().map(With::takenUp).filter(t -> t != null)
                    .findFirst().orElse(null);
            if (taken != null && (ended == null || taken.isBefore(ended))) {
                takenUp.add(taken);
            }
            for (With w : with) {
                duplicates.reopenedAfter(w.report().id(), w.fromStep()).stream()
                        .filter(at -> (w.until() == null || at.isBefore(w.until()))
                                && (ended == null || at.isBefore(ended)))
                        .forEach(reopened::add);
            }
        }
        takenUp.sort(null);
        reopened.sort(null);
    }

    /** A report a merged matter was with: from a merge (its moment and step) until it was merged on (null: still). */
    private record With(Incident report, OffsetDateTime from, long fromStep, OffsetDateTime until) {

        /** When the matter was taken up with this report: its first acknowledgement while the matter was with it. */
        OffsetDateTime takenUp() {
            OffsetDateTime ack = report.acknowledgedAt();
            if (ack == null || (until != null && !ack.isBefore(until))) {
                return null;
            }
            return ack.isAfter(from) ? ack : from;
        }
    }

    /** The reports the matter merged by this step was with, in turn (merges make no chains: a few at most). */
    private List<With> with(Incidents.Event merge) {
        List<With> with = new ArrayList<>();
        UUID report = duplicates.mergedBy(merge.id()).orElse(null);
        OffsetDateTime from = merge.at();
        long fromStep = merge.id();
        for (int hop = 0; report != null && hop < 10; hop++) {
            Incident joined = incidents.find(report).orElse(null);
            if (joined == null) {
                break;
            }
            Optional<Duplicates.MergeStep> on = duplicates.mergedAfter(report, fromStep);
            with.add(new With(joined, from, fromStep, on.map(Duplicates.MergeStep::at).orElse(null)));
            if (on.isEmpty()) {
                break;
            }
            report = on.get().into();
            from = on.get().at();
            fromStep = on.get().step();
        }
        return with;
    }

    public Photos.Content photo(String code, UUID photo) {
        Incident i = byCode(code);
        return photos.content(i.id(), photo, true).orElseThrow(() -> new NotFound("photo", photo));
    }

    /**
     * More information and photos from the reporter, while the report is open, or merged into another: then they
     * stay on his report (he reads them there) and reach the one it was merged into, which is being handled, marked
     * as its merged report's reporter's ({@link #FROM_MERGED_REPORTER}, {@link #MERGED_RESIDENT}): its owner hears of
     * them, its own reporter does not read them, and the merged report's owner, who no longer handles it, is not told.
     */
    @Transactional
    public Incident addInformation(String code, String text, List<Upload> uploads, String address) {
        Incident i = byCode(code);
        List<Invalid.Problem> problems = new ArrayList<>();
        List<Upload> files = present(uploads);
        if ((text == null || text.isBlank()) && files.isEmpty()) {
            problems.add(new Invalid.Problem("information", "incident.information.required", new Object[0]));
        } else if (text != null && text.length() > 2000) {
            problems.add(new Invalid.Problem("information", "incident.information.tooLong", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        boolean merged = i.status() == Status.MERGED;
        UUID primary = merged ? lockedWithPrimary(i.id()) : null;
        if (merged ? primary == null : !i.status().open()) {
            throw new Conflict("incident.information.closed");
        }
        admit(address);
        List<PhotoSanitizer.Clean> clean = clean(files);
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        desk.reporterStep(i.id(), "INFORMATION_ADDED", ACTOR, text, now);
        clean.forEach(p -> photos.add(i.id(), p, "RESIDENT", null, at));
        if (primary != null) {
            desk.reporterStep(primary, "INFORMATION_ADDED", ACTOR, text, now, FROM_MERGED_REPORTER);
            clean.forEach(p -> photos.add(primary, p, MERGED_RESIDENT, null, at));
        }
        return incidents.find(i.id()).orElseThrow();
    }

    /**
     * Locks a merged report and the one it was merged into, that one first (as answering it and merging do, so
     * neither waits on the other), and answers that one; null when the report is no longer merged (answered with
     * it meanwhile). A merge into the report meanwhile moves it on: the lock is taken again on its new primary.
     */
    private UUID lockedWithPrimary(UUID merged) {
        UUID primary = duplicates.primaryOf(merged).orElse(null);
        while (primary != null) {
            incidents.lock(primary);
            incidents.lock(merged);
            Incident now = incidents.find(merged).orElseThrow();
            UUID still = duplicates.primaryOf(merged).orElse(null);
            if (now.status() != Status.MERGED) {
                return null;
            }
            if (primary.equals(still)) {
                return primary;
            }
            primary = still;
        }
        return null;
    }

    /** The reporter's rating of the answer: 1 to 5 with an optional comment, while the report stands answered. */
    @Transactional
    public Ratings.Rating rate(String code, Integer score, String comment) {
        Incident i = byCode(code);
        if (score == null || score < 1 || score > 5) {
            throw Invalid.of("score", "incident.rating.score");
        }
        if (comment != null && comment.length() > 1000) {
            throw Invalid.of("comment", "incident.rating.commentTooLong");
        }
        if (i.status() != Status.ANSWERED) {
            throw new Conflict("incident.rating.notAnswered");
        }
        String words = comment == null || comment.isBlank() ? null : comment.trim();
        Instant now = clock.instant();
        desk.reporterStep(i.id(), "RATED", ACTOR, score + "/5" + (words == null ? "" : " · " + words), now);
        Optional<Ratings.Rating> before = ratings.of(i.id());
        ratings.put(i.id(), score, words, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        Ratings.Rating after = ratings.of(i.id()).orElseThrow();
        Map<String, Object> snapshot = snapshot(i, after);
        events.publishEvent((before.isEmpty()
                ? Audited.created("incident_rating", i.id(), i.unitPath(), snapshot)
                : Audited.updated("incident_rating", i.id(), i.unitPath(), snapshot(i, before.get()), snapshot))
                .by(ACTOR));
        return after;
    }

    /**
     * Reopens the answered report with a reason, within the configured days of the answer; the rating of the answer
     * no longer counts toward the satisfaction rate (withdrawn, audited; it stays on the timeline).
     */
    @Transactional
    public Incident reopen(String code, String reason) {
        Incident i = byCode(code);
        Incident reopened = desk.reopen(i.id(), reason, ACTOR, clock.instant(), properties.reopenWithin());
        ratings.withdraw(i.id()).ifPresent(r -> events.publishEvent(
                Audited.deleted("incident_rating", i.id(), i.unitPath(), snapshot(i, r)).by(ACTOR)));
        return reopened;
    }

    private Incident byCode(String code) {
        String normalized = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(normalized).query(UUID.class).optional()
                .flatMap(incidents::find).orElseThrow(() -> new NotFound("incident", normalized));
    }

    private void admit(String address) {
        if (!limit.admit(address)) {
            throw new Limited(limit.perHour());
        }
    }

    private static List<Upload> present(List<Upload> uploads) {
        return uploads == null ? List.of()
                : uploads.stream().filter(u -> u != null && u.bytes() != null && u.bytes().length > 0).toList();
    }

    /** Checks count and size, then strips each photo; nothing is stored when one fails. */
    private List<PhotoSanitizer.Clean> clean(List<Upload> uploads) {
        List<Upload> files = present(uploads);
        if (files.size() > properties.maxPhotos()) {
            throw Invalid.of("photos", "incident.photo.tooMany", properties.maxPhotos());
        }
        long max = properties.maxPhotoSize().toBytes();
        for (Upload u : files) {
            if (u.bytes().length > max) {
                throw Invalid.of("photos", "incident.photo.tooLarge", properties.maxPhotoSize().toMegabytes());
            }
        }
        return files.stream().map(u -> PhotoSanitizer.clean(u.bytes())).toList();
    }

    private static Map<String, Object> snapshot(Incident i, Ratings.Rating r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trackingCode", i.trackingCode());
        m.put("score", r.score());
        m.put("comment", String.valueOf(r.comment()));
        return m;
    }
}
