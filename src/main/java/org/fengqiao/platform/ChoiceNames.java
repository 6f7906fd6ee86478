package org.fengqiao.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the names of a choice's values are, in the message bundles: the prefix of each constant's key
 * ({@code @ChoiceNames("population.category.")} names {@code KEY_PERSON} by {@code population.category.KEY_PERSON}).
 * A value that is none of the choices is refused with the choices named in the reader's language, never by their
 * codes. Every choice an address or a request body takes carries it ({@code ChoiceNamesTests}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChoiceNames {

    /** The prefix of the message keys, ending in a dot. */
    String value();
}
