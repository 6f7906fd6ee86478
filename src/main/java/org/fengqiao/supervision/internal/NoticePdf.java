package org.fengqiao.supervision.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.pdf.PdfLayout;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * A supervision notice (督察通报) as an A4 PDF to file or circulate: its number, the unit, the responsible leader and
 * officer, what was found when and where, its severity, the last day of rectification and its state, and its
 * timeline with each person's words (and the rectification's date and evidence when the unit gave them), an answer
 * given after the last day marked late with its days. Read in the scope of the caller, as the page is.
 */
@Service
public class NoticePdf {

    private final NoticeDesk desk;
    private final Notices notices;
    private final MessageSource messages;

    NoticePdf(NoticeDesk desk, Notices notices, MessageSource messages) {
        this.desk = desk;
        this.notices = notices;
        this.messages = messages;
    }

    public record Document(String fileName, byte[] bytes) {
    }

    public Document print(UUID id, Caller who, Locale locale) {
        Notices.View v = desk.notice(id, who);
        String title = t("supervision.notice.title", locale);
        String none = t("supervision.none", locale);
        byte[] bytes;
        try (PdfLayout pdf = new PdfLayout(title + " " + v.number(), who.displayName())) {
            pdf.title(title, v.number());
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {t("supervision.field.unit", locale), v.unitName()});
            facts.add(new String[] {t("supervision.field.leader", locale), v.leaderName() == null ? none
                    : v.leaderName()});
            facts.add(new String[] {t("supervision.field.officer", locale), v.officerName() == null ? none
                    : v.officerName()});
            facts.add(new String[] {t("supervision.field.foundOn", locale), v.foundOn()
                    + (v.place() == null ? "" : " " + v.place())});
            facts.add(new String[] {t("supervision.field.severity", locale),
                t("supervision.severity." + v.severity(), locale)});
            facts.add(new String[] {t("supervision.field.dueOn", locale), String.valueOf(v.dueOn())});
            // an answer given after the last day is filed as late, with its days: the state alone reads as in time
            String state = t("supervision.state." + v.state(), locale);
            facts.add(new String[] {t("supervision.field.state", locale), v.lateDays() == 0 ? state
                    : messages.getMessage("supervision.answeredLate", new Object[] {state, v.lateDays()}, locale)});
            facts.add(new String[] {t("supervision.field.issuedBy", locale), v.issuedByName()});
            pdf.facts(facts);
            pdf.heading(t("supervision.field.finding", locale));
            pdf.paragraph(v.finding());
            pdf.heading(t("supervision.timeline", locale));
            List<String[]> rows = new ArrayList<>();
            for (Notices.StepView s : notices.steps(id)) {
                String words = s.note() == null ? "" : s.note();
                if (s.measure() != null) {
                    words = s.targetName() + " · " + t("supervision.measure." + s.measure(), locale) + " · " + words;
                }
                long late = s.kind() == Notice.StepKind.ANSWERED ? Notices.daysLate(v.dueOn(), s.at()) : 0;
                if (late > 0) {
                    words += " · " + messages.getMessage("supervision.lateBadge", new Object[] {late}, locale);
                }
                // the rectification's date and evidence, as the page shows them: the print is what gets filed
                String colon = t("text.colon", locale);
                if (s.doneOn() != null) {
                    words += " · " + t("supervision.field.doneOn", locale) + colon + s.doneOn();
                }
                if (s.evidence() != null) {
                    words += " · " + t("supervision.field.evidence", locale) + colon + s.evidence();
                }
                rows.add(new String[] {s.at().atZoneSameInstant(LocalTimes.ZONE).toLocalDateTime().toString()
                        .replace('T', ' ').substring(0, 16), t("supervision.step." + s.kind(), locale),
                        s.byJob() ? t("supervision.actor.overdue", locale) : s.byName(), words});
            }
            pdf.table(new String[] {t("supervision.field.issuedAt", locale), t("supervision.field.state", locale),
                t("supervision.field.issuedBy", locale), t("supervision.field.note", locale)},
                    new float[] {0.2f, 0.2f, 0.15f, 0.45f}, rows);
            bytes = pdf.finish(title + " " + v.number());
        }
        // named in the reader's language as the print is written: a Chinese reader saved an English name
        return new Document(t("supervision.notice.file", locale) + "-" + v.year() + "-" + v.seq() + ".pdf", bytes);
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
