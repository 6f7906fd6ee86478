package org.fengqiao.supervision.web;

import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.fengqiao.supervision.internal.Notices;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the supervision notices still ask of the signed-in person, on his start page:
 * <ul>
 *   <li>the inspector (and the bureau command), who issues them and follows their rectification: the notices of his
 *       scope not yet closed and how many of them went overdue, the counts of the notice list's "open" and "overdue"
 *       filters it links to;</li>
 *   <li>the station chief and the community officer, who answer them for their unit: the notices to the units of
 *       their scope not yet closed and how many went overdue, the open ones of the page of notices to their unit it
 *       links to. The chief is the one who answers them, and his start page had no way to them.</li>
 * </ul>
 */
@Component
class SupervisionStartPage implements StartPageFigures {

    private final Notices notices;

    SupervisionStartPage(Notices notices) {
        this.notices = notices;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (caller.may("SUPERVISION_ISSUE")) {
            model.addAttribute("supervisionOpen", count(Notices.Status.OPEN, caller));
            model.addAttribute("supervisionOverdue", count(Notices.Status.OVERDUE, caller));
        }
        if (caller.may("SUPERVISION_ANSWER")) {
            model.addAttribute("toUsOpen", count(Notices.Status.OPEN, caller));
            model.addAttribute("toUsOverdue", count(Notices.Status.OVERDUE, caller));
        }
    }

    private long count(Notices.Status status, Caller caller) {
        return openCount(notices, status, caller);
    }

    /** The notices of the caller's scope in that status: what the list's filter, and the page to his unit, show. */
    static long openCount(Notices notices, Notices.Status status, Caller caller) {
        return notices.list(new Notices.Filter(status, null, null), caller.scopePatterns(), 0, 0).total();
    }
}
