package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** 实有单位 by what they are: a shop (门市房), a firm, a school, a hospital or clinic, anything else. */
@ChoiceNames("places.kind.")
public enum OrganisationKind {
    SHOP, FIRM, SCHOOL, HOSPITAL, OTHER
}
