package org.fengqiao.jurisdiction.internal;

import org.fengqiao.platform.UniqueKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Unit codes (a work point's among them) checked before they are written, with the check's answer, given again to the
 * one who loses a race for the same code ({@link UniqueKey}).
 */
@Configuration(proxyBeanMethods = false)
class JurisdictionKeys {

    @Bean
    UniqueKey unitCode() {
        return UniqueKey.conflict("unit_code_key", "jurisdiction.unit.codeTaken", true);
    }
}
