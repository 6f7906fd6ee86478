package org.fengqiao.supplies.web;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.supplies.CountUnit;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.fengqiao.supplies.internal.SupplyLedger.Kind;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A kind's name and count unit in the reader's language (the standard kinds by the bundle, the bureau's own by the
 * name it gave them) and fen as yuan, as the bean supplyNames: one naming for the pages, the API and the export.
 */
@Component("supplyNames")
public class SupplyNames {

    private final MessageSource messages;
    private final SupplyLedger ledger;

    SupplyNames(MessageSource messages, SupplyLedger ledger) {
        this.messages = messages;
        this.ledger = ledger;
    }

    public String name(Kind kind) {
        return name(kind, LocaleContextHolder.getLocale());
    }

    public String name(Kind kind, Locale locale) {
        return kind.builtin() ? text("supplies.kind." + kind.code(), locale) : kind.name();
    }

    /** The name of a kind by its id, or the id when there is no such kind. */
    public String name(UUID kindId) {
        return ledger.kind(kindId).map(this::name).orElse(String.valueOf(kindId));
    }

    public String countUnit(Kind kind) {
        return countUnit(kind, LocaleContextHolder.getLocale());
    }

    public String countUnit(Kind kind, Locale locale) {
        return text("supplies.countUnit." + kind.countUnit(), locale);
    }

    /** The count unit beside a quantity, as the export's column shows it: "piece" beside 1, "pieces" beside 2. */
    public String countUnit(Kind kind, long quantity, Locale locale) {
        return messages.getMessage("supplies.countUnitOf." + kind.countUnit(), new Object[] {quantity}, locale);
    }

    /** A quantity with its count unit in the reader's language: "1 piece", "2 pieces", "2 个". */
    public String count(CountUnit unit, long quantity) {
        return messages.getMessage("supplies.count." + unit.name(), new Object[] {quantity},
                LocaleContextHolder.getLocale());
    }

    /** Fen as yuan with two decimals. */
    public String yuan(Long fen) {
        return fen == null ? "" : BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
