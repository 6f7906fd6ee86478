package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fengqiao.platform.ChoiceNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every choice a request takes (an enum in an address's parameters or in a JSON body) names its values in both
 * languages, so that a value that is none of them is refused with the choices as words ({@link ChoiceNames}),
 * never as codes: the choices are collected from the controllers' handler methods.
 */
class ChoiceNamesTests {

    @Test
    void everyChoiceARequestTakesIsNamedInChineseAndInEnglish() throws Exception {
        Set<Class<?>> choices = choicesTaken();
        assertThat(choices).as("the scan finds the choices").isNotEmpty();
        Properties zh = bundles(false);
        Properties en = bundles(true);
        List<String> missing = new ArrayList<>();
        for (Class<?> choice : choices) {
            ChoiceNames names = choice.getAnnotation(ChoiceNames.class);
            if (names == null) {
                missing.add(choice.getName() + ": no @ChoiceNames");
                continue;
            }
            for (Object value : choice.getEnumConstants()) {
                String key = names.value() + ((Enum<?>) value).name();
                if (isBlank(zh.getProperty(key))) {
                    missing.add(key + " (zh)");
                }
                if (isBlank(en.getProperty(key))) {
                    missing.add(key + " (en)");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static Set<Class<?>> choicesTaken() throws ClassNotFoundException {
        Set<Class<?>> choices = new TreeSet<>(Comparator.comparing(Class::getName));
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        for (BeanDefinition bean : scanner.findCandidateComponents("org.fengqiao")) {
            for (Method m : Class.forName(bean.getBeanClassName()).getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(m, RequestMapping.class)) {
                    continue;
                }
                for (Parameter p : m.getParameters()) {
                    if (p.isAnnotationPresent(RequestBody.class)) {
                        collect(p.getParameterizedType(), choices, new HashSet<>());
                    } else if (p.getType().isEnum()) {
                        choices.add(p.getType());
                    }
                }
            }
        }
        return choices;
    }

    /** The enums a JSON body may carry: its own type, a record's components, the elements of a list or array. */
    static void collect(Type type, Set<Class<?>> choices, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, choices, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), choices, seen);
        } else if (type instanceof Class<?> c) {
            if (c.isEnum()) {
                choices.add(c);
            } else if (c.isArray()) {
                collect(c.getComponentType(), choices, seen);
            } else if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    collect(rc.getGenericType(), choices, seen);
                }
            }
        }
    }

    static Properties bundles(boolean english) throws IOException {
        Properties all = new Properties();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".properties")
                    && f.getFileName().toString().endsWith("_en.properties") == english).toList()) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    all.load(r);
                }
            }
        }
        return all;
    }
}
