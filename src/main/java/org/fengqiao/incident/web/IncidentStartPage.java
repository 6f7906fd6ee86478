package org.fengqiao.incident.web;

import java.time.Clock;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The signed-in person's to-do list on the start page: how many open items he owns and how many of them are past their
 * deadline, the phone's first screen for a grid manager.
 */
@Component
class IncidentStartPage implements StartPageFigures {

    private final Incidents incidents;
    private final Clock clock;

    IncidentStartPage(Incidents incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (caller.may("INCIDENT_READ")) {
            Incidents.Owned owned = incidents.owned(caller.staffId(), caller.unitPaths(), clock.instant());
            model.addAttribute("myOpenItems", owned.open());
            model.addAttribute("myOverdueItems", owned.overdue());
        }
    }
}
