package org.fengqiao.platform;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * A setting the engineer gave in a form the platform cannot read ({@code FENGQIAO_SESSION_IDLE=abc}): he reads the
 * variable he set, what it got and an example, as the other start checks say theirs ({@link StartRefused}), instead of
 * Spring's "Failed to bind properties under 'spring.session.timeout' to java.time.Duration", which names a property he
 * never wrote. The variable is the one application.yml reads the property from (its {@code ${FENGQIAO_...:default}}),
 * or the environment variable that sets the property by its own name; a setting given otherwise keeps Spring's words.
 */
public class SettingNotUnderstood extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(?::(.*))?}$", Pattern.DOTALL);

    private final Environment environment;

    public SettingNotUnderstood(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null || findCause(rootFailure, StartRefused.class) != null
                || !(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        String name = property.getName().toString();
        String variable = null;
        String example = null;
        String raw = String.valueOf(property.getValue()).strip();
        Matcher placeholder = PLACEHOLDER.matcher(raw);
        if (placeholder.matches()) {
            variable = placeholder.group(1);
            example = placeholder.group(2);
        } else if (fromEnvironmentVariable(configurable, name)) {
            variable = name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", "");
        }
        if (variable == null) {
            return null;
        }
        String got = environment.resolvePlaceholders(raw);
        Class<?> type = cause.getTarget().getType().resolve(Object.class);
        String kind = kind(type);
        String why = variable + " (" + name + ") is \"" + got + "\", which is not " + kind;
        String action = "Set " + variable + " to " + kind
                + (example == null || example.isBlank() ? "" : ", e.g. " + example + " (the default)") + units(type) + ".";
        return new FailureAnalysis(why, action, cause);
    }

    /** Whether the value comes from the environment variable named after the property (FENGQIAO_SECURITY_LOCKOUT). */
    private static boolean fromEnvironmentVariable(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            // the view over all the others that Spring Boot puts first: not where a value comes from
            if (!source.getName().equals("configurationProperties") && source.containsProperty(name)) {
                return source instanceof SystemEnvironmentPropertySource;
            }
        }
        return false;
    }

    private static String kind(Class<?> type) {
        if (Duration.class.equals(type)) {
            return "a duration";
        }
        if (DataSize.class.equals(type)) {
            return "a size";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static String units(Class<?> type) {
        if (Duration.class.equals(type)) {
            return "; a number followed by ms, s, m, h or d (90s, 45m, 2h, 7d)";
        }
        if (DataSize.class.equals(type)) {
            return "; a number followed by KB, MB or GB (512MB, 2GB)";
        }
        return "";
    }

    /** After {@link StartRefused}'s own words, before Spring's binding message. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
