package org.fengqiao.population;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.fengqiao.population.internal.VisitChangeTexts;
import org.fengqiao.population.internal.VisitLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public face of door-to-door visits (走访): code that changes a record during a visit links the
 * change to it here, so the visit shows everything the officer did at the door.
 */
@Service
public class Visits {

    private final VisitLog log;
    private final VisitChangeTexts texts;

    Visits(VisitLog log, VisitChangeTexts texts) {
        this.log = log;
        this.texts = texts;
    }

    /**
     * Links a change to the visit during which it was made. Joins the caller's transaction, so the
     * link is written together with the change or not at all.
     */
    @Transactional
    public void recordChange(VisitId visit, String recordType, UUID recordId, String summary) {
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        log.recordChange(visit.value(), recordType, recordId, summary == null ? "" : summary);
    }

    /**
     * Links a change to a visit as a message key of the housing bundle with its arguments, so that each reader sees
     * it in his language (an argument that is a message key itself starts with {@code @}). The summary column keeps
     * the English text, for whoever reads the table itself.
     */
    @Transactional
    public void recordChange(VisitId visit, String recordType, UUID recordId, String messageKey, List<String> args) {
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(messageKey, "messageKey");
        List<String> a = args == null ? List.of() : List.copyOf(args);
        log.recordChange(visit.value(), recordType, recordId, texts.render(messageKey, a, Locale.ENGLISH), messageKey, a);
    }
}
