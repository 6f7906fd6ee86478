package org.fengqiao.jurisdiction;

import java.util.List;
import org.fengqiao.platform.Invalid;

/**
 * A retired grid's id given as the grid a new record is filed into or a record is moved into (a stale form, the
 * API): bad input (400) naming the grid, nothing changed. Where the grid's ground went is not the grid's to say, so
 * the message only asks for another grid.
 */
public class GridRetired extends Invalid {

    public static final String KEY = "jurisdiction.grid.retired";

    public GridRetired(String field, Grid grid) {
        super("error.invalid", List.of(problem(field, grid)));
    }

    /** The problem alone, for a check that gathers every problem of a form before it answers. */
    public static Invalid.Problem problem(String field, Grid grid) {
        return problem(field, grid.code(), grid.name());
    }

    /** {@link #problem(String, Grid)} for a module that read the grid's code and name by its own query. */
    public static Invalid.Problem problem(String field, String code, String name) {
        return new Invalid.Problem(field, KEY, new Object[] {code, name});
    }
}
