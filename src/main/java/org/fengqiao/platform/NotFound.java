package org.fengqiao.platform;

/**
 * A record that does not exist or lies outside the caller's scope. Both answer the same 404,
 * so that nobody learns from the answer that a record exists elsewhere.
 */
public class NotFound extends RuntimeException {

    private final String what;

    public NotFound(String what, Object id) {
        super(what + " " + id + " not found");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
