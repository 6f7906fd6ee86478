package org.fengqiao.recovery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.YuanInCapitals;
import org.fengqiao.platform.pdf.PdfLayout;
import org.fengqiao.recovery.internal.RecoveryFiles.File;
import org.fengqiao.recovery.internal.RecoveryFiles.Return;
import org.fengqiao.recovery.internal.RecoveryFiles.Victim;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The receipt of one return (发还赃款赃物领取凭证) as an A4 PDF for the victim to sign: the case, the victim (phone
 * masked), what is returned (the asset, the items, the amount in yuan, in Chinese also in capitals), what he had lost, the event if it was a
 * collective return, and lines for the victim's and the officer's signatures. Reading it is a read of the victim's
 * data, so it is audited.
 */
@Service
public class ReceiptPdf {

    private final RecoveryDesk desk;
    private final RecoveryFiles files;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    ReceiptPdf(RecoveryDesk desk, RecoveryFiles files, MessageSource messages, ApplicationEventPublisher events) {
        this.desk = desk;
        this.files = files;
        this.messages = messages;
        this.events = events;
    }

    public record Document(String fileName, byte[] bytes) {
    }

    public Document print(UUID id, UUID returnId, Actor who, Locale locale) {
        File f = desk.get(id, who);
        Return r = files.findReturn(id, returnId).orElseThrow(() -> new NotFound("return", returnId));
        Victim victim = files.victims(id).stream().filter(v -> v.id().equals(r.victimId())).findFirst().orElseThrow();
        RecoveryFiles.Event event = r.eventId() == null ? null : files.findEvent(r.eventId(), null).orElse(null);
        String title = t("recovery.pdf.title", locale);
        byte[] bytes;
        try (PdfLayout pdf = new PdfLayout(title + " " + f.code(), who.name())) {
            pdf.title(title, t("recovery.pdf.number", locale) + " " + f.code());
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {t("recovery.field.caseNumber", locale), f.caseNumber()});
            facts.add(new String[] {t("recovery.field.title", locale), f.title()});
            facts.add(new String[] {t("recovery.field.grid", locale), messages.getMessage("text.aside",
                    new Object[] {f.gridName(), f.unitName()}, locale)});
            facts.add(new String[] {t("recovery.field.owner", locale), f.ownerName()});
            facts.add(new String[] {t("recovery.field.victim", locale), victim.name()});
            facts.add(new String[] {t("recovery.field.phone", locale), victim.phoneMasked() == null ? "" : victim.phoneMasked()});
            facts.add(new String[] {t("recovery.field.returnedOn", locale), String.valueOf(r.returnedOn())});
            facts.add(new String[] {t("recovery.field.returnedBy", locale), r.returnedByName()});
            if (event != null) {
                facts.add(new String[] {t("recovery.field.event", locale), event.heldOn() + " " + event.place()});
                facts.add(new String[] {t("recovery.field.officer", locale), event.officerName()});
            }
            pdf.facts(facts);
            pdf.heading(t("recovery.pdf.returned", locale));
            pdf.table(new String[] {t("recovery.field.assetKind", locale), t("recovery.field.asset", locale),
                    t("recovery.field.items", locale), t("recovery.pdf.amountYuan", locale)},
                    new float[] {0.16f, 0.32f, 0.32f, 0.2f},
                    List.<String[]>of(new String[] {t("recovery.kind." + r.assetKind(), locale), r.assetDescription(),
                            r.items() == null ? "" : r.items(), ReconciliationPolicy.yuan(r.amountFen())}));
            // a Chinese receipt states the sum in capitals too (人民币大写), which a pen cannot turn into another sum
            pdf.paragraph(messages.getMessage("recovery.pdf.amountInWords", new Object[] {
                    YuanInCapitals.of(r.amountFen()), ReconciliationPolicy.yuan(r.amountFen())}, locale));
            pdf.heading(t("recovery.pdf.lost", locale));
            List<String[]> lost = new ArrayList<>();
            for (RecoveryFiles.Loss l : files.losses(id)) {
                if (l.victimId().equals(victim.id())) {
                    lost.add(new String[] {l.description(), String.valueOf(l.quantity()), ReconciliationPolicy.yuan(l.amountFen())});
                }
            }
            // what he lost, headed as such: this table is not what is handed back now (the table above)
            pdf.table(new String[] {t("recovery.field.description", locale), t("recovery.field.quantity", locale),
                    t("recovery.pdf.amountYuan", locale)}, new float[] {0.6f, 0.15f, 0.25f}, lost);
            pdf.paragraph(t("recovery.pdf.totals", locale) + " " + ReconciliationPolicy.yuan(victim.lostFen()) + " / "
                    + ReconciliationPolicy.yuan(returnedUpTo(files.returns(id), r)) + " " + t("recovery.yuan", locale));
            pdf.paragraph(t("recovery.pdf.declaration", locale));
            pdf.heading(t("recovery.pdf.signatures", locale));
            pdf.table(new String[] {"", t("recovery.pdf.sign", locale), t("recovery.pdf.date", locale)},
                    new float[] {0.4f, 0.35f, 0.25f},
                    List.of(new String[] {t("recovery.pdf.victimSigns", locale) + " " + victim.name(), "\n\n", ""},
                            new String[] {t("recovery.pdf.officerSigns", locale) + " " + r.returnedByName(), "\n\n", ""}));
            bytes = pdf.finish(title + " " + f.code() + " · " + who.name());
        }
        events.publishEvent(Audited.read("recovery-file", id, f.unitPath()).by(who.name()));
        // named in the reader's language as the print is written: a Chinese reader saved an English name
        return new Document(t("recovery.pdf.file", locale) + "-" + f.code() + "-" + returnId.toString().substring(0, 8) + ".pdf", bytes);
    }

    /**
     * What the victim had got back when this return was made: his returns up to and including it, in the order the
     * file lists them. A receipt printed (or printed again) after later returns still states its own day's total,
     * not money the victim had not yet received when he signs for this one.
     */
    static long returnedUpTo(List<Return> returns, Return r) {
        long sum = 0;
        for (Return each : returns) {
            if (each.victimId().equals(r.victimId())) {
                sum += each.amountFen();
            }
            if (each.id().equals(r.id())) {
                break;
            }
        }
        return sum;
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
