package org.fengqiao.forces.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.support.AbstractResourceBasedMessageSource;
import org.springframework.stereotype.Component;

/**
 * Adds this module's message bundle ({@code i18n/forces*.properties}) to the application's message source,
 * so the module brings its texts without touching the shared list of bundles in application.yml.
 */
@Component
class ForcesMessages implements BeanPostProcessor {

    static final String BUNDLE = "i18n/forces";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractResourceBasedMessageSource source && !source.getBasenameSet().contains(BUNDLE)) {
            source.addBasenames(BUNDLE);
        }
        return bean;
    }
}
