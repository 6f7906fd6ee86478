package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The floor plan (page and PDF) tells a room's marks apart by their one-letter badges, in colour only as a help: in
 * either language no two marks, the open verification task's included, may share a badge.
 */
class FloorPlanMarksTests {

    @ParameterizedTest
    @ValueSource(strings = {"", "_en"})
    void everyMarkOfTheFloorPlanHasABadgeOfItsOwn(String language) throws IOException {
        Properties housing = bundle("housing" + language);
        List<String> badges = new ArrayList<>();
        for (String mark : List.of("KEY_PERSON", "RENTAL", "LEFT_BEHIND_CHILD", "ELDERLY_ALONE", "IN_DIFFICULTY",
                "TRUSTED", "VACANT")) {
            badges.add(housing.getProperty("housing.markShort." + mark));
        }
        badges.add(bundle("utilities" + language).getProperty("utilities.task.mark"));
        assertThat(badges).doesNotContainNull().doesNotHaveDuplicates();
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = FloorPlanMarksTests.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
