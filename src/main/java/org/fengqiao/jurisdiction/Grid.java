package org.fengqiao.jurisdiction;

/**
 * A grid as other modules see it: where it sits in the tree, without its boundary. {@code retired}: merged or redrawn
 * away; the records filed in it still name it, but no form offers it and no point is located in it.
 */
public record Grid(GridId id, GridNetwork network, String code, String name, CommunityId communityId,
        UnitId unitId, String unitPath, boolean retired) {

    /** A grid in use, as the spatial index and the benchmarks build one. */
    public Grid(GridId id, GridNetwork network, String code, String name, CommunityId communityId, UnitId unitId,
            String unitPath) {
        this(id, network, code, name, communityId, unitId, unitPath, false);
    }
}
