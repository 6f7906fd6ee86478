package org.fengqiao.mediation;

/** A member's place in a mediation team: officer + community mediator + social-work volunteer, or officer + village police. */
public enum TeamRole {
    OFFICER, COMMUNITY_MEDIATOR, SOCIAL_WORK_VOLUNTEER, VILLAGE_POLICE
}
