package org.fengqiao.jurisdiction;

/** A unit of the police hierarchy as other modules see it. */
public record Unit(UnitId id, UnitId parentId, UnitKind kind, String code, String name, String divisionCode,
        String path, int depth) {
}
