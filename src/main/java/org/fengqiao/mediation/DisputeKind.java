package org.fengqiao.mediation;

/** What a dispute is about. */
public enum DisputeKind {
    FAMILY, NEIGHBOURS, PROPERTY, LAND, CONSUMER, LABOUR, OTHER
}
