/**
 * Notifications: the in-app inbox of each person who works (an incident given to him by the routing or
 * by an escalation, his grid's incidents he is kept informed of, key persons' visits overdue in a grid he
 * heads, work waiting for his decision: a claimed hard case reported done, a points award to approve; a hard case of
 * his sent back to him; a supervisor's review remark on his work log) and the outbound webhooks of units (every step
 * of the incidents in a unit's subtree, written to an outbox in the step's transaction and delivered, signed, with
 * retries, by a worker).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.fengqiao.notification;
