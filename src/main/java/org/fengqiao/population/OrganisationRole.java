package org.fengqiao.population;

/** What a person does in an organisation: legal representative, manager, fire-safety manager, security, employee. */
public enum OrganisationRole {
    LEGAL_REPRESENTATIVE, MANAGER, FIRE_SAFETY, SECURITY, EMPLOYEE
}
