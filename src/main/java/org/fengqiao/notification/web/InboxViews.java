package org.fengqiao.notification.web;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.notification.internal.Inbox;
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

    InboxViews(MessageSource messages) {
        this.messages = messages;
    }

    View view(Inbox.Entry e, Locale locale) {
        String category = e.category() == null ? "" : messages.getMessage(e.category(), null, e.category(), locale);
        String title = messages.getMessage("notification.inbox.kind." + e.kind().name(),
                new Object[] {e.subject(), category, e.dueOn() == null ? "" : e.dueOn().toString()}, locale);
        // a routing or escalation reason the system gave is a message key; a reason given by hand is a person's words,
        // shown as typed even where they read like a key. An entry written before it said which reads as it always did.
        boolean key = e.reason() != null && (e.reasonIsKey() != null ? e.reasonIsKey() : !WORDS.contains(e.kind()));
        String reason = key ? messages.getMessage(e.reason(), null, e.reason(), locale) : e.reason();
        return new View(e.id(), e.kind().name(), title, reason, e.recordType(), e.recordId(), e.link(), e.unitPath(),
                e.createdAt(), e.readAt(), e.unread());
    }
}
