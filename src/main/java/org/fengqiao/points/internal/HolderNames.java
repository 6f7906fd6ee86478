package org.fengqiao.points.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.fengqiao.forces.Informants;
import org.fengqiao.platform.Caller;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the holders of awards, ledger entries and rankings show to the reader: an informant whom the reader may not know
 * ({@link org.fengqiao.forces.InformantIdentityPolicy}: only his handler and the station chief know him) shows as
 * "信息员" ({@code points.role.INFORMANT}, in the reader's language) with no id to link or look him up by. Every
 * read of the points that names holders to a caller goes through here, so the pages, the API and the exports agree.
 */
@Component
public class HolderNames {

    private final Informants informants;
    private final MessageSource messages;

    HolderNames(Informants informants, MessageSource messages) {
        this.informants = informants;
        this.messages = messages;
    }

    /** Those of the holders the caller may not know. */
    public Set<UUID> hidden(Caller caller, Collection<UUID> holders) {
        return informants.hiddenFrom(caller, holders);
    }

    /** Whether the caller may not know the holder. */
    public boolean hidden(Caller caller, UUID holder) {
        return informants.hiddenFrom(caller, holder);
    }

    /** What a hidden holder shows as, in the reader's language. */
    public String informant() {
        return informant(LocaleContextHolder.getLocale());
    }

    public String informant(java.util.Locale locale) {
        return messages.getMessage("points.role.INFORMANT", null, "信息员", locale);
    }

    List<Awards.Award> awards(List<Awards.Award> awards, Caller caller) {
        return shown(awards, Awards.Award::holderId, caller, a -> new Awards.Award(a.id(), null, informant(),
                a.gridId(), a.gridName(), a.rule(), a.points(), a.sourceType(), a.sourceId(), a.note(),
                a.linkedAwardId(), a.status(), a.proposedByName(), a.proposedAt(), a.decidedByName(), a.decidedAt(),
                a.decisionNote(), a.unitPath()));
    }

    Awards.Award award(Awards.Award award, Caller caller) {
        return awards(List.of(award), caller).get(0);
    }

    List<Ledger.Entry> entries(List<Ledger.Entry> entries, Caller caller) {
        return shown(entries, Ledger.Entry::holderId, caller, e -> new Ledger.Entry(e.id(), null, informant(), e.kind(),
                e.points(), e.balanceAfter(), e.rule(), e.sourceType(), e.sourceId(), e.gridId(), e.gridName(),
                e.awardId(), e.reversesId(), e.reversed(), e.approvedByName(), e.note(), e.at(), e.unitPath()));
    }

    List<Leaderboards.Row> rows(List<Leaderboards.Row> rows, Caller caller) {
        return shown(rows, Leaderboards.Row::holderId, caller, r -> new Leaderboards.Row(r.rank(), null, informant(),
                r.role(), r.unitName(), r.points(), r.awards()));
    }

    List<Leaderboards.Activist> activists(List<Leaderboards.Activist> activists, Caller caller) {
        return shown(activists, Leaderboards.Activist::holderId, caller, a -> new Leaderboards.Activist(a.year(),
                a.rank(), null, informant(), a.points(), a.confirmedByName()));
    }

    /**
     * A voucher as the store's staff see it at pickup: its holder named only to those who may know him; the
     * voucher, its item and its state all show, so the store redeems it all the same.
     */
    Store.Voucher voucher(Store.Voucher v, Caller caller) {
        return !hidden(caller, v.holderId()) ? v : new Store.Voucher(v.id(), v.code(), null, informant(), v.itemId(),
                v.itemName(), v.storeName(), v.points(), v.issuedAt(), v.usedAt(), v.usedByName(), v.cancelledAt(),
                v.unitPath());
    }

    private <T> List<T> shown(List<T> items, Function<T, UUID> holder, Caller caller, Function<T, T> masked) {
        Set<UUID> hidden = hidden(caller, items.stream().map(holder).toList());
        if (hidden.isEmpty()) {
            return items;
        }
        return items.stream().map(i -> hidden.contains(holder.apply(i)) ? masked.apply(i) : i).toList();
    }
}
