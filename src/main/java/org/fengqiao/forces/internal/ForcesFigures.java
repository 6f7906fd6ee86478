package org.fengqiao.forces.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The forces' part of the work figures, among the police work (警务工作: 组织安全防范 is one of the village officer's
 * tasks, seed 004): the community's defence people organised (群防群治力量, 发动组织社会防范人员), each person once —
 * a member of a team of a unit in the subtree on any day of the period (his term there begun by its last day and not
 * ended before its first), by his terms in the teams, so a member who has left since stays counted in the periods he
 * served in. Informants are not counted: who and how many they are is known only to their handlers and the chief.
 * The figure links to the list of those people over the same days in the same unit (Members#defenders).
 */
@Component
class ForcesFigures implements PeriodFigures {

    /** The list of the people counted (Members#defenders). */
    static final String LIST = "/forces/defence-people";

    private final JdbcClient jdbc;

    ForcesFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 51;
    }

    @Override
    public String heading() {
        return POLICE_WORK;
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        long members = jdbc.sql("SELECT count(*) FROM staff s WHERE" + Members.DEFENDED)
                .param("under", Period.patterns(unitPaths)).param("first", period.first())
                .param("last", period.last())
                .query(Long.class).single();
        return List.of(Figure.count("defencePeople", "figures.defencePeople", members).listedAt(LIST));
    }
}
