package org.fengqiao.supervision.web;

import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.fengqiao.supervision.internal.Notices;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The inspector's (and the bureau command's) start page says what his supervision notices still ask of him: the
 * notices of his scope not yet closed and how many of them went overdue, the counts of the notice list's "open" and
 * "overdue" filters it links to. Issuing notices and following their rectification is his main work, and his start
 * page had no way to it.
 */
@Component
class SupervisionStartPage implements StartPageFigures {

    private final Notices notices;

    SupervisionStartPage(Notices notices) {
        this.notices = notices;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (!caller.may("SUPERVISION_ISSUE")) {
            return;
        }
        model.addAttribute("supervisionOpen", count(Notices.Status.OPEN, caller));
        model.addAttribute("supervisionOverdue", count(Notices.Status.OVERDUE, caller));
    }

    private long count(Notices.Status status, Caller caller) {
        return notices.list(new Notices.Filter(status, null, null), caller.scopePatterns(), 0, 0).total();
    }
}
