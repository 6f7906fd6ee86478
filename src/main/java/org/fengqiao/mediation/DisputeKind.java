package org.fengqiao.mediation;

import org.fengqiao.platform.ChoiceNames;

/** What a dispute is about. */
@ChoiceNames("mediation.kind.")
public enum DisputeKind {
    FAMILY, NEIGHBOURS, PROPERTY, LAND, CONSUMER, LABOUR, OTHER
}
