package org.fengqiao.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Times on pages, in the jurisdiction's own time (China Standard Time), whatever zone the server runs in: the
 * expression object {@code #local} of every template, {@code ${#local.format(i.receivedAt(), 'MM-dd HH:mm')}}.
 * <p>
 * Instants come from the database as {@link OffsetDateTime} at UTC; Thymeleaf's {@code #temporals.format} printed
 * them so, eight hours behind what an officer's watch says. Points in time ({@link OffsetDateTime},
 * {@link ZonedDateTime}, {@link Instant}) are moved to {@link #ZONE}; dates and wall-clock times are printed as
 * they are.
 */
public final class LocalTimes {

    /** The time every page shows. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * A date and a time as the pages' date-and-time fields show and send them (app.js turns the browser's own field
     * into a text field): 2026-12-02 10:00, or 2026-12-02 10:00:05 where the field takes seconds. For
     * {@code @DateTimeFormat(iso = DATE_TIME, fallbackPatterns = {TYPED_MINUTES, TYPED_SECONDS})}, which reads the
     * ISO 8601 form (2026-12-02T10:00) of the browser's field and API clients as well.
     */
    public static final String TYPED_MINUTES = "yyyy-MM-dd HH:mm";
    public static final String TYPED_SECONDS = "yyyy-MM-dd HH:mm:ss";

    private final Locale locale;

    LocalTimes(Locale locale) {
        this.locale = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
    }

    /** The value in the pattern, in China Standard Time when it is a point in time; null for null. */
    public String format(Object value, String pattern) {
        if (value == null) {
            return null;
        }
        return DateTimeFormatter.ofPattern(pattern, locale).format(local(value));
    }

    static TemporalAccessor local(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(ZONE);
        }
        if (value instanceof ZonedDateTime t) {
            return t.withZoneSameInstant(ZONE);
        }
        if (value instanceof Instant t) {
            return t.atZone(ZONE);
        }
        if (value instanceof LocalDateTime || value instanceof LocalDate || value instanceof LocalTime) {
            return (TemporalAccessor) value;
        }
        throw new IllegalArgumentException("not a time: " + value.getClass().getName());
    }

    /** Makes {@code #local} known to every template (Spring Boot adds every dialect bean to the template engine). */
    @Component
    static class Dialect extends AbstractDialect implements IExpressionObjectDialect {

        Dialect() {
            super("fengqiao-local-times");
        }

        @Override
        public IExpressionObjectFactory getExpressionObjectFactory() {
            return new IExpressionObjectFactory() {
                @Override
                public Set<String> getAllExpressionObjectNames() {
                    return Set.of("local");
                }

                @Override
                public Object buildObject(IExpressionContext context, String name) {
                    return new LocalTimes(context.getLocale());
                }

                @Override
                public boolean isCacheable(String name) {
                    return true;
                }
            };
        }
    }
}
