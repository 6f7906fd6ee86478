package org.fengqiao.forces.internal;

import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a caller may see of the forces, as SQL parameters: the subtrees of his units, the grids he reads in them
 * ({@link GridReach}: one who serves grids reads the teams, posts, shifts and people of the grids he serves, and what
 * is his, not every grid of his office; ADR 10), and whether he may know informants (the station chief's
 * {@code INCIDENT_INFORMANT_IDENTITY}) besides those he handles himself. The fragments expect {@code u} as the owning
 * unit, {@code s} as the staff row and {@code m} as its (left-joined) roster profile; {@code t} a team, {@code p} a
 * post and {@code f} a shift.
 */
public record Visibility(String[] scope, boolean informants, UUID me, GridReach reach) {

    /** The record's unit lies in the caller's subtrees. */
    static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";
    /** An informant shows only to his handler and to those who may know informants. */
    static final String INFORMANT = " (s.role <> 'INFORMANT' OR CAST(:informants AS boolean) OR m.handler_id = CAST(:me AS uuid)) ";
    private static final String NARROWED = " (NOT CAST(:narrowed AS boolean) OR ";
    private static final String IN_REACH = " = ANY(CAST(:reachGrids AS uuid[]))";
    /** A team of a grid he reads, or one he is in. */
    static final String TEAM_REACH = NARROWED + "t.grid_id" + IN_REACH
            + " OR EXISTS (SELECT 1 FROM force_team_member rt WHERE rt.team_id = t.id AND rt.left_on IS NULL"
            + " AND rt.staff_id = CAST(:me AS uuid))) ";
    /** A post of a grid he reads, or one where he has a shift. */
    static final String POST_REACH = NARROWED + "p.grid_id" + IN_REACH
            + " OR EXISTS (SELECT 1 FROM force_shift rf WHERE rf.post_id = p.id AND rf.staff_id = CAST(:me AS uuid))) ";
    /** A shift at a post of a grid he reads, or his own. */
    static final String SHIFT_REACH = NARROWED + "p.grid_id" + IN_REACH + " OR f.staff_id = CAST(:me AS uuid)) ";
    /** A person of a grid he reads (the roster profile's grid, or on a grid's roster there), or himself. */
    static final String MEMBER_REACH = NARROWED + "m.grid_id" + IN_REACH + " OR s.id = CAST(:me AS uuid)"
            + " OR EXISTS (SELECT 1 FROM grid_role rr WHERE rr.staff_id = s.id AND rr.ended_on IS NULL"
            + " AND rr.grid_id" + IN_REACH + ")) ";

    public static Visibility of(Caller caller) {
        return new Visibility(caller.scopePatterns(), caller.may(Permission.INCIDENT_INFORMANT_IDENTITY.name()),
                caller.staffId(), GridReach.of(caller));
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
        return spec.param("scope", scope).param("informants", informants).param("me", me)
                .param("narrowed", reach.narrowed())
                .param("reachGrids", reach.narrowed() ? reach.grids().toArray(UUID[]::new) : new UUID[0]);
    }
}
