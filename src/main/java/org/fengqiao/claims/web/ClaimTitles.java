package org.fengqiao.claims.web;

import org.fengqiao.claims.internal.Board;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * An item's title in the reader's language, made like the stored one (kind, what it is about, the source's reference:
 * an incident's {@link org.fengqiao.incident.IncidentReference}, never its tracking code; a dispute's case code) and
 * so, like it, without personal data: {@code 隐患·灾害事故 SJ-…} or {@code Hazard · Disaster SJ-…}.
 */
@Component("claimTitles")
public class ClaimTitles {

    private final MessageSource messages;

    ClaimTitles(MessageSource messages) {
        this.messages = messages;
    }

    public String of(Board.Kind kind, String category, String code) {
        var locale = LocaleContextHolder.getLocale();
        String what = kind == Board.Kind.DISPUTE
                ? messages.getMessage("mediation.kind." + category, null, category, locale)
                : messages.getMessage("incident.category." + category, null, category, locale);
        return messages.getMessage("claims.title", new Object[] {messages.getMessage("claims.kind." + kind.name(), null,
                kind.name(), locale), what, code}, locale);
    }
}
