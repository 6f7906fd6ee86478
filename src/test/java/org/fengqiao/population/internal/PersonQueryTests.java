package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
        // words of one letter each, letters beside digits or Chinese characters
        assertThat(problemOf("j s")).isEqualTo("population.search.tooShort");
        assertThat(problemOf("é")).isEqualTo("population.search.tooShort");
        assertThat(problemOf("john 3")).isEqualTo("population.search.unreadable");
        assertThat(problemOf("john 约翰")).isEqualTo("population.search.unreadable");
        assertThat(problemOf("'-'")).isEqualTo("population.search.unreadable");
    }

    @Test
    void readsAnIdentityNumberCopiedMaskedFromAListAsItsLast4AndExplainsAMaskedPhone() {
        // what the lists print: the officer copies it from a list row into the search
        assertThat(kindOf("320722********1534")).isEqualTo(PersonQuery.Kind.ID_LAST4);
        assertThat(kindOf(" 110105********002x ")).isEqualTo(PersonQuery.Kind.ID_LAST4);
        assertThat(new PersonQuery("320722********002X", null, null, null, null, null, null).text()).isEqualTo("002X");
        // a masked phone holds no number the search could look up: say so rather than "unreadable"
        assertThat(problemOf("137****6977")).isEqualTo("population.search.maskedPhone");
    }

    static String problemOf(String text) {
        try {
            kindOf(text);
        } catch (Invalid e) {
            return e.problems().get(0).key();
        }
        throw new AssertionError(text + " was read");
    }

    @Test
    void readsLettersAsInitialsOrPinyinByTheirShapeAndAlsoAsTheStartOfAWordOfALatinName() {
        // one word: initials (then the Latin names it starts a word of) or pinyin (and those names), as before
        assertThat(kindOf("jo")).isEqualTo(PersonQuery.Kind.INITIALS);
        assertThat(kindOf("JOHN")).isEqualTo(PersonQuery.Kind.INITIALS);
        assertThat(kindOf("smith")).isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("Smi")).isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("o'brien")).as("an apostrophe inside a word").isEqualTo(PersonQuery.Kind.PINYIN);
        assertThat(kindOf("José")).as("an accented letter").isEqualTo(PersonQuery.Kind.INITIALS);
        assertThat(kindOf("ｊｏｈｎ")).as("fullwidth letters of a Chinese input method").isEqualTo(PersonQuery.Kind.INITIALS);
        // two or more words, whatever separates them
        for (String text : new String[] {"john smith", "Smith John", "smith,  john", "garcia-lopez", "John·Smith",
                "jo s", "Nguyễn Văn An", "ｊｏｈｎ　ｓｍｉｔｈ"}) {
            assertThat(kindOf(text)).as(text).isEqualTo(PersonQuery.Kind.LATIN_WORDS);
        }
        // Chinese text as before, the middle dot of a transliteration too
        assertThat(kindOf("约翰·史密斯")).isEqualTo(PersonQuery.Kind.NAME);
        assertThat(kindOf("·")).isEqualTo(PersonQuery.Kind.SURNAME);
    }

    @Test
    void theWordsOfALatinNameAreItsLettersLowerCasedWithoutAccentsOrApostrophes() {
        assertThat(PersonQuery.latinWords("John Smith")).containsExactly("john", "smith");
        assertThat(PersonQuery.latinWords("  SMITH, John ")).containsExactly("smith", "john");
        assertThat(PersonQuery.latinWords("Maria Garcia-Lopez")).containsExactly("maria", "garcia", "lopez");
        assertThat(PersonQuery.latinWords("O'Brien Sean")).containsExactly("obrien", "sean");
        assertThat(PersonQuery.latinWords("O’Brien")).containsExactly("obrien");
        assertThat(PersonQuery.latinWords("José Müller")).containsExactly("jose", "muller");
        assertThat(PersonQuery.latinWords("Nguyễn Văn An")).containsExactly("nguyen", "van", "an");
        // typed decomposed (letter, then its accent) the same
        assertThat(PersonQuery.latinWords("Jose\u0301")).containsExactly("jose");
        assertThat(PersonQuery.latinWords("ｊｏｈｎ　ｓｍｉｔｈ")).containsExactly("john", "smith");
        assertThat(PersonQuery.latinWords("john john")).containsExactly("john");
        // letters with no decomposition into a to z and a mark, as typed on a keyboard without them
        assertThat(PersonQuery.latinWords("Søren Kierkegaard")).containsExactly("soren", "kierkegaard");
        assertThat(PersonQuery.latinWords("ŁUKASZ Nowak")).containsExactly("lukasz", "nowak");
        assertThat(PersonQuery.latinWords("Đặng Thị Đào")).containsExactly("dang", "thi", "dao");
        assertThat(PersonQuery.latinWords("Weiß Æsa Œuvre Þór")).containsExactly("weiss", "aesa", "oeuvre", "thor");
        assertThat(PersonQuery.latinWords("约翰")).isNull();
        assertThat(PersonQuery.latinWords("123")).isNull();
        assertThat(PersonQuery.latinWords("john 约翰")).isNull();
    }

    @Test
    void wordsAndTheirOrderAreOneSearchForTheSameNames() {
        Map<String, Object> one = statementParams("john smith");
        Map<String, Object> other = statementParams("SMITH  John");
        assertThat(one).isEqualTo(other);
        // the longest word picks the names, the others must each start a word of them
        assertThat(one.get("from")).isEqualTo("smith");
        assertThat(one.get("to")).isEqualTo("smiti");
        assertThat(one.get("froms")).isEqualTo(List.of("john"));
        assertThat(one.get("tos")).isEqualTo(List.of("joho"));
    }

    static Map<String, Object> statementParams(String text) {
        Map<String, Object> params = new java.util.HashMap<>();
        new PersonQuery(text, null, null, null, null, null, null).appendTo(new java.util.ArrayList<>(), params, null);
        params.replaceAll((k, v) -> v instanceof String[] a ? List.of(a) : v);
        return params;
    }

    @Test
    void onlyLettersReadAsInitialsAlsoListTheLatinNamesTheyStartAWordOfAfterTheirOwnMatches() {
        Map<String, Object> params = new java.util.HashMap<>();
        String also = new PersonQuery("Sm", null, null, null, null, null, null).alsoByLatinWords(params);
        assertThat(also).contains("name_word").contains("NOT (p.name_initials");
        assertThat(params).containsEntry("wordFrom", "sm").containsEntry("wordTo", "sn");
        for (String text : new String[] {"smith", "john smith", "张三", "张", "", "002X", "13805180001"}) {
            assertThat(new PersonQuery(text, null, null, null, null, null, null).alsoByLatinWords(new java.util.HashMap<>()))
                    .as(text).isNull();
        }
        assertThat(new PersonQuery("wang", null, null, null, null, null, null).asPinyin()
                .alsoByLatinWords(new java.util.HashMap<>())).as("read as pinyin, which holds the words itself").isNull();
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
        for (String text : new String[] {"张", "建国", "002X", "", "13805180001", "zhangsan", "john smith", "smith"}) {
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
