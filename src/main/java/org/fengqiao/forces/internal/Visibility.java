package org.fengqiao.forces.internal;

import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a caller may see of the forces, as SQL parameters: the subtrees of his units, and whether he may
 * know informants (the station chief's {@code INCIDENT_INFORMANT_IDENTITY}) besides those he handles himself.
 * The fragments expect {@code u} as the owning unit, {@code s} as the staff row and {@code m} as its
 * (left-joined) roster profile.
 */
public record Visibility(String[] scope, boolean informants, UUID me) {

    /** The record's unit lies in the caller's subtrees. */
    static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";
    /** An informant shows only to his handler and to those who may know informants. */
    static final String INFORMANT = " (s.role <> 'INFORMANT' OR CAST(:informants AS boolean) OR m.handler_id = CAST(:me AS uuid)) ";

    public static Visibility of(Caller caller) {
        return new Visibility(caller.scopePatterns(), caller.may(Permission.INCIDENT_INFORMANT_IDENTITY.name()),
                caller.staffId());
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
        return spec.param("scope", scope).param("informants", informants).param("me", me);
    }
}
