package org.fengqiao.review.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.review.internal.ReviewRatePolicy;
import org.fengqiao.review.internal.ReviewResults;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The results as an xlsx sheet (群众评议结果): the whole, each unit, each village (community) and each officer, with the number of reviews, the
 * rates as numbers (shares between 0 and 1) and the period before's, each row naming both periods and whether its
 * period is over (a sheet sent on is read without the page's heading or its file's name: a month not over yet, with
 * fewer reviews than the whole month before, would read as a fall); the comments are not exported (a hidden one
 * must not leave in a file). Audited as one EXPORT with the period and the rows.
 */
@Component
class ReviewLedger {

    static final List<String> COLUMNS = List.of("level", "name", "code", "period", "periodState", "reviews", "know",
            "seen", "help", "handled", "satisfaction", "periodBefore", "reviewsBefore", "knowBefore", "seenBefore",
            "helpBefore", "handledBefore", "satisfactionBefore");

    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    ReviewLedger(MessageSource messages, ApplicationEventPublisher events) {
        this.messages = messages;
        this.events = events;
    }

    void write(ReviewResults.Report report, Locale locale, HttpServletResponse response) throws IOException {
        try (Ledger ledger = new Ledger(text("review.ledger.sheet", locale),
                COLUMNS.stream().map(c -> text("review.ledger.col." + c, locale)).toList())) {
            String state = report.through() == null ? text("review.ledger.whole", locale)
                    : messages.getMessage("review.ledger.partial", new Object[] {report.through().toString()}, locale);
            row(ledger, text("review.ledger.total", locale), total(report, locale), null, report.total(), report, state);
            for (ReviewResults.Row r : report.units()) {
                row(ledger, text("review.ledger.unit", locale), r.name(), r.code(), r, report, state);
            }
            for (ReviewResults.Row r : report.communities()) {
                row(ledger, text("review.ledger.community", locale), r.name(), r.code(), r, report, state);
            }
            for (ReviewResults.Row r : report.officers()) {
                row(ledger, text("review.ledger.officer", locale), r.name(), r.code(), r, report, state);
            }
            // named in the reader's language as its sheet is: a Chinese reader saved an English name
            ledger.send(response, messages.getMessage("review.ledger.file", null, locale) + "-"
                    + report.period().name() + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("period", report.period().name());
            after.put("unit", report.unit() == null ? null : report.unit().name());
            after.put("officer", report.officerName());
            after.put("rows", ledger.rows());
            events.publishEvent(new Audited("EXPORT", "review", null,
                    report.unit() == null ? null : report.unit().path(), null, after, null));
        }
    }

    private String total(ReviewResults.Report report, Locale locale) {
        return report.unit() != null ? report.unit().name()
                : report.officerName() != null ? report.officerName() : text("review.results.allUnits", locale);
    }

    private static void row(Ledger ledger, String level, String name, String code, ReviewResults.Row r,
            ReviewResults.Report report, String state) {
        ReviewRatePolicy.Rates now = r.rates();
        ReviewRatePolicy.Rates then = r.ratesBefore();
        ledger.row(level, name, code, report.period().name(), state, r.counts().reviews(), now.know(), now.seen(),
                now.help(), now.handled(), now.satisfaction(), report.before().name(), r.before().reviews(), then.know(),
                then.seen(), then.help(), then.handled(), then.satisfaction());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
