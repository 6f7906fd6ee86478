package org.fengqiao.population.web;

import java.util.Set;
import java.util.UUID;
import org.fengqiao.population.internal.VerificationTasks;
import org.springframework.stereotype.Component;

/**
 * For the floor plan page (居民信息平面图): the rooms of a building with a verification task not yet
 * resolved, so the plan marks them. The page has checked that the caller sees the building.
 */
@Component("verificationMarks")
public class VerificationMarks {

    private final VerificationTasks tasks;

    VerificationMarks(VerificationTasks tasks) {
        this.tasks = tasks;
    }

    public Set<UUID> openRooms(UUID buildingId) {
        return Set.copyOf(tasks.roomsWithOpenTasks(buildingId));
    }
}
