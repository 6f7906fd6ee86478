package org.fengqiao.jurisdiction;

/** A grid as other modules see it: where it sits in the tree, without its boundary. */
public record Grid(GridId id, GridNetwork network, String code, String name, CommunityId communityId,
        UnitId unitId, String unitPath) {
}
