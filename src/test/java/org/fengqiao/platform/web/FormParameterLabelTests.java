package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Every field a page's form posts, and every parameter of a page's address that can be refused for its type
 * ({@code /persons/new?householdId=x}), is named as the form labels it when it is refused ("参加人员：必填", on the form or
 * on the error page), in Chinese and in English, not by its parameter's name ("participants：必填",
 * "householdId：格式不正确").
 */
class FormParameterLabelTests {

    @Test
    void everyPostedFieldOfEveryPageHasALabelInBothLanguages() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(basenames());
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        List<String> unlabelled = new ArrayList<>();
        for (Class<?> pages : pageControllers()) {
            for (Method method : pages.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(PostMapping.class) && !method.isAnnotationPresent(GetMapping.class)) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (method.isAnnotationPresent(GetMapping.class)
                            && parameter.isAnnotationPresent(org.springframework.web.bind.annotation.ModelAttribute.class)
                            && parameter.getType().isRecord()) {
                        // an address's parameters bound together into a record (the incident list's filters): each
                        // is refused for its type as a single one is, so each is named as the form labels it too
                        for (java.lang.reflect.RecordComponent c : parameter.getType().getRecordComponents()) {
                            if (c.getType() == String.class) {
                                continue;
                            }
                            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                                if (ParameterLabels.label(messages, locale, pages, c.getName()).equals(c.getName())) {
                                    unlabelled.add(pages.getSimpleName() + "." + method.getName() + " " + c.getName()
                                            + " (" + locale + ")");
                                }
                            }
                        }
                        continue;
                    }
                    RequestParam param = parameter.getAnnotation(RequestParam.class);
                    // a page's GET parameter is refused only when it cannot be read as its type (a UUID, a number, a
                    // choice, a yes/no): text is never refused for its form, and the page words its own refusals of it
                    if (param == null || MultipartFile.class.isAssignableFrom(parameter.getType())
                            || java.util.Map.class.isAssignableFrom(parameter.getType())
                            || !method.isAnnotationPresent(PostMapping.class) && parameter.getType() == String.class) {
                        continue;
                    }
                    String name = !param.name().isEmpty() ? param.name()
                            : !param.value().isEmpty() ? param.value() : parameter.getName();
                    for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                        if (ParameterLabels.label(messages, locale, pages, name).equals(name)) {
                            unlabelled.add(pages.getSimpleName() + "." + method.getName() + " " + name + " (" + locale + ")");
                        }
                    }
                }
            }
        }
        assertThat(unlabelled).isEmpty();
    }

    /** The bundles the application reads, as application.yml lists them. */
    private static String[] basenames() throws IOException {
        String yml = new ClassPathResource("application.yml").getContentAsString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("basename:\\s*(\\S+)").matcher(yml);
        assertThat(m.find()).isTrue();
        return m.group(1).split(",");
    }

    private static List<Class<?>> pageControllers() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class, false));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.fengqiao")) {
            found.add(Class.forName(candidate.getBeanClassName()));
        }
        assertThat(found).hasSizeGreaterThan(10);
        return found;
    }
}
