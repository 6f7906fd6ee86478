package org.fengqiao.platform;

import java.time.Clock;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the application, so tests can drive time (lockouts, deadlines) without sleeping. It runs in the
 * jurisdiction's time ({@link LocalTimes#ZONE}), not the server's: "today" is the day on the officers' calendars
 * even where the server keeps UTC, whose date lags Beijing's from midnight to eight in the morning.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(LocalTimes.ZONE);
    }
}
