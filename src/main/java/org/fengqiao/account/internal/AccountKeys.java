package org.fengqiao.account.internal;

import org.fengqiao.platform.UniqueKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * User names, police numbers and a person's one current term in a role of a grid, checked before they are written,
 * each with its check's answer, given again to the one who loses a race for the same value ({@link UniqueKey}).
 */
@Configuration(proxyBeanMethods = false)
class AccountKeys {

    @Bean
    UniqueKey username() {
        return UniqueKey.field("staff_username_key", "username", "account.username.taken", false);
    }

    @Bean
    UniqueKey policeNumber() {
        return UniqueKey.field("staff_police_number_key", "policeNumber", "account.staff.policeNumberTaken", false);
    }

    /** Two people putting the same person in the same role of a grid at once, or one pressing twice. */
    @Bean
    UniqueKey gridRoleHeld() {
        return UniqueKey.conflict("grid_role_no_double", "account.roster.alreadyHolds", false);
    }
}
