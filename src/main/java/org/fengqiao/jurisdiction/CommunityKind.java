package org.fengqiao.jurisdiction;

public enum CommunityKind {
    /** 社区: an urban community of residential compounds. */
    COMMUNITY,
    /** 行政村: an administrative village. */
    VILLAGE
}
