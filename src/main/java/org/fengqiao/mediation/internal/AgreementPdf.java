package org.fengqiao.mediation.internal;

import org.fengqiao.platform.pdf.PdfLayout;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.mediation.internal.Disputes.Case;
import org.fengqiao.mediation.internal.Disputes.Member;
import org.fengqiao.platform.Conflict;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The agreement (调解协议书) of a case that ended in one, as an A4 PDF to print and sign: the parties, the dispute,
 * the agreement's text, the mediators, the officer as witness when the parties asked for one, and a line for each
 * signature. Phones stay masked. Reading it is a read of the parties' data, so it is audited.
 */
@Service
public class AgreementPdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final MediationDesk desk;
    private final Disputes disputes;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final CurrentParties current;

    AgreementPdf(MediationDesk desk, Disputes disputes, MessageSource messages, ApplicationEventPublisher events,
            CurrentParties current) {
        this.current = current;
        this.desk = desk;
        this.disputes = disputes;
        this.messages = messages;
        this.events = events;
    }

    public record Document(String fileName, byte[] bytes) {
    }

    public Document print(UUID id, Actor who, Locale locale) {
        Case c = desk.get(id, who);
        if (c.status() != Disputes.Status.AGREED) {
            throw new Conflict("mediation.agreement.none");
        }
        // the names and masked phones as they stand in the records now (a linked party's are read, audited)
        List<CurrentParties.PartyNow> parties = current.of(id, who);
        List<Member> team = disputes.team(id);
        String title = t("mediation.pdf.title", locale);
        byte[] bytes;
        try (PdfLayout pdf = new PdfLayout(title + " " + c.code(), who.name())) {
            pdf.title(title, t("mediation.pdf.number", locale) + " " + c.code());
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {t("mediation.field.kind", locale), t("mediation.kind." + c.kind(), locale)});
            facts.add(new String[] {t("mediation.field.grid", locale), messages.getMessage("text.aside",
                    new Object[] {c.gridName(), c.unitName()}, locale)});
            facts.add(new String[] {t("mediation.field.openedAt", locale),
                    c.openedAt().atZoneSameInstant(MediationDesk.ZONE).format(DAY)});
            facts.add(new String[] {t("mediation.field.endedAt", locale),
                    c.endedAt().atZoneSameInstant(MediationDesk.ZONE).format(DAY)});
            facts.add(new String[] {t("mediation.field.level", locale), t("mediation.level." + c.settledLevel(), locale)});
            facts.add(new String[] {t("mediation.field.sessions", locale), String.valueOf(c.sessions())});
            pdf.facts(facts);
            pdf.heading(t("mediation.field.parties", locale));
            List<String[]> rows = new ArrayList<>();
            for (CurrentParties.PartyNow p : parties) {
                rows.add(new String[] {party(p.position(), locale), p.name(),
                        p.phoneMasked() == null ? "" : p.phoneMasked()});
            }
            pdf.table(new String[] {"", t("mediation.field.name", locale), t("mediation.field.phone", locale)},
                    new float[] {0.2f, 0.45f, 0.35f}, rows);
            pdf.heading(t("mediation.pdf.dispute", locale));
            pdf.paragraph(c.summary());
            // 双方 ("both") for two parties, 各方 for three or more, in the heading and in the closing clause alike:
            // they all sign what it says of them
            boolean two = parties.size() == 2;
            pdf.heading(t(two ? "mediation.pdf.agreement.two" : "mediation.pdf.agreement", locale));
            pdf.paragraph(c.agreementText());
            pdf.paragraph(t(two ? "mediation.pdf.binding.two" : "mediation.pdf.binding", locale));
            pdf.heading(t("mediation.field.team", locale));
            List<String[]> members = new ArrayList<>();
            for (Member m : team) {
                members.add(new String[] {t("mediation.role." + m.role(), locale), m.name(), m.unitName()});
            }
            pdf.table(new String[] {t("mediation.field.role", locale), t("mediation.field.name", locale),
                    t("mediation.field.unit", locale)}, new float[] {0.3f, 0.3f, 0.4f}, members);
            pdf.heading(t("mediation.pdf.signatures", locale));
            List<String[]> signs = new ArrayList<>();
            for (CurrentParties.PartyNow p : parties) {
                signs.add(new String[] {party(p.position(), locale) + " " + p.name(), "\n\n", ""});
            }
            team.stream().filter(m -> m.role() != TeamRole.OFFICER || c.witnessStaffId() == null)
                    .forEach(m -> signs.add(new String[] {t("mediation.pdf.mediator", locale) + " " + m.name(), "\n\n", ""}));
            if (c.witnessName() != null) {
                signs.add(new String[] {t("mediation.pdf.witness", locale) + " " + c.witnessName(), "\n\n", ""});
            }
            pdf.table(new String[] {"", t("mediation.pdf.sign", locale), t("mediation.pdf.date", locale)},
                    new float[] {0.4f, 0.35f, 0.25f}, signs);
            bytes = pdf.finish(title + " " + c.code() + " · " + who.name());
        }
        events.publishEvent(Audited.read("dispute", id, c.unitPath()).by(who.name()));
        // named in the reader's language as the print is written: a Chinese reader saved an English name
        return new Document(t("mediation.pdf.file", locale) + "-" + c.code() + ".pdf", bytes);
    }

    /** "当事人1", "Party 1": the number inside the message, as each language places it. */
    private String party(int position, Locale locale) {
        return messages.getMessage("mediation.pdf.party", new Object[] {String.valueOf(position)}, locale);
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
