package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.IdentityNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // no syllable starts with i, u or v: such letters are whole pinyin however short
        assertThat(kindOf("liu")).isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("ding")).isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("Zhou")).isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("wang")).as("initials by its shape; the search falls back to pinyin when nobody has them")
                .isEqualTo(PersonQuery.Kind.INITIALS);
        assertThat(new PersonQuery("wang", null, null, null, null, null, null).asPinyin().kind())
                .isEqualTo(PersonQuery.Kind.PINYIN);
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
    void listsPrefixesOfInitialsByThoseFirstAndEverythingElseByName() {
        assertThat(new PersonQuery("zs", null, null, null, null, null, null).order()).startsWith("p.name_initials");
        for (String text : new String[] {"张", "建国", "002X", "", "13805180001", "zhangsan"}) {
            assertThat(new PersonQuery(text, null, null, null, null, null, null).order()).as(text)
                    .isEqualTo("p.name COLLATE \"C\", p.id");
        }
    }

    @Test
    void aSearchByTheLast4AsksForTheLast6OfEveryDayOfBirthAndNoOther(@TempDir Path dir) {
        PersonalDataCipher cipher = new PersonalDataCipher(Base64.getEncoder().encodeToString(new byte[32]), dir, false);
        // numbers born on every day of a long and a short month
        for (LocalDate day = LocalDate.of(1988, 1, 1); day.isBefore(LocalDate.of(1988, 3, 1)); day = day.plusDays(1)) {
            String body = "110105" + day.toString().replace("-", "") + "002";
            IdentityNumber number = IdentityNumber.parse(body + IdentityNumber.checkCharacter(body));
            List<String> asked = List.of(PersonQuery.lastSixes(number.last4(), cipher));
            assertThat(asked).as(number.value()).contains(cipher.blindIndex("id-last6", number.last6()))
                    .hasSize(31).doesNotHaveDuplicates();
        }
        // a number ending otherwise is not among them
        assertThat(PersonQuery.lastSixes("0021", cipher)).doesNotContain(cipher.blindIndex("id-last6", "150022"));
    }
}
