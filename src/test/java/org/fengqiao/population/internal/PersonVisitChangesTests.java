package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.population.Residence;
import org.junit.jupiter.api.Test;

/**
 * What a person's change made during a visit says under the visit, as the officer reads it in Chinese and in English:
 * one line per thing changed, an identity number or phone only masked, a field whose value the list does not need
 * named by its label.
 */
class PersonVisitChangesTests {

    static final VisitChangeTexts TEXTS = new VisitChangeTexts(PersonCategoriesTests.messages("i18n/housing",
            "i18n/persons"));

    static final UUID HOUSEHOLD = UUID.randomUUID();

    static Persons.Row row(String name, UUID household, String phoneMasked, Residence residence, LocalDate leftOn,
            String occupation, List<String> categories) {
        return new Persons.Row(UUID.randomUUID(), UUID.randomUUID(), "FS-1-01", "/1/", household, name,
                "110105********002X", phoneMasked, "MALE", LocalDate.of(1990, 1, 1), "01", "HEAD", residence, null,
                leftOn, occupation, null, null, 1, categories, null);
    }

    static Persons.Row stored() {
        return row("张三", HOUSEHOLD, "138****5678", Residence.PERMANENT, null, "木匠", List.of("IN_DIFFICULTY"));
    }

    static List<String> said(List<PersonVisitChanges.Said> said, Locale locale) {
        return said.stream().map(s -> TEXTS.render(s.key(), s.args(), locale)).toList();
    }

    @Test
    void aRegistrationIsSaidWithTheName() {
        PersonVisitChanges.Said s = PersonVisitChanges.registered(stored());
        assertThat(said(List.of(s), Locale.SIMPLIFIED_CHINESE)).containsExactly("新登记人员 张三");
        assertThat(said(List.of(s), Locale.ENGLISH)).containsExactly("new member registered: 张三");
    }

    @Test
    void eachThingChangedIsOneLineAndNumbersAreSaidMasked() {
        Persons.Row after = row("张叁", HOUSEHOLD, "139****0002", Residence.FLOATING, null, "瓦匠", List.of());
        List<PersonVisitChanges.Said> changes = PersonVisitChanges.between(stored(), after, false, true, null);
        assertThat(said(changes, Locale.SIMPLIFIED_CHINESE)).containsExactly("张三：姓名改为 张叁",
                "张叁：电话已更新为 139****0002", "张叁：居住类型改为流动", "张叁：职业已更新", "张叁：类别已更新");
        assertThat(said(changes, Locale.ENGLISH)).containsExactly("张三: name changed to 张叁",
                "张叁: Phone changed to 139****0002", "张叁: residence changed to Floating", "张叁: Occupation changed",
                "张叁: Categories changed");
    }

    @Test
    void movingOutIsSaidWithTheDayOrTheHouseholdAndADeletedPhoneAsDeleted() {
        LocalDate left = LocalDate.of(2026, 11, 30);
        Persons.Row gone = row("张三", null, null, Residence.LEFT, left, "木匠", List.of("IN_DIFFICULTY"));
        assertThat(said(PersonVisitChanges.between(stored(), gone, false, true, null), Locale.SIMPLIFIED_CHINESE))
                .containsExactly("张三：电话已删除", "张三：居住状态改为已离开（2026-11-30）", "张三：迁出本户，不再属于任何户");

        Persons.Row moved = row("张三", UUID.randomUUID(), "138****5678", Residence.PERMANENT, null, "木匠",
                List.of("IN_DIFFICULTY"));
        assertThat(said(PersonVisitChanges.between(stored(), moved, true, false, "H-0042"), Locale.ENGLISH))
                .containsExactly("张三: Identity number changed to 110105********002X", "张三: moved to household H-0042");
    }

    @Test
    void nothingChangedSaysNothing() {
        assertThat(PersonVisitChanges.between(stored(), stored(), false, false, null)).isEmpty();
    }
}
