package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

class PersonQueryTests {

    static PersonQuery.Kind kindOf(String text) {
        return new PersonQuery(text, null, null, null, null, null, null).kind();
    }

    @Test
    void readsWhatTheOfficerTypedByItsShape() {
        assertThat(kindOf("")).isEqualTo(PersonQuery.Kind.NONE);
        assertThat(kindOf("建国")).isEqualTo(PersonQuery.Kind.NAME);
        assertThat(kindOf("李建国")).isEqualTo(PersonQuery.Kind.NAME);
        assertThat(kindOf("李")).isEqualTo(PersonQuery.Kind.SURNAME);
        assertThat(kindOf("zs")).isEqualTo(PersonQuery.Kind.INITIALS);
        assertThat(kindOf("ZSF")).isEqualTo(PersonQuery.Kind.INITIALS);
        assertThat(kindOf("zhangsan")).isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("002X")).isEqualTo(PersonQuery.Kind.ID_LAST4);
        assertThat(kindOf("12002x")).isEqualTo(PersonQuery.Kind.ID_LAST6);
        assertThat(kindOf("11010519491231002X")).isEqualTo(PersonQuery.Kind.ID_NUMBER);
        assertThat(kindOf("13805180001")).isEqualTo(PersonQuery.Kind.PHONE);
    }

    @Test
    void refusesASingleLetterAndTextItCannotRead() {
        assertThatThrownBy(() -> kindOf("z")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> kindOf("张3")).isInstanceOf(Invalid.class);
    }

    @Test
    void cutsAFragmentIntoTheBigramsTheNamesAreIndexedBy() {
        assertThat(PersonQuery.bigrams("欧阳娜娜")).containsExactly("欧阳", "阳娜", "娜娜");
        assertThat(PersonQuery.bigrams("建国")).containsExactly("建国");
    }

    @Test
    void aPrefixEndsBeforeTheSuccessorOfItsLastCharacter() {
        assertThat(PersonQuery.successor("zs")).isEqualTo("zt");
        assertThat(PersonQuery.successor("z")).isEqualTo("{");
        assertThat(PersonQuery.successor("王")).isEqualTo("玌");
        // a character outside the basic plane is one code point, not two chars
        assertThat(PersonQuery.successor("𠀀")).isEqualTo("𠀁");
        assertThat("王五".compareTo("王")).isPositive();
        assertThat("王五".compareTo(PersonQuery.successor("王"))).isNegative();
    }

    @Test
    void listsPrefixesOfInitialsAndPinyinByThoseFirstAndEverythingElseByName() {
        assertThat(new PersonQuery("zs", null, null, null, null, null, null).order()).startsWith("p.name_initials");
        assertThat(new PersonQuery("zhangsan", null, null, null, null, null, null).order()).startsWith("p.name_pinyin");
        for (String text : new String[] {"张", "建国", "002X", "", "13805180001"}) {
            assertThat(new PersonQuery(text, null, null, null, null, null, null).order()).as(text)
                    .isEqualTo("p.name COLLATE \"C\", p.id");
        }
    }
}
