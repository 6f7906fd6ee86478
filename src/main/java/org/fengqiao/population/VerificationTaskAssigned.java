package org.fengqiao.population;

import java.time.Instant;
import java.util.UUID;

/**
 * A verification task (核查任务) from a utility anomaly was given to someone: by the system when it opened (to the grid's
 * chief, else its manager, else the station's duty person) or by hand to another who serves the grid. Published in the
 * transaction of the assignment; the notification module puts it in the assignee's inbox and closes what it told the
 * one it was taken from.
 *
 * @param task       the task
 * @param assignee   who checks the door now
 * @param previous   who had it before (null when nobody did)
 * @param unitPath   where the task's grid sits in the jurisdiction tree
 * @param place      the place as its page names it (the address with the room number)
 * @param kindKey    the message key of the task's kind (有用量无登记, 有登记无用量)
 * @param reasonKey  why it went to him (a message key): the grid's chief, its manager, the duty person, or by hand
 * @param at         when
 */
public record VerificationTaskAssigned(UUID task, UUID assignee, UUID previous, String unitPath, String place,
        String kindKey, String reasonKey, Instant at) {
}
