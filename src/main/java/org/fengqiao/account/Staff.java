package org.fengqiao.account;

import org.fengqiao.jurisdiction.UnitId;

/** A person who works in the jurisdiction, as other modules see them. */
public record Staff(StaffId id, UnitId unitId, StaffRole role, String name, String username, boolean active) {
}
