package org.fengqiao.population.web;

import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.GridPageFigures;
import org.fengqiao.population.internal.VerificationTasks;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The grid's page counts the verification tasks of the grid not yet resolved, as the task list counts them for the
 * reader (his jurisdiction's with population read access, else those given to him), and how many of them are his,
 * linked to the list filtered to the grid.
 */
@Component
class VerificationGridFigures implements GridPageFigures {

    private final VerificationTasks tasks;

    VerificationGridFigures(VerificationTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public void addTo(UUID gridId, Caller caller, Model model) {
        long open = count(gridId, caller, false);
        if (open == 0 && !caller.may("POPULATION_READ")) {
            return;
        }
        model.addAttribute("gridVerificationTasks", open);
        model.addAttribute("gridVerificationTasksMine", count(gridId, caller, true));
    }

    private long count(UUID gridId, Caller caller, boolean mine) {
        return tasks.list(new VerificationTasks.Filter(null, gridId, null, mine, true), caller, 0, 0).total();
    }
}
