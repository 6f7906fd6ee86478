package org.fengqiao.platform;

/** A request that is well-formed but collides with what is stored (a duplicate code, a stale version). */
public class Conflict extends RuntimeException {

    private final String key;
    private final Object[] args;

    public Conflict(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args;
    }
}
