package org.fengqiao.population.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Verification tasks opened before a new task went to the grid's verifier stayed unassigned. Who the rule names (the
 * grid's chief, else its manager, else the station's duty person by {@code StaffDirectory.stationDuty}, which walks up
 * the tree) is not one SQL statement, so the tasks are given here at start-up, by the code that gives a new task: once,
 * for a task given has an assignee and is not read again; one nobody can be named for is tried at the next start.
 */
@Component
class UnassignedTasksAtStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UnassignedTasksAtStart.class);

    private final Verifications verifications;

    UnassignedTasksAtStart(Verifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public void run(ApplicationArguments args) {
        long given = verifications.assignUnassigned();
        if (given > 0) {
            log.info("Gave {} verification tasks that waited unassigned to their grids' verifiers", given);
        }
    }
}
