package org.fengqiao.review.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.review.ReviewResultLow;
import org.fengqiao.review.internal.Cards.Card;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review cards and the reviews: makes an officer's card for a community, takes a resident's review from the public
 * page (checked whole; a robot's, a device's second of the month for the officer, an address's beyond its hourly share
 * refused, nothing saved), raises a low result once per officer, community and month, and lets a station chief hide a
 * comment with a reason (audited; the words stay in the record).
 * <p>
 * The resident's phone is not asked for: a review is an opinion, not a matter to call back about, and a review
 * given without a name is one given freely. A resident who wants the police to act uses the report page, which takes
 * a phone number and guards it.
 */
@Service
public class ReviewDesk {

    /** The matters a resident may have had for his officer (管事). */
    public enum Matter {
        /** No matter for him this time. */
        NONE,
        /** He took it up and it was handled. */
        HANDLED,
        /** He took it up; it is not handled yet. */
        UNFINISHED,
        /** Nobody took it up. */
        IGNORED
    }

    public static final int MAX_COMMENT = 500;
    public static final int MAX_REASON = 500;
    private static final char[] CODE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int CODE_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The answers of the questionnaire as sent; {@code website} is the field people never see. */
    public record Answers(Boolean knows, Boolean seen, String matter, Integer score, String comment, String website) {
    }

    /** A review taken: its id and the month it counts in. */
    public record Submitted(UUID id, YearMonth month) {
    }

    /** The address sent its hour's share of reviews. */
    public static class Limited extends RuntimeException {

        private final int perHour;

        Limited(int perHour) {
            super("review limit reached", null, false, false);
            this.perHour = perHour;
        }

        public int perHour() {
            return perHour;
        }
    }

