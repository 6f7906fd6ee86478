package org.fengqiao.population.internal;

import java.util.List;
import org.fengqiao.platform.Invalid;

/**
 * An idempotency key the officer already used for a different visit: nothing is recorded. The API answers 422
 * (population.web.VisitKeyErrors); as an {@link Invalid}, anything else shows it like any bad input.
 */
public class VisitKeyReused extends Invalid {

    VisitKeyReused() {
        super("housing.visit.keyReusedTitle",
                List.of(new Invalid.Problem("idempotencyKey", "housing.visit.keyReused", new Object[0])));
    }
}
