package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;

/**
 * A write the database refused for one of its constraints, as the person who made it is answered. The code checks what
 * it can before writing, but another person's change may commit between the check and the write (a room removed by a
 * building's edit while a household is registered into it, two officers saving the same household number): the loser
 * is told what happened and that nothing was saved, never shown a failure of the system.
 *
 * <p>A violation is answered by its SQLState only: a foreign key ({@code 23503}) or a unique key ({@code 23505}) or an
 * exclusion ({@code 23P01}) is a clash with another person's change (409); a check or a not-null constraint ({@code
 * 23514}, {@code 23502}) is a value the code let through (400). Each is logged at WARN with the constraint's name: a
 * constraint the code should have checked stays visible. A violation without such a state (one the code raises itself,
 * as an import does for a record removed while it ran) is not translated: it stays the failure it is.
 */
final class IntegrityViolations {

    private static final Logger log = LoggerFactory.getLogger(IntegrityViolations.class);

    /** How a violation is answered: its status and the message key of what the person reads. */
    record Refusal(HttpStatus status, String key) {
    }

    private IntegrityViolations() {
    }

    /** The answer to a violation reaching the web layer on {@code request}; empty when it is not one to translate. */
    static Optional<Refusal> refusal(DataIntegrityViolationException e, HttpServletRequest request) {
        SQLException sql = sqlException(e);
        String state = sql == null ? null : sql.getSQLState();
        Refusal refusal = state == null ? null : switch (state) {
            case "23503" -> new Refusal(HttpStatus.CONFLICT, "error.integrity.reference");
            case "23505" -> new Refusal(HttpStatus.CONFLICT, "error.integrity.unique");
            case "23P01" -> new Refusal(HttpStatus.CONFLICT, "error.integrity.overlap");
            case "23514", "23502" -> new Refusal(HttpStatus.BAD_REQUEST, "error.integrity.rule");
            default -> null;
        };
        if (refusal != null) {
            ServerErrorMessage server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
            log.warn("{} {} refused by the database: constraint {} on {} (SQLState {}), answered {}",
                    request.getMethod(), request.getRequestURI(), server == null ? null : server.getConstraint(),
                    server == null ? null : server.getTable(), state, refusal.status().value());
            log.debug("The refused write", e);
        }
        return Optional.ofNullable(refusal);
    }

    /** The database's own exception among the causes (or a batch's next exceptions). */
    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                        return s;
                    }
                }
                return sql;
            }
        }
        return null;
    }
}
