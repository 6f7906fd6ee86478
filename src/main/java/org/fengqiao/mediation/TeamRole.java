package org.fengqiao.mediation;

import org.fengqiao.platform.ChoiceNames;

/** A member's place in a mediation team: officer + community mediator + social-work volunteer, or officer + village police. */
@ChoiceNames("mediation.role.")
public enum TeamRole {
    OFFICER, COMMUNITY_MEDIATOR, SOCIAL_WORK_VOLUNTEER, VILLAGE_POLICE
}
