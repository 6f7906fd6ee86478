package org.fengqiao.population.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The population work of the work figures (走访、信息采集), each counted in the subtree's grids over the period:
 * door-to-door visits by the day they were made; households handed a contact card (警民联系卡) by every day they were
 * handed one (V167: a card handed again leaves the month of the one before as it was); floating residents by their
 * registration day, those who have left since as well (a month's registrations do not shrink as people move on);
 * persons, households and standard addresses by the day they were entered (information items collected); key persons
 * visited at least once while they were key persons (V167: one who stopped being one stays in the months he was
 * visited in); care agreements signed for left-behind children; households in difficulty that were visited, each once
 * (the help given is recorded as the visit), a household being in difficulty as its floor plan marks it: marked
 * itself, or a member still living there marked so; and the persons of those households helped (帮扶人数), each once,
 * those who lived there on the day of a visit (not recorded as gone, or gone only after it), who link to the list of
 * them over the same days in the same unit (HelpedPersons).
 */
@Component
class PopulationFigures implements PeriodFigures {

    /** The join of a record {@code x} with a grid to its unit, kept to the subtrees {@code :scope}; ends in AND. */
    static final String IN_GRID = " JOIN grid g ON g.id = x.grid_id JOIN unit u ON u.id = g.unit_id"
            + " WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND ";

    /** A record entered in the period (by its {@code created_at}, through its BRIN index, V141). */
    static final String ENTERED = "x.created_at >= :start AND x.created_at < :end";
    /**
     * A floating resident registered in the period, whether still here or left since (through
     * {@code person_floating_registered}, V163): a permanent resident who left was never registered.
     */
    static final String FLOATING_REGISTERED =
            "x.residence IN ('FLOATING', 'LEFT') AND x.registered_on >= :first AND x.registered_on < :after";
    /** A household {@code h} in difficulty, as its floor plan marks it ({@link Buildings}). */
    static final String IN_DIFFICULTY = "(h.in_difficulty OR EXISTS (SELECT 1 FROM person p JOIN person_category pc"
            + " ON pc.person_id = p.id AND pc.category = 'IN_DIFFICULTY' WHERE p.household_id = h.id"
            + " AND p.residence <> 'LEFT'))";
    /**
     * A person {@code p} of a visited household who lived there on the day of the visit {@code x}: not recorded as
     * gone, or gone after that day.
     */
    static final String NOT_LEFT_BY_VISIT = "(p.residence <> 'LEFT' OR p.left_on > (x.visited_at AT TIME ZONE"
            + " 'Asia/Shanghai')::date)";
    /**
     * A card handed in the period (through {@code contact_card_handed_on}, V167): every day a household was handed
     * one is kept, so a card handed again later leaves this period's count as it was.
     */
    static final String CONTACT_CARD = "c.handed_on >= :first AND c.handed_on < :after";
    /**
     * A visit {@code x} of a person {@code vp} made while he was a key person (V167's spells): one who stopped being
     * one stays counted in the periods he was visited in as one.
     */
    static final String AS_KEY_PERSON = "EXISTS (SELECT 1 FROM key_person_spell k WHERE k.person_id = vp.person_id"
            + " AND k.started_at <= x.visited_at AND (k.ended_at IS NULL OR k.ended_at > x.visited_at))";

    /**
     * The persons {@code p} of the households in difficulty visited in the period who lived there on the day of a
     * visit {@code x} (帮扶人数), from its {@code FROM}: the figure counts them, HelpedPersons lists them.
     */
    static final String HELPED = " FROM visit x JOIN household h ON h.id = x.household_id"
            + " JOIN person p ON p.household_id = h.id" + IN_GRID + "x.visited_at >= :start AND x.visited_at < :end"
            + " AND " + IN_DIFFICULTY + " AND " + NOT_LEFT_BY_VISIT;

    /**
     * The figures' one statement; {@code :scope} the subtrees' patterns, {@code :start}/{@code :end} the period's
     * instants and {@code :first}/{@code :after} its days.
     */
    static final String STATEMENT = "SELECT "
            + "(SELECT count(*) FROM visit x" + IN_GRID + "x.visited_at >= :start AND x.visited_at < :end), "
            + "(SELECT count(DISTINCT x.id) FROM contact_card_handed c JOIN household x ON x.id = c.household_id"
            + IN_GRID + CONTACT_CARD + "), "
            + "(SELECT count(*) FROM person x" + IN_GRID + FLOATING_REGISTERED + "), "
            + "(SELECT count(*) FROM person x" + IN_GRID + ENTERED + "), "
            + "(SELECT count(*) FROM household x" + IN_GRID + ENTERED + "), "
            + "(SELECT count(*) FROM address x" + IN_GRID + ENTERED + "), "
            + "(SELECT count(DISTINCT vp.person_id) FROM visit x JOIN visit_person vp ON vp.visit_id = x.id" + IN_GRID
            + "x.visited_at >= :start AND x.visited_at < :end AND " + AS_KEY_PERSON + "), "
            + "(SELECT count(*) FROM care_agreement a JOIN person x ON x.id = a.person_id" + IN_GRID
            + "a.signed_on >= :first AND a.signed_on < :after), "
            + "(SELECT count(DISTINCT h.id) FROM visit x JOIN household h ON h.id = x.household_id" + IN_GRID
            + "x.visited_at >= :start AND x.visited_at < :end AND " + IN_DIFFICULTY + "), "
            + "(SELECT count(DISTINCT p.id)" + HELPED + ")";

    private final JdbcClient jdbc;

    PopulationFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String heading() {
        return "figures.section.population";
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        return jdbc.sql(STATEMENT)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .param("first", period.first()).param("after", period.after())
                .query((rs, n) -> List.of(
                        Figure.count("visits", "figures.visits", rs.getLong(1)),
                        Figure.count("contactCards", "figures.contactCards", rs.getLong(2)),
                        Figure.count("floatingRegistered", "figures.floatingRegistered", rs.getLong(3)),
                        Figure.count("personsAdded", "figures.personsAdded", rs.getLong(4)),
                        Figure.count("householdsAdded", "figures.householdsAdded", rs.getLong(5)),
                        Figure.count("addressesAdded", "figures.addressesAdded", rs.getLong(6)),
                        Figure.count("keyPersonsVisited", "figures.keyPersonsVisited", rs.getLong(7)),
                        Figure.count("careAgreements", "figures.careAgreements", rs.getLong(8)),
                        Figure.count("householdsInDifficultyVisited", "figures.householdsInDifficultyVisited",
                                rs.getLong(9)),
                        Figure.count("personsInDifficultyHelped", "figures.personsInDifficultyHelped",
                                rs.getLong(10)).listedAt(HelpedPersons.LIST)))
                .single();
    }
}
