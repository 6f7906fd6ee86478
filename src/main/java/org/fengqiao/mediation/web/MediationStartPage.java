package org.fengqiao.mediation.web;

import java.time.LocalDate;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.mediation.internal.MediationDesk;
import org.fengqiao.mediation.internal.Screenings;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * 矛盾纠纷 on the start page of whoever reads the dispute cases: the grid coordinator and the village mediator, whose
 * main work it is (和为贵, 小事不出村), and the police who see mediation. Each figure is what the page its tile leads
 * to shows him, read by the same query and the same reach ({@link GridReach}: his grids and the cases whose team he
 * sits on, for one who serves grids): the cases being mediated (the list's "open" tab), the cases with a follow-up
 * visit due by today and how many of them are past their day (the "due" tab, which marks those), and the grids of his
 * not yet screened this week (the screenings page of this week).
 */
@Component
class MediationStartPage implements StartPageFigures {

    private final Disputes disputes;
    private final Screenings screenings;
    private final MediationDesk desk;

    MediationStartPage(Disputes disputes, Screenings screenings, MediationDesk desk) {
        this.disputes = disputes;
        this.screenings = screenings;
        this.desk = desk;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (!caller.may("MEDIATION_READ")) {
            return;
        }
        GridReach reach = GridReach.of(caller);
        LocalDate today = desk.today();
        model.addAttribute("mediationOpen", count(MediationPages.tab("open", null, null, today), caller, reach));
        model.addAttribute("mediationDue", count(MediationPages.tab("due", null, null, today), caller, reach));
        model.addAttribute("mediationOverdue", count(MediationPages.tab("due", null, null, today.minusDays(1)), caller,
                reach));
        model.addAttribute("mediationUnscreened",
                screenings.unscreened(screenings.thisWeek(), caller.unitPaths(), reach).size());
    }

    private long count(Disputes.Filter filter, Caller caller, GridReach reach) {
        return disputes.list(filter, caller.unitPaths(), reach, 0, 0).total();
    }
}
