package org.fengqiao.population.web;

import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.fengqiao.population.internal.KeyPersonCare;
import org.fengqiao.population.internal.VerificationTasks;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The population work that waits for the signed-in person, on the start page:
 * <ul>
 *   <li>the number of overdue key-person visits: for a grid chief or grid manager those of the grids he heads or manages, for anyone else who
 *       reads population records those of his whole jurisdiction;</li>
 *   <li>the verification tasks not yet resolved: those given to him, and, when he reads population records, all of
 *       his jurisdiction's (the counts of the task list's "mine" and "open" views).</li>
 * </ul>
 */
@Component
class PopulationStartPage implements StartPageFigures {

    private final KeyPersonCare care;
    private final VerificationTasks verifications;

    PopulationStartPage(KeyPersonCare care, VerificationTasks verifications) {
        this.care = care;
        this.verifications = verifications;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        boolean reads = caller.may("POPULATION_READ");
        if (reads) {
            boolean chief = care.looksAfterAGrid(caller);
            model.addAttribute("overdueKeyPersons", care.overdueCount(caller, chief));
            model.addAttribute("overdueMine", chief);
        }
        long mine = unresolved(caller, true);
        if (mine > 0 || reads) {
            model.addAttribute("myVerificationTasks", mine);
            model.addAttribute("openVerificationTasks", reads ? unresolved(caller, false) : 0);
        }
    }

    private long unresolved(Caller caller, boolean mine) {
        return verifications.list(new VerificationTasks.Filter(null, null, null, mine, true), caller, 0, 0).total();
    }
}
