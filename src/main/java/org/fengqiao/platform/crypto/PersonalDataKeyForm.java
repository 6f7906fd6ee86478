package org.fengqiao.platform.crypto;

import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A personal-data key that is no key (FENGQIAO_DATA_KEY mistyped, cut short; none at all outside demo mode) refuses the
 * start before the database is touched. The cipher itself waits for the database (its demo key may only be written
 * into the data directory once initdb has made it), and by then the embedded PostgreSQL was initialised and the
 * migrations had run on a new database: a refused first start left a schema behind, and every start took the
 * minute of starting the database and migrating before it said what was wrong. A factory post-processor runs before
 * any bean is made; the key's form is all it checks (whether it is the data's own key needs the database:
 * {@link PersonalDataKeyCheck}).
 */
@Component
class PersonalDataKeyForm implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String key = environment.getProperty("fengqiao.personal-data.key", environment.getProperty("FENGQIAO_DATA_KEY", ""));
        String dataDir = environment.getProperty("fengqiao.db.data-dir", "./data");
        // as FengqiaoProperties.demoEnabled(): asked for, or by default whenever the embedded database is used
        String demo = environment.getProperty("fengqiao.demo", "");
        boolean demoEnabled = demo.isBlank() ? environment.getProperty("fengqiao.db.url", "").isBlank()
                : Boolean.parseBoolean(demo.strip());
        PersonalDataCipher.check(key, Path.of(dataDir.isBlank() ? "./data" : dataDir), demoEnabled);
    }
}
