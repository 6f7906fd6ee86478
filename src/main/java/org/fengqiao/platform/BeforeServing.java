package org.fengqiao.platform;

import org.springframework.context.SmartLifecycle;

/**
 * Work that must be done before the web server listens (it starts in a later lifecycle phase), so
 * that /actuator/health answers UP only once it is done: the first start's administrators, the
 * demo district.
 */
public abstract class BeforeServing implements SmartLifecycle {

    private volatile boolean running;

    protected abstract void prepare();

    @Override
    public final void start() {
        prepare();
        running = true;
    }

    @Override
    public final void stop() {
        running = false;
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
