package org.fengqiao.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.fengqiao.platform.Invalid;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A JSON body read into its record field by field, so that every value of the wrong kind is found at once: read
 * whole, the body stops at its first such value and the client learns of the others one refusal after another. A
 * value that cannot be read is left empty in the record and its problem, worded as a body stopped at it would be
 * ({@link ProblemDetails#unreadable}), is added to the problems given, which the caller then refuses together with
 * its own checks, nothing saved. A body that is not a JSON object at all is refused as unreadable, as before.
 */
@Component
public class JsonFields {

    private final ObjectMapper mapper;
    private final ProblemDetails problems;

    JsonFields(ObjectMapper mapper, ProblemDetails problems) {
        this.mapper = mapper;
        this.problems = problems;
    }

    /**
     * The fields of {@code type} the body left out (not sent at all; one sent as null is sent): a change (PUT) keeps
     * their stored values, so that a client sending only what it changes loses nothing it did not mention.
     */
    public static java.util.Set<String> leftOut(JsonNode body, Class<? extends Record> type) {
        java.util.Set<String> left = new java.util.HashSet<>();
        for (RecordComponent part : type.getRecordComponents()) {
            if (body == null || !body.has(part.getName())) {
                left.add(part.getName());
            }
        }
        return java.util.Set.copyOf(left);
    }

    /** A change applied to its record as read from the body, knowing which fields the body left out. */
    @FunctionalInterface
    public interface Change<R extends Record, T> {
        T apply(R form, java.util.Set<String> leftOut, List<Invalid.Problem> found);
    }

    /**
     * A change (PUT) whose body is read field by field ({@link #read}): applied to the record read, the fields the body
     * left out ({@link #leftOut}, whose stored values it keeps) and the problems of the values that could not be read
     * (which it refuses with its own checks); its refusal names each unreadable field once ({@link #withoutEchoes}).
     */
    public <R extends Record, T> T change(JsonNode body, Class<R> type, Change<R, T> change) {
        List<Invalid.Problem> found = new java.util.ArrayList<>();
        R form = read(body, type, found);
        try {
            return change.apply(form, leftOut(body, type), found);
        } catch (Invalid e) {
            throw withoutEchoes(e, found);
        }
    }

    public <R extends Record> R read(JsonNode body, Class<R> type, List<Invalid.Problem> found) {
        if (body == null || !body.isObject()) {
            // a body of another shape (null, an array, a number) is refused as any unreadable body is
            throw new HttpMessageNotReadableException("a JSON object is expected", new ServletServerHttpRequest(
                    ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest()));
        }
        RecordComponent[] parts = type.getRecordComponents();
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            RecordComponent part = parts[i];
            JsonNode node = body.get(part.getName());
            if (node == null || node.isNull() || node.isMissingNode()) {
                values[i] = empty(part.getType());
                continue;
            }
            try {
                values[i] = mapper.readerFor(mapper.getTypeFactory().constructType(part.getGenericType()))
                        .readValue(node);
            } catch (MismatchedInputException e) {
                String inner = ProblemDetails.field(e.getPath());
                String field = inner.isEmpty() ? part.getName()
                        : part.getName() + (inner.startsWith("[") ? "" : ".") + inner;
                found.add(problems.unreadable(field, e));
                values[i] = empty(part.getType());
            } catch (IOException e) {
                found.add(new Invalid.Problem(part.getName(), "error.field.format", new Object[0]));
                values[i] = empty(part.getType());
            }
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The refusal of a body read with {@link #read} without the echoes of its unreadable values: a field whose value
     * could not be read is told so once, not once more as missing or unknown because it was left empty.
     */
    public static Invalid withoutEchoes(Invalid refused, List<Invalid.Problem> found) {
        java.util.Set<String> unreadable = new java.util.HashSet<>();
        found.forEach(p -> unreadable.add(p.field()));
        List<Invalid.Problem> kept = new java.util.ArrayList<>();
        for (Invalid.Problem p : refused.problems()) {
            if (found.contains(p) || !unreadable.contains(p.field())) {
                kept.add(p);
            }
        }
        return kept.size() == refused.problems().size() ? refused : new Invalid(refused.titleKey(), kept);
    }

    /** What Jackson gives an absent value: null, or a primitive's zero. */
    private static Object empty(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return type == long.class ? 0L : type == double.class ? 0d : type == float.class ? 0f
                : type == short.class ? (short) 0 : type == byte.class ? (byte) 0 : 0;
    }
}
