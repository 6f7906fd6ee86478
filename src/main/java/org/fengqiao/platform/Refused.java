package org.fengqiao.platform;

/**
 * The caller may see the record but may not do this to it: 403, with a message (a key of the message bundles) that says
 * why in the caller's language. A record the caller may not see at all is {@link NotFound} instead.
 */
public class Refused extends RuntimeException {

    private final String key;

    public Refused(String key) {
        super(key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
