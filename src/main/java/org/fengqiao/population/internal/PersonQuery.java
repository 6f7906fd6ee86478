package org.fengqiao.population.internal;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.platform.AddressQuery;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.Category;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Residence;

/**
 * One search box for everything an officer types: a name or two or more characters of it, pinyin
 * initials (zs → 张三) or whole pinyin, any word of a name in Latin letters or its start (a foreign
 * resident's: smith → John Smith), an identity number whole or its last 4 or 6 characters, a phone
 * number; beside it an address fragment and filters. Each kind of text is answered by its own index, in
 * the order the results are listed (see {@link #order()} and docs/adr/0005): a name fragment by the names
 * holding it (name_bigram) and their persons in name order, initials by a prefix B-tree, pinyin and the
 * words of Latin names by the names whose pinyin or a word starts so (name_pinyin, name_word), the
 * encrypted numbers by their blind indexes (equality).
 */
public record PersonQuery(String text, String address, Category category, KeyPersonType keyPersonType,
        Residence residence, UUID gridId, UUID householdId, Kind readAs) {

    /** A search whose text is read by its form ({@link #kind()}). */
    public PersonQuery(String text, String address, Category category, KeyPersonType keyPersonType,
            Residence residence, UUID gridId, UUID householdId) {
        this(text, address, category, keyPersonType, residence, gridId, householdId, null);
    }

    /** The same search with its letters read as the start of whole pinyin ("wang" → 王), not as initials. */
    public PersonQuery asPinyin() {
        return new PersonQuery(text, address, category, keyPersonType, residence, gridId, householdId, Kind.PINYIN);
    }

    private static final Pattern LAST4 = Pattern.compile("[0-9]{3}[0-9Xx]");
    private static final Pattern LAST6 = Pattern.compile("[0-9]{5}[0-9Xx]");
    private static final Pattern ID = Pattern.compile("[0-9]{17}[0-9Xx]|[0-9]{15}");
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern NOT_INITIAL = Pattern.compile("[iuv]");
    private static final Pattern HAN = Pattern.compile("[\\p{IsHan}·]+");

    /** A mobile number as people write it: grouped by spaces or dashes, with the country code in front. */
    private static final Pattern WRITTEN_PHONE = Pattern.compile("(?:\\+86|0086|86)?(1[3-9][0-9]{9})");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\u3000\\-\\u2010-\\u2015()（）]");

    /** An identity number as the lists print it masked (IdentityNumber#masked): its last 4 are all it still says. */
    private static final Pattern MASKED_ID = Pattern.compile("\\s*[0-9]{6}\\*{4,}([0-9]{3}[0-9Xx])\\s*");
    /** A phone as the lists print it masked (PhoneNumbers): no whole number left to look up. */
    private static final Pattern MASKED_PHONE = Pattern.compile("1[0-9]{2}\\*{4}[0-9]{4}");

    public PersonQuery {
        text = normalisedPhone(maskedIdAsLast4(text));
    }

    /** An identity number copied masked from a list row (320722********1534) is searched as its last 4 (1534). */
    static String maskedIdAsLast4(String text) {
        java.util.regex.Matcher masked = text == null ? null : MASKED_ID.matcher(text);
        return masked != null && masked.matches() ? masked.group(1).toUpperCase(Locale.ROOT) : text;
    }

    /**
     * "153 1764 3680", "153-1764-3680" or "+8615317643680" is the phone 15317643680: read as those 11 digits, so
     * it is searched as the phone it is rather than refused as unreadable. Any other text is left as typed.
     */
    static String normalisedPhone(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher phone = WRITTEN_PHONE.matcher(PHONE_SEPARATORS.matcher(text).replaceAll(""));
        return phone.matches() ? phone.group(1) : text;
    }

    /**
     * Text in Latin letters, as a name in them is typed: letters (accented ones too, and fullwidth ones from a Chinese
     * input method), apostrophes inside a word (O'Brien), and between the words spaces, hyphens, dots, commas or the
     * middle dot. It holds a letter; what it says is its words ({@link #latinWords}).
     */
    private static final Pattern LATIN_TEXT = Pattern.compile(
            "[\\p{IsLatin}\\p{M}'`\\u2018\\u2019\\u02bc\\s\\u3000\\-\\u2010-\\u2015.,，·]+");
    private static final Pattern LATIN_LETTER = Pattern.compile("\\p{IsLatin}");
    /** The combining marks name_words (V117) drops: those of accented letters. */
    private static final Pattern MARKS = Pattern.compile(
            "[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]");
    private static final Pattern APOSTROPHES = Pattern.compile("['`\\u2018\\u2019\\u02bc]");
    private static final Pattern NOT_A_TO_Z = Pattern.compile("[^a-z]+");

    /** What the search text was read as: shown to the user so a surprising result explains itself. */
    public enum Kind { NONE, NAME, SURNAME, INITIALS, PINYIN, LATIN_WORDS, ID_NUMBER, ID_LAST4, ID_LAST6, PHONE }

    public Kind kind() {
        String q = text == null ? "" : text.trim();
        if (q.isEmpty()) {
            return Kind.NONE;
        }
        if (ID.matcher(q).matches()) {
            return Kind.ID_NUMBER;
        }
        if (PHONE.matcher(q).matches()) {
            return Kind.PHONE;
        }
        if (LAST6.matcher(q).matches()) {
            return Kind.ID_LAST6;
        }
        if (LAST4.matcher(q).matches()) {
            return Kind.ID_LAST4;
        }
        List<String> words = latinWords(q);
        if (words != null) {
            if (words.isEmpty()) {
                throw Invalid.of("q", "population.search.unreadable");
            }
            if (words.size() == 1) {
                String letters = words.get(0);
                if (letters.length() < 2) {
                    throw Invalid.of("q", "population.search.tooShort");
                }
                // no syllable starts with i, u or v, so letters holding one are not initials ("liu", "ding", "zhou")
                return readAs != Kind.PINYIN && readsAsInitials(letters) ? Kind.INITIALS : Kind.PINYIN;
            }
            if (words.stream().allMatch(w -> w.length() < 2)) {
                throw Invalid.of("q", "population.search.tooShort");
            }
            // several words read as pinyin: a Chinese name spelled out syllable by syllable ("zhang wei")
            return readAs == Kind.PINYIN ? Kind.PINYIN : Kind.LATIN_WORDS;
        }
        if (HAN.matcher(q).matches()) {
            return q.codePointCount(0, q.length()) == 1 ? Kind.SURNAME : Kind.NAME;
        }
        if (MASKED_PHONE.matcher(q).matches()) {
            throw Invalid.of("q", "population.search.maskedPhone");
        }
        throw Invalid.of("q", "population.search.unreadable");
    }

    /**
     * The letters of a text the search reads as pinyin initials ({@link Kind#INITIALS}: zs, ZS, ｚｓ → zs), folded as
     * name_initials holds them; empty for any other text. What another list's search of names (the households' by
     * their head) reads the same way, so that initials find there what they find among the persons.
     */
    public static java.util.Optional<String> initials(String text) {
        List<String> words = text == null ? null : latinWords(text.trim());
        return words != null && words.size() == 1 && readsAsInitials(words.get(0))
                ? java.util.Optional.of(words.get(0)) : java.util.Optional.empty();
    }

    /** One word of 2 to 4 letters none of which starts no syllable (i, u, v: "liu", "ding", "zhou" are pinyin). */
    private static boolean readsAsInitials(String letters) {
        return letters.length() >= 2 && letters.length() <= 4 && !NOT_INITIAL.matcher(letters).find();
    }

    /**
     * The words of a text in Latin letters as name_words (V117, V127) holds a name's: compatibility-decomposed, combining
     * marks dropped (José → jose), lower-cased, apostrophes dropped (O'Brien → obrien), split at anything but a to z;
     * each once, in the order typed. Null when the text is not in Latin letters ({@link #LATIN_TEXT}).
     */
    static List<String> latinWords(String text) {
        List<String> all = allLatinWords(text);
        return all == null ? null : List.copyOf(new java.util.LinkedHashSet<>(all));
    }

    /** {@link #latinWords}, every word as typed, repeated ones too; null when the text is not in Latin letters. */
    private static List<String> allLatinWords(String text) {
        if (!LATIN_TEXT.matcher(text).matches() || !LATIN_LETTER.matcher(text).find()) {
            return null;
        }
        String folded = foldLetters(MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT));
        List<String> words = new java.util.ArrayList<>();
        for (String word : NOT_A_TO_Z.split(APOSTROPHES.matcher(folded).replaceAll(""))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The letters a pinyin reading looks for: the words typed, joined in their order ("li li" → lili). */
    static String pinyinLetters(String text) {
        return String.join("", allLatinWords(text));
    }

    /**
     * The letters with no decomposition into a to z and a mark, written as people type them on a keyboard without
     * them (Søren as soren, Łukasz as lukasz, Straße as strasse), as name_words (V127) stores them; lower case.
     */
    static String foldLetters(String lowerCase) {
        StringBuilder b = null;
        for (int i = 0; i < lowerCase.length(); i++) {
            char c = lowerCase.charAt(i);
            String as = switch (c) {
                case 'ø' -> "o";
                case 'đ', 'ð' -> "d";
                case 'ł' -> "l";
                case 'ı' -> "i";
                case 'ħ' -> "h";
                case 'ŧ' -> "t";
                case 'ß' -> "ss";
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'þ' -> "th";
                default -> null;
            };
            if (as != null && b == null) {
                b = new StringBuilder(lowerCase.length() + 2).append(lowerCase, 0, i);
            }
            if (b != null) {
                b.append(as != null ? as : String.valueOf(c));
            }
        }
        return b == null ? lowerCase : b.toString();
    }

    void appendTo(List<String> where, Map<String, Object> params, PersonalDataCipher cipher) {
        appendText(where, params, cipher);
        appendFilters(where, params);
    }

    /**
     * Whether the matches are listed door by door ({@link #doorWalk}): a search by address alone asks who lives
     * where, and the officer walks them so. With a text beside the address, the text's own index gives the order (by
     * name) as for every other search, whose statements this leaves as they are.
     */
    boolean byAddress() {
        return kind() == Kind.NONE && AddressQuery.of(address) != null;
    }

    /**
     * The order of the persons at one address: by room (the building's name, unit, floor and the room's number,
     * numbers as numbers: 9室, 10室, 101室, the stored keys of V149; households in no room after those in one),
     * household (by number), name.
     */
    static final String AT_ONE_ADDRESS = "pb.sort_key, pr.unit_no, pr.floor, pr.sort_key, "
            + Addresses.doorOrder("ph.number") + ", ph.id, " + PersonQuery.BY_NAME;

    /**
     * The walk of a search by address alone ({@link #byAddress}), in door order: the addresses the text matches
     * (from the trigram index of their text) sorted by their stored key (V143, V147: 1组2号 before 1组10号), and
     * from the first of them on, the persons of the households at each ({@link #AT_ONE_ADDRESS}), who meet the
     * other conditions ({@code condition}, on {@code p}) — until the walk has its {@code window}. A nested loop that
     * stops there: a village's search reads the first few dozen addresses' persons, not the village's every person
     * joined to his household, address and room and sorted (ten times the cost of the order by name). The key of a
     * household's number is computed for the persons of the addresses walked only.
     */
    String doorWalk(String condition, Map<String, Object> params, int window) {
        return "walk AS MATERIALIZED (SELECT x.id, row_number() OVER (ORDER BY a.sort_key, a.id, x.n) AS ord "
                + "FROM (SELECT a.id, a.sort_key FROM address a WHERE " + addressMatch(params)
                + " ORDER BY a.sort_key, a.id) a CROSS JOIN LATERAL (SELECT p.id, row_number() OVER (ORDER BY "
                + AT_ONE_ADDRESS + ") AS n FROM household ph JOIN person p ON p.household_id = ph.id "
                + "LEFT JOIN room pr ON pr.id = ph.room_id LEFT JOIN building pb ON pb.id = pr.building_id "
                + "WHERE ph.address_id = a.id AND " + condition + ") x ORDER BY a.sort_key, a.id, x.n LIMIT " + window
                + ")";
    }

    /**
     * A page of the walk of {@link #doorWalk} after a person (the address's stored key, its id and his place at it:
     * {@code after}), {@code :limit} long, with the columns of {@code Persons} and each person's place in the walk
     * (k_sort, k_address, k_n): what an export reads page after page. The addresses from the last one's on, and at
     * that one the persons after him; his place at it is that of one snapshot, which every page reads.
     */
    String doorPage(String condition, Map<String, Object> params, Persons.After after) {
        String from = "";
        String past = "";
        if (!after.atStart()) {
            from = " AND (a.sort_key, a.id) >= (CAST(:afterSort AS text) COLLATE \"C\", CAST(:afterAddress AS uuid))";
            past = " WHERE (a.sort_key, a.id, x.n) > (CAST(:afterSort AS text) COLLATE \"C\", "
                    + "CAST(:afterAddress AS uuid), CAST(:afterN AS bigint))";
            params.put("afterSort", after.first());
            params.put("afterAddress", after.id());
            params.put("afterN", after.n());
        }
        return Persons.COLUMNS + ", w.sort_key AS k_sort, w.address_id AS k_address, w.n AS k_n "
                + "FROM (SELECT a.sort_key, a.id AS address_id, x.id, x.n FROM (SELECT a.id, a.sort_key FROM address a "
                + "WHERE " + addressMatch(params) + from + " ORDER BY a.sort_key, a.id) a CROSS JOIN LATERAL (SELECT p.id, "
                + "row_number() OVER (ORDER BY " + AT_ONE_ADDRESS + ") AS n FROM household ph JOIN person p ON "
                + "p.household_id = ph.id LEFT JOIN room pr ON pr.id = ph.room_id LEFT JOIN building pb ON pb.id = "
                + "pr.building_id WHERE ph.address_id = a.id AND " + condition + ") x" + past
                + " ORDER BY a.sort_key, a.id, x.n LIMIT :limit) w JOIN person p ON p.id = w.id "
                + "JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id ORDER BY w.sort_key, w.address_id, w.n";
    }

    /**
     * The typed address as a condition on an address row {@code a}: read as the address list reads it (AddressQuery:
     * 吴场村一组四十号, 1组40, without the township), each form hidden from the planner like every value.
     */
    private String addressMatch(Map<String, Object> params) {
        AddressQuery typed = AddressQuery.of(address);
        List<String> inside = new java.util.ArrayList<>();
        for (int i = 0; i < typed.forms().size(); i++) {
            inside.add("a.full_text LIKE " + value("address" + i, "text"));
            params.put("address" + i, AddressQuery.inside(typed.forms().get(i)));
        }
        return "(" + String.join(" OR ", inside) + ")";
    }

    /** The condition the search text sets, for the walk in {@link #order()}. */
    private void appendText(List<String> where, Map<String, Object> params, PersonalDataCipher cipher) {
        String q = text == null ? "" : text.trim();
        switch (kind()) {
            case NONE -> { }
            case ID_NUMBER -> {
                // the pair the unique index person_id_number holds
                IdentityNumber number = IdentityNumber.parse(q);
                where.add("p.id_last6 = " + value("idLast6", "text") + " AND p.id_index = " + value("idIndex", "text"));
                params.put("idLast6", cipher.blindIndex("id-last6", number.last6()));
                params.put("idIndex", cipher.blindIndex("id", number.value()));
            }
            case PHONE -> {
                where.add("p.phone_index = " + value("phoneIndex", "text"));
                params.put("phoneIndex", cipher.blindIndex("phone", q));
            }
            case ID_LAST6 -> {
                where.add("p.id_last6 = " + value("idLast6", "text") + " AND " + HAS_NUMBER);
                params.put("idLast6", cipher.blindIndex("id-last6", q.toUpperCase(Locale.ROOT)));
            }
            case ID_LAST4 -> {
                // No index of its own: the two characters before the last 4 are the day of birth, so the
                // numbers ending in these 4 are those whose last 6 are one of "01" + q ... "31" + q. That is
                // 31 probes of person_id_number instead of one more index every new person must be added to.
                // (cast again: ANY over a bare scalar subquery would read it as a subquery of rows)
                where.add("p.id_last6 = ANY(CAST(" + value("idLast6s", "text[]") + " AS text[])) AND " + HAS_NUMBER);
                params.put("idLast6s", lastSixes(q.toUpperCase(Locale.ROOT), cipher));
            }
            // Prefixes as ranges in the "C" collation (the order of the indexes): unlike LIKE with a
            // value the planner does not see, a range reaches the index.
            case INITIALS -> prefix("p.name_initials", latinWords(q).get(0), where, params);
            // The names whose pinyin or a word of whose Latin letters starts so, from the dictionaries of names
            // (name_pinyin, name_word); their persons then come in name order from person_name_order, as a
            // fragment's do.
            case PINYIN -> {
                String letters = pinyinLetters(q);
                where.add("p.name COLLATE \"C\" = ANY(ARRAY(SELECT r.name FROM name_pinyin r WHERE r.pinyin >= "
                        + value("from", "text") + " AND r.pinyin < " + value("to", "text")
                        + " UNION ALL SELECT w.name FROM name_word w WHERE w.word >= " + value("from", "text")
                        + " AND w.word < " + value("to", "text") + "))");
                params.put("from", letters);
                params.put("to", successor(letters));
            }
            // The names with a word starting with each word typed, in any order: the longest word typed (the
            // fewest names) gives the names from name_word, each of which must hold a word starting with every
            // other; their persons come in name order from person_name_order.
            case LATIN_WORDS -> {
                List<String> words = new java.util.ArrayList<>(latinWords(q));
                String longest = words.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
                words.remove(longest);
                where.add("p.name COLLATE \"C\" = ANY(ARRAY(SELECT w.name FROM name_word w WHERE w.word >= "
                        + value("from", "text") + " AND w.word < " + value("to", "text") + " AND NOT EXISTS ("
                        + "SELECT 1 FROM unnest(" + value("froms", "text[]") + ", " + value("tos", "text[]")
                        + ") o (f, t) WHERE NOT EXISTS (SELECT 1 FROM name_word v WHERE v.name = w.name"
                        + " AND v.word >= o.f AND v.word < o.t))))");
                params.put("from", longest);
                params.put("to", successor(longest));
                params.put("froms", words.toArray(String[]::new));
                params.put("tos", words.stream().map(PersonQuery::successor).toArray(String[]::new));
            }
            case SURNAME -> prefix("p.name", q, where, params);
            case NAME -> {
                // The names holding the fragment, from the names that hold its first two characters
                // (name_bigram); their persons then come in name order from person_name_order.
                String[] grams = bigrams(q);
                params.put("bigram", grams[0]);
                if (grams.length == 1 && q.codePointCount(0, q.length()) == 2) {
                    where.add("p.name COLLATE \"C\" = ANY(ARRAY(SELECT b.name FROM name_bigram b WHERE b.bigram = "
                            + value("bigram", "text") + "))");
                } else {
                    where.add("p.name COLLATE \"C\" = ANY(ARRAY(SELECT b.name FROM name_bigram b WHERE b.bigram = "
                            + value("bigram", "text") + " AND b.name LIKE " + value("fragment", "text") + "))");
                    params.put("fragment", "%" + q + "%");
                }
            }
        }
    }

    /**
     * Letters read as initials may also start a word of a name in Latin letters (sm: 孙敏 and John Smith): the
     * persons of those names that the initials did not find, listed after the initials' matches in name order,
     * as the names whose pinyin starts so would be (docs/adr/0005). Null for every other kind of search.
     */
    String alsoByLatinWords(Map<String, Object> params) {
        if (kind() != Kind.INITIALS) {
            return null;
        }
        String letters = latinWords(text.trim()).get(0);
        params.put("wordFrom", letters);
        params.put("wordTo", successor(letters));
        return "p.name COLLATE \"C\" = ANY(ARRAY(SELECT w.name FROM name_word w WHERE w.word >= "
                + value("wordFrom", "text") + " AND w.word < " + value("wordTo", "text") + ")) AND NOT (p.name_initials "
                + "COLLATE \"C\" >= " + value("wordFrom", "text") + " AND p.name_initials COLLATE \"C\" < "
                + value("wordTo", "text") + ")";
    }

    /** The order of the matches {@link #alsoByLatinWords} adds. */
    static final String BY_NAME = "p.name COLLATE \"C\", p.id";

    /** The conditions of the filters beside the search text (address, category, residence, grid, household). */
    void appendFilters(List<String> where, Map<String, Object> params) {
        if (AddressQuery.of(address) != null && !byAddress()) {
            // beside a text: the households at those addresses come from the address text's trigram index, and their
            // persons from person_household, so the search reads the few persons it finds instead of walking every
            // person in name order to test each one's address (a search by address alone walks the addresses
            // themselves: doorWalk)
            where.add("p.household_id = ANY(ARRAY(SELECT h.id FROM household h JOIN address a ON a.id = h.address_id"
                    + " WHERE " + addressMatch(params) + "))");
        }
        if (category != null) {
            where.add("EXISTS (SELECT 1 FROM person_category c WHERE c.person_id = p.id AND c.category = "
                    + value("category", "text") + (keyPersonType != null ? " AND c.subtype = " + value("subtype", "text") + ")" : ")"));
            params.put("category", category.name());
            if (keyPersonType != null) {
                params.put("subtype", keyPersonType.name());
            }
        }
        if (residence != null) {
            where.add("p.residence = " + value("residence", "text"));
            params.put("residence", residence.name());
        }
        if (gridId != null) {
            where.add("p.grid_id = " + value("gridId", "uuid"));
            params.put("gridId", gridId);
        }
        if (householdId != null) {
            where.add("p.household_id = " + value("householdId", "uuid"));
            params.put("householdId", householdId);
        }
    }

    /**
     * The predicate of the partial index person_id_number, which a search by the last 6 or 4 must state: the
     * planner proves that an index covers a query only from the query's own conditions, not from the table's
     * CHECK that the two columns are null together. Without it such a search walked every person in name order
     * (seconds at a million persons).
     */
    static final String HAS_NUMBER = "p.id_index IS NOT NULL";

    /** The blind indexes of every last 6 that ends in the given last 4: the day of birth before it, 01 to 31. */
    static String[] lastSixes(String last4, PersonalDataCipher cipher) {
        String[] indexes = new String[31];
        for (int day = 1; day <= 31; day++) {
            indexes[day - 1] = cipher.blindIndex("id-last6", (day < 10 ? "0" : "") + day + last4);
        }
        return indexes;
    }

    /**
     * A parameter the planner does not see: a scalar subquery, evaluated once when the statement runs.
     * A search's plan then cannot depend on what was typed, so the custom plans of a prepared statement
     * cost what its generic plan costs and PostgreSQL keeps the generic one instead of planning every
     * search (which cost about as much as running it); every plan is the one shown in docs/adr/0005.
     */
    static String value(String name, String type) {
        return "(SELECT CAST(:" + name + " AS " + type + "))";
    }

    /** column starts with prefix: from the prefix up to the prefix with its last character's successor. */
    private static void prefix(String column, String prefix, List<String> where, Map<String, Object> params) {
        where.add(column + " COLLATE \"C\" >= " + value("from", "text") + " AND " + column + " COLLATE \"C\" < "
                + value("to", "text"));
        params.put("from", prefix);
        params.put("to", successor(prefix));
    }

    /**
     * The least string after every string that starts with the prefix, in code point order (which is
     * UTF-8 byte order, the "C" collation): the prefix with its last character's successor (zs → zt).
     */
    static String successor(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
    }

    /**
     * The order the matches are listed in, which the index that answers the search gives by itself:
     * a prefix of initials by those (the closest first: zs before zsf), then by name; everything else
     * (full pinyin too, whose names come from the name_pinyin dictionary) by name. Names compare in the "C" collation (code point order), the id breaks ties.
     */
    String order() {
        return switch (kind()) {
            case INITIALS -> "p.name_initials COLLATE \"C\", p.name COLLATE \"C\", p.id";
            default -> BY_NAME;
        };
    }

    /** The two-character substrings of a fragment, as name_bigram holds them. */
    static String[] bigrams(String fragment) {
        int[] cps = fragment.codePoints().toArray();
        java.util.LinkedHashSet<String> grams = new java.util.LinkedHashSet<>();
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams.toArray(String[]::new);
    }
}
