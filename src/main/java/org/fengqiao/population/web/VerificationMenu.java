package org.fengqiao.population.web;

import org.fengqiao.platform.Callers;
import org.fengqiao.population.internal.VerificationTasks;
import org.springframework.stereotype.Component;

/**
 * Whether the navigation bar offers 核查任务 to someone outside the population menu ({@code ${@verificationMenu
 * .offered()}} in layout.html): a volunteer, guard, mediator or informant reads no population records, yet a grid
 * chief may give him a door to check as a grid member. Without this he reached his task only from the start page's tile
 * (shown while one waits) and his inbox. Offered only to those who may hold one, so the others see no empty entry.
 */
@Component("verificationMenu")
public class VerificationMenu {

    private final VerificationTasks tasks;

    VerificationMenu(VerificationTasks tasks) {
        this.tasks = tasks;
    }

    public boolean offered() {
        return Callers.current()
                .filter(caller -> !caller.may("POPULATION_READ"))
                .map(caller -> caller.staffId() != null && tasks.mayHoldTasks(caller.staffId()))
                .orElse(false);
    }
}
