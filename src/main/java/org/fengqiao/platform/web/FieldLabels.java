package org.fengqiao.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a page controller's form labels sit in the message bundles, so that the error page names a request
 * parameter it could not read as the form does ({@code incident.field.} + {@code category} → 类别) rather than by
 * its name in the address. Each prefix is tried in turn, with the parameter's name and with it less a trailing
 * {@code Id} ({@code gridId} → {@code grid}); then the shared labels {@code field.<name>}; the raw name last.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface FieldLabels {

    /** Message key prefixes, each ending in a dot: {@code "incident.field."}. */
    String[] value();
}