    private final Cards cards;
    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final StaffDirectory staff;
    private final PersonalDataCipher cipher;
    private final ReviewProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReviewDesk(Cards cards, JdbcClient jdbc, Jurisdictions jurisdictions, StaffDirectory staff,
            PersonalDataCipher cipher, ReviewProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.cards = cards;
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.cipher = cipher;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(LocalTimes.ZONE));
    }

    /** Whether the caller reads only his own reviews and cards (a community officer), not his whole scope's. */
    static boolean ownOnly(Caller caller) {
        return !caller.may(Permission.REVIEW_READ.name());
    }

    // ---- cards ----

    /** The communities of the caller's scope with their officers' cards; an officer only his own communities. */
    public List<Cards.CommunityCard> communities(Caller caller) {
        return cards.communities(caller.scopePatterns(), ownOnly(caller) ? caller.staffId() : null);
    }

    /**
     * The card of the community's officer, made when he has none yet (audited). A community outside the caller's
     * scope, or not his own for an officer, is not found; one without an officer has no card to make.
     */
    @Transactional
    public Card makeCard(UUID communityId, Caller caller) {
        if (communityId == null) {
            throw Invalid.of("communityId", "error.field.required");
        }
        Community community = jurisdictions.visibleCommunity(new CommunityId(communityId), caller)
                .filter(c -> !ownOnly(caller) || caller.staffId().equals(c.officerId()))
                .orElseThrow(() -> new NotFound("community", communityId));
        if (community.officerId() == null) {
            throw Invalid.of("communityId", "review.card.noOfficer", community.name());
        }
        return makeCard(community, caller.username());
    }

    /** The card of the community's officer, made (audited as {@code by}'s) when he has none. */
    public Card makeCard(Community community, String by) {
        if (cards.insert(UUID.randomUUID(), newCode(), community.officerId(), community.id().value(), now(), by)) {
            Card made = cards.of(community.officerId(), community.id().value()).orElseThrow();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("code", made.code());
            after.put("officer", made.officerName());
            after.put("community", made.communityName());
            events.publishEvent(Audited.created("review_card", made.id(), made.unitPath(), after).by(by));
            return made;
        }
        return cards.of(community.officerId(), community.id().value()).orElseThrow();
    }

    /** A card for printing: within the caller's scope, and his own for an officer; not found otherwise. */
    public Card card(String code, Caller caller) {
        return cards.byCode(normal(code))
                .filter(c -> caller.sees(c.unitPath()))
                .filter(c -> !ownOnly(caller) || c.officerId().equals(caller.staffId()))
                .orElseThrow(() -> new NotFound("review-card", code));
    }

    /** A card in use, as the public page shows it; a card unknown or of an officer who moved on is not found. */
    public Card publicCard(String code) {
        return cards.byCode(normal(code)).filter(Card::inUse).orElseThrow(() -> new NotFound("review-card", code));
    }

    /** The officer's police number (警号), public on his card; null for one without. */
    public String policeNumber(Card card) {
        return staff.policeNumber(new StaffId(card.officerId())).orElse(null);
    }

    private static String normal(String code) {
        return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    }

    private static String newCode() {
        StringBuilder s = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            s.append(CODE[RANDOM.nextInt(CODE.length)]);
        }
        return s.toString();
    }

    // ---- reviews ----

    /**
     * A resident's review of the card's officer. Refused whole with every fault named (field by field), when a robot
     * filled the hidden field, when the network address sent its hour's share ({@link Limited}) or when this device
     * reviewed the officer this month already (a conflict); nothing is saved then. {@code device} is the browser's
     * own random cookie and {@code address} its network address: only their keyed blind indexes are kept.
     */
    @Transactional
    public Submitted submit(String code, Answers a, String address, String device) {
        Card card = publicCard(code);
        Matter matter = checked(a);
        String addressKey = cipher.blindIndex("review-address", address == null ? "?" : address);
        admit(addressKey);
        return record(card, a, matter, currentMonth(), now(), device, addressKey, SystemActor.RESIDENT);
    }

    /**
     * A review given in a past month, as the demo district's residents gave it: checked as a resident's, audited as
     * the loader's, not counted against an address (nobody sent it from one).
     */
    @Transactional
    public Submitted given(String code, Answers a, YearMonth month, OffsetDateTime at, String device, String by) {
        Card card = cards.byCode(normal(code)).orElseThrow(() -> new NotFound("review-card", code));
        return record(card, a, checked(a), month, at, device, cipher.blindIndex("review-address", by), by);
    }

    /**
     * Whether this device gave its review of the card's officer this month already: the page says so at once rather
     * than take the resident through the questions to refuse his answers at the end.
     */
    public boolean reviewedThisMonth(Card card, String device) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM review WHERE officer_id = ? AND month = ? AND device_key = ?)")
                .params(card.officerId(), currentMonth().atDay(1),
                        cipher.blindIndex("review-device", device == null ? "?" : device))
                .query(Boolean.class).single();
    }

    /** The answers' matter, once every answer is checked; refused whole with every fault named. */
    private static Matter checked(Answers a) {
        if (a.website() != null && !a.website().isEmpty()) {
            throw Invalid.of("form", "review.rejected");
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        if (a.knows() == null) {
            problems.add(new Invalid.Problem("knows", "review.answer.required", label("knows")));
        }
        if (a.seen() == null) {
            problems.add(new Invalid.Problem("seen", "review.answer.required", label("seen")));
        }
        Matter matter = matter(a.matter());
        if (matter == null) {
            problems.add(new Invalid.Problem("matter", "review.answer.required", label("matter")));
        }
        if (a.score() == null || a.score() < 1 || a.score() > 5) {
            problems.add(new Invalid.Problem("score", "review.score.range", new Object[0]));
        }
        String comment = comment(a);
        if (comment != null && comment.length() > MAX_COMMENT) {
            problems.add(new Invalid.Problem("comment", "review.comment.tooLong", new Object[] {MAX_COMMENT}));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return matter;
    }

    private static String comment(Answers a) {
        return a.comment() == null || a.comment().isBlank() ? null : a.comment().trim();
    }

    private Submitted record(Card card, Answers a, Matter matter, YearMonth month, OffsetDateTime at, String device,
            String addressKey, String by) {
        String deviceKey = cipher.blindIndex("review-device", device == null ? "?" : device);
        String comment = comment(a);
        UUID id = UUID.randomUUID();
        int saved = jdbc.sql("""
                INSERT INTO review (id, card_id, officer_id, community_id, unit_id, month, submitted_at, knows, seen,
                                    matter, score, comment, device_key, address_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (officer_id, month, device_key) DO NOTHING""")
                .params(id, card.id(), card.officerId(), card.communityId(), card.unitId(), month.atDay(1), at,
                        a.knows(), a.seen(), matter.name(), a.score(), comment, deviceKey, addressKey)
                .update();
        if (saved == 0) {
            throw new Conflict("review.already", card.officerName(), month.toString());
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("card", card.code());
        after.put("month", month.toString());
        after.put("knows", a.knows());
        after.put("seen", a.seen());
        after.put("matter", matter.name());
        after.put("score", a.score());
        after.put("comment", comment != null);
        events.publishEvent(Audited.created("review", id, card.unitPath(), after).by(by));
        raiseIfLow(card, month);
        return new Submitted(id, month);
    }

    /** The question's label as an argument the message source reads in the reader's language. */
    private static Object[] label(String field) {
        return new Object[] {new DefaultMessageSourceResolvable("review.field." + field)};
    }

    static Matter matter(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Matter.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Counts the review against its address's hourly share, in the review's transaction, one address's reviews one
     * after the other (a transaction-scoped lock on its key), so that the share is never exceeded.
     */
    private void admit(String addressKey) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7262175))").param("key", addressKey)
                .query(Object.class).single();
        long sent = jdbc.sql("SELECT count(*) FROM review WHERE address_key = ? AND submitted_at > ?")
                .params(addressKey, now().minusHours(1)).query(Long.class).single();
        if (sent >= properties.reviewsPerHour()) {
            throw new Limited(properties.reviewsPerHour());
        }
    }

    /** Raises the month's low result for the officer in the community, once, when the policy judges it low. */
    void raiseIfLow(Card card, YearMonth month) {
        ReviewRatePolicy.Counts counts = ReviewResults.counts(jdbc, card.officerId(), card.communityId(), month);
        ReviewRatePolicy.Decision decision = ReviewRatePolicy.judge(counts, properties.thresholds());
        if (!decision.low()) {
            return;
        }
        UUID alert = UUID.randomUUID();
        boolean raised = jdbc.sql("""
                INSERT INTO review_alert (id, officer_id, community_id, month, reasons, raised_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (officer_id, community_id, month) DO NOTHING""")
                .params(alert, card.officerId(), card.communityId(), month.atDay(1),
                        String.join(",", decision.reasons()), now())
                .update() == 1;
        if (raised) {
            List<UUID> chiefs = staff.stationChiefsOver(card.unitPath(), Permission.REVIEW_READ);
            events.publishEvent(new ReviewResultLow(alert, card.officerId(), card.officerName(), card.communityName(),
                    card.unitPath(), month.toString(), decision.reasons(), chiefs, clock.instant()));
        }
    }

    // ---- comments ----

    /**
     * Hides a review's comment (personal data, abuse) with the chief's reason: audited with the reason, the words kept
     * in the record, never deleted. A review outside the caller's scope is not found; one already hidden, or without
     * a comment, is a conflict.
     */
    @Transactional
    public void hide(UUID id, String reason, Caller caller) {
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty()) {
            throw Invalid.of("reason", "review.hide.reasonRequired");
        }
        if (why.length() > MAX_REASON) {
            throw Invalid.of("reason", "review.hide.reasonTooLong", MAX_REASON);
        }
        // pasted from another program: it would be stored, audited and shown as it came
        if (Texts.hasControlCharacters(why)) {
            throw Invalid.of("reason", "review.hide.reasonControl");
        }
        var row = jdbc.sql("""
                SELECT r.comment, r.comment_hidden_at IS NOT NULL, u.path FROM review r JOIN unit u ON u.id = r.unit_id
                WHERE r.id = :id AND u.path LIKE ANY(CAST(:scope AS text[])) FOR UPDATE OF r""")
                .param("id", id).param("scope", caller.scopePatterns())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2), rs.getString(3)}).optional()
                .orElseThrow(() -> new NotFound("review", id));
        if (row[0] == null) {
            throw new Conflict("review.hide.noComment");
        }
        if ((Boolean) row[1]) {
            throw new Conflict("review.hide.already");
        }
        jdbc.sql("""
                UPDATE review SET comment_hidden_at = ?, comment_hidden_by = ?, comment_hidden_reason = ?
                WHERE id = ?""")
                .params(now(), caller.displayName(), why, id).update();
        events.publishEvent(Audited.updated("review", id, (String) row[2], Map.of("commentHidden", false),
                Map.of("commentHidden", true, "reason", why)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The matters' names, for the form's choices. */
    public static Set<Matter> matters() {
        return java.util.EnumSet.allOf(Matter.class);
    }
}
