package org.fengqiao.points;

import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.points.internal.HolderNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask of an award's holder: whether the reader may not know him (an informant, known only to
 * his handler and the station chief), and what he shows as then. The inbox asks it of an award waiting for approval,
 * whose entry would name him.
 */
@Service
public class AwardHolders {

    private final JdbcClient jdbc;
    private final HolderNames names;

    AwardHolders(JdbcClient jdbc, HolderNames names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    /** Whether the award's holder is one the caller may not know (false for an award that is not there). */
    public boolean hiddenFrom(Caller caller, UUID award) {
        return jdbc.sql("SELECT holder_id FROM points_award WHERE id = ?").param(award).query(UUID.class).optional()
                .map(holder -> names.hidden(caller, holder)).orElse(false);
    }

    /** What a hidden holder shows as: "信息员", "Informant". */
    public String hiddenName(Locale locale) {
        return names.informant(locale);
    }
}
