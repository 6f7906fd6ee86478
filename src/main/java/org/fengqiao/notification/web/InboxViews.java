package org.fengqiao.notification.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.notification.internal.Inbox;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Permission;
import org.fengqiao.points.AwardHolders;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** An inbox entry in the reader's language: what happened, why, and where to look. */
@Component
class InboxViews {

    record View(UUID id, String kind, String title, String reason, String recordType, UUID recordId, String link,
            String unitPath, OffsetDateTime createdAt, OffsetDateTime readAt, boolean unread) {
    }

    /**
     * The kinds whose reason is always a person's words, never a message key: how entries written before each entry
     * said which it holds are read.
     */
    private static final Set<Inbox.Kind> WORDS = EnumSet.of(Inbox.Kind.INCIDENT_REOPENED,
            Inbox.Kind.INCIDENT_INFORMATION_ADDED, Inbox.Kind.DISPUTE_AT_RISK);

    private final MessageSource messages;
    private final AwardHolders holders;

    InboxViews(MessageSource messages, AwardHolders holders) {
        this.messages = messages;
        this.holders = holders;
    }

    /** The kinds that name persons of the population records (by name only, never by number). */
    static final Set<Inbox.Kind> PERSONS = EnumSet.of(Inbox.Kind.KEY_PERSON_DESIGNATED,
            Inbox.Kind.KEY_PERSON_TYPE_CHANGED, Inbox.Kind.KEY_PERSON_ENDED, Inbox.Kind.KEY_PERSONS_IMPORTED,
            Inbox.Kind.VISIT_OVERDUE, Inbox.Kind.LEFT_BEHIND_CHILD_TURNED_16);

    /** The kinds whose title has a variant for an entry without a due day (a key person exempt from visits). */
    private static final Set<Inbox.Kind> DUE_OR_NOT = EnumSet.of(Inbox.Kind.KEY_PERSON_DESIGNATED,
            Inbox.Kind.KEY_PERSONS_IMPORTED);

    View view(Inbox.Entry e, Locale locale) {
        return view(e, locale, Callers.current().map(c -> c.may(Permission.POPULATION_READ.name())).orElse(false));
    }

    /**
     * @param seesPersons whether the reader may read the population records: an entry about persons names them only
     *                    for a reader who may (a grid chief whose role changed since keeps the entry, not the names)
     */
    View view(Inbox.Entry e, Locale locale, boolean seesPersons) {
        boolean hidden = PERSONS.contains(e.kind()) && !seesPersons;
        // an overdue visit names the key person and holds his grid's name as its words; one written before named
        // the grid alone, as its subject
        boolean namedOverdue = e.kind() == Inbox.Kind.VISIT_OVERDUE && e.reason() != null;
        // a co-claimer's entries hold the lead claimer's name as their words, which their titles name
        boolean namedInTitle = namedOverdue || e.kind() == Inbox.Kind.HARD_CASE_CO_CLAIMED
                || e.kind() == Inbox.Kind.HARD_CASE_GIVEN_UP;
        String subject = hidden && e.kind() != Inbox.Kind.KEY_PERSONS_IMPORTED
                && (e.kind() != Inbox.Kind.VISIT_OVERDUE || namedOverdue) ? HIDDEN : e.subject();
        if (e.kind() == Inbox.Kind.POINTS_AWARD_PENDING
                && Callers.current().map(c -> holders.hiddenFrom(c, e.recordId())).orElse(true)) {
            // the award's holder is an informant the reader may not know (a grid chief who approves it): the entry
            // was written with his name, which shows only to his handler and the station chief
            subject = holders.hiddenName(locale);
        }
        String category = e.category() == null ? "" : messages.getMessage(e.category(), null, e.category(), locale);
        String key = "notification.inbox.kind." + e.kind().name()
                + (DUE_OR_NOT.contains(e.kind()) && e.dueOn() == null ? ".noVisit" : "")
                + (namedOverdue ? ".named" : "");
        String title = messages.getMessage(key, new Object[] {subject, category,
            e.dueOn() == null ? "" : e.dueOn().toString(), e.itemCount() == null ? 0 : e.itemCount(),
            namedInTitle && e.reason() != null ? e.reason() : ""}, locale);
        String reason;
        if (namedInTitle) {
            reason = null;
        } else if (e.kind() == Inbox.Kind.KEY_PERSONS_IMPORTED) {
            reason = hidden ? null : listed(e, locale);
        } else if (e.kind() == Inbox.Kind.KEY_PERSON_TYPE_CHANGED && e.reason() != null) {
            reason = messages.getMessage("notification.inbox.keyPerson.before",
                    new Object[] {messages.getMessage(e.reason(), null, e.reason(), locale)}, locale);
        } else {
            // a routing or escalation reason the system gave is a message key; a reason given by hand is a person's
            // words, shown as typed even where they read like a key. An entry written before it said which reads as
            // it always did.
            boolean isKey = e.reason() != null && (e.reasonIsKey() != null ? e.reasonIsKey() : !WORDS.contains(e.kind()));
            reason = isKey ? messages.getMessage(e.reason(), null, e.reason(), locale) : e.reason();
        }
        return new View(e.id(), e.kind().name(), title, reason, e.recordType(), e.recordId(), e.link(), e.unitPath(),
                e.createdAt(), e.readAt(), e.unread());
    }

    /** What a person's name is shown as to a reader who may not read the population records. */
    static final String HIDDEN = "—";

    /** The persons an import's entry lists (张三（列为涉毒人员）、李四（不再是重点人员，原为涉稳人员）), and how many more. */
    private String listed(Inbox.Entry e, Locale locale) {
        if (e.items() == null || e.items().isEmpty()) {
            return null;
        }
        List<String> shown = new ArrayList<>(e.items().size());
        for (String item : e.items()) {
            String[] parts = item.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            String type = messages.getMessage("population.mark.KEY_PERSON." + parts[1], null, parts[1], locale);
            shown.add(messages.getMessage("notification.inbox.keyPersons." + parts[0], new Object[] {parts[2], type},
                    item, locale));
        }
        String list = String.join(messages.getMessage("notification.inbox.listSeparator", null, "、", locale), shown);
        int total = e.itemCount() == null ? shown.size() : e.itemCount();
        return total <= shown.size() ? list : messages.getMessage("notification.inbox.keyPersons.more",
                new Object[] {list, total, total - shown.size()}, locale);
    }
}
