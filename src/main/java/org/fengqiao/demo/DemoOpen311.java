package org.fengqiao.demo;

import org.fengqiao.incident.ApiKeyLoader;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.BeforeServing;
import org.fengqiao.platform.FengqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Open311 API key {@code demo-open311-key} of the demo bureau, so that any Open311 client can post
 * requests to /open311/v2 in demo mode (like the 110 centre's {@code demo-110-key}).
 */
@Component
class DemoOpen311 extends BeforeServing {

    private static final Logger log = LoggerFactory.getLogger(DemoOpen311.class);
    static final String API_KEY = "demo-open311-key";

    private final ApiKeyLoader keys;
    private final Jurisdictions jurisdictions;
    private final FengqiaoProperties properties;

    DemoOpen311(ApiKeyLoader keys, Jurisdictions jurisdictions, FengqiaoProperties properties) {
        this.keys = keys;
        this.jurisdictions = jurisdictions;
        this.properties = properties;
    }

    /** After the district (0). */
    @Override
    public int getPhase() {
        return 2;
    }

    @Override
    protected void prepare() {
        if (!properties.demoEnabled()) {
            return;
        }
        jurisdictions.unitByCode("320722000000").ifPresent(bureau -> {
            keys.registerOpen311Key(bureau.id(), "Open311客户端（演示）", API_KEY);
            log.info("Demo Open311 endpoint /open311/v2 accepts the api_key {}", API_KEY);
        });
    }
}
