package org.fengqiao.population.internal;

import org.fengqiao.platform.UniqueKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The household numbers, building and organisation names, licences and identity numbers, checked before they are
 * written, each with its check's answer, given again to the one who loses a race for the same value
 * ({@link UniqueKey}).
 */
@Configuration(proxyBeanMethods = false)
class PopulationKeys {

    @Bean
    UniqueKey householdNumber() {
        return UniqueKey.field("household_number_key", "number", "housing.household.numberTaken", true);
    }

    @Bean
    UniqueKey buildingName() {
        return UniqueKey.field("building_grid_id_name_key", "name", "housing.building.nameTaken", true);
    }

    @Bean
    UniqueKey organisationName() {
        return UniqueKey.field("organisation_grid_id_name_key", "name", "places.organisation.nameTaken", true);
    }

    @Bean
    UniqueKey organisationLicence() {
        return UniqueKey.field("organisation_licence_no_key", "licenceNo", "places.organisation.licence.taken", true);
    }

    /** The number is stored as keyed hashes: the message does not name it. */
    @Bean
    UniqueKey identityNumber() {
        return UniqueKey.conflict("person_id_number", "population.idNumber.taken", false);
    }
}
