package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fengqiao.platform.UniqueKey;
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
 *
 * <p>A unique key the code checks before writing ({@link UniqueKey}: a household's number, a team's name) is answered
 * as its check answers ({@link #checked}): the one who lost the race reads what he would have read had the other
 * person's row been committed when he was checked, not a generic line.
 */
final class IntegrityViolations {

    private static final Logger log = LoggerFactory.getLogger(IntegrityViolations.class);

    /**
     * A unique violation's detail, {@code Key (grid_id, name)=(…, 1号楼) already exists.}: the columns and the values
     * (each joined by ", "; the words around them are in the server's language, so only the brackets are read).
     */
    private static final Pattern KEY = Pattern.compile("\\((.+?)\\)=\\((.*)\\)", Pattern.DOTALL);

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

    /** The keys the modules check, by constraint name; a constraint declared twice fails the start. */
    static Map<String, UniqueKey> byConstraint(List<UniqueKey> keys) {
        return keys.stream().collect(Collectors.toUnmodifiableMap(UniqueKey::constraint, k -> k));
    }

    /**
     * The answer of the check behind the unique key a violation names, when it is one of {@code keys} (by constraint
     * name): empty for another violation, which {@link #refusal} answers. A message naming the value taken gets the
     * key's last column as the database reports it (stored as the check compared it: trimmed, normalised); without
     * it (a server hiding the detail) the violation is left to {@link #refusal}.
     */
    static Optional<RuntimeException> checked(DataIntegrityViolationException e, HttpServletRequest request,
            Map<String, UniqueKey> keys) {
        SQLException sql = sqlException(e);
        ServerErrorMessage server = sql instanceof PSQLException p && "23505".equals(p.getSQLState())
                ? p.getServerErrorMessage() : null;
        UniqueKey key = server == null || server.getConstraint() == null ? null : keys.get(server.getConstraint());
        if (key == null) {
            return Optional.empty();
        }
        String value = key.named() ? lastValue(server.getDetail()) : null;
        if (key.named() && value == null) {
            return Optional.empty();
        }
        log.info("{} {} lost a race for {} on {}: answered as its check ({})", request.getMethod(),
                request.getRequestURI(), key.constraint(), server.getTable(), key.key());
        return Optional.of(key.answer(value));
    }

    /** The value of the last column of a unique violation's key; null when the detail does not show it. */
    static String lastValue(String detail) {
        Matcher m = detail == null ? null : KEY.matcher(detail);
        if (m == null || !m.find()) {
            return null;
        }
        // earlier columns are ids and codes without ", "; the last (a name) may hold one, so it takes the rest
        int columns = m.group(1).split(", ").length;
        String[] values = m.group(2).split(", ", columns);
        return values.length == columns ? values[columns - 1] : null;
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
