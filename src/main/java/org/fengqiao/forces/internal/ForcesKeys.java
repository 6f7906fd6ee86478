package org.fengqiao.forces.internal;

import org.fengqiao.platform.UniqueKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The names of teams in their unit, a person's one open membership of a team and the licences of security companies,
 * checked before they are written, each with its check's answer, given again to the one who loses a race for the same
 * value ({@link UniqueKey}).
 */
@Configuration(proxyBeanMethods = false)
class ForcesKeys {

    @Bean
    UniqueKey teamName() {
        return UniqueKey.field("force_team_unit_id_name_key", "name", "forces.team.name.taken", false);
    }

    /** Two people adding the same person to a team at once, or one pressing "add" twice. */
    @Bean
    UniqueKey teamMember() {
        return UniqueKey.field("force_team_member_open", "staffId", "forces.team.member.already", false);
    }

    @Bean
    UniqueKey companyLicence() {
        return UniqueKey.field("security_company_licence_number_key", "licenceNumber", "forces.company.licence.taken",
                false);
    }
}
