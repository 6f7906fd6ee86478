package org.fengqiao.population.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.Category;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Residence;

/**
 * One search box for everything an officer types: a name or two or more characters of it, pinyin
 * initials (zs → 张三) or whole pinyin, an identity number whole or its last 4 or 6 characters, a
 * phone number; beside it an address fragment and filters. Each kind of text is answered by its own
 * index, in the order the results are listed (see {@link #order()} and docs/adr/0005): a name fragment
 * by the names holding it (name_bigram) and their persons in name order, initials and pinyin by prefix
 * B-trees, the encrypted numbers by their blind indexes (equality).
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
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]+");
    private static final Pattern NOT_INITIAL = Pattern.compile("[iuvIUV]");
    private static final Pattern HAN = Pattern.compile("[\\p{IsHan}·]+");

    /** A mobile number as people write it: grouped by spaces or dashes, with the country code in front. */
    private static final Pattern WRITTEN_PHONE = Pattern.compile("(?:\\+86|0086|86)?(1[3-9][0-9]{9})");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\u3000\\-\\u2010-\\u2015()（）]");

    public PersonQuery {
        text = normalisedPhone(text);
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

    /** What the search text was read as: shown to the user so a surprising result explains itself. */
    public enum Kind { NONE, NAME, SURNAME, INITIALS, PINYIN, ID_NUMBER, ID_LAST4, ID_LAST6, PHONE }

    public Kind kind() {
        String q = text == null ? "" : text.trim();
        if (q.isEmpty()) {
            return Kind.NONE;
        }
        if (readAs == Kind.PINYIN && LATIN.matcher(q).matches() && q.length() >= 2) {
            return Kind.PINYIN;
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
        if (LATIN.matcher(q).matches()) {
            if (q.length() < 2) {
                throw Invalid.of("q", "population.search.tooShort");
            }
            // no syllable starts with i, u or v, so letters holding one are not initials ("liu", "ding", "zhou")
            return q.length() <= 4 && !NOT_INITIAL.matcher(q).find() ? Kind.INITIALS : Kind.PINYIN;
        }
        if (HAN.matcher(q).matches()) {
            return q.codePointCount(0, q.length()) == 1 ? Kind.SURNAME : Kind.NAME;
        }
        throw Invalid.of("q", "population.search.unreadable");
    }

    void appendTo(List<String> where, Map<String, Object> params, PersonalDataCipher cipher) {
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
            case INITIALS -> prefix("p.name_initials", q.toLowerCase(Locale.ROOT), where, params);
            // The names whose pinyin starts so, from the dictionary of names (name_pinyin); their persons then
            // come in name order from person_name_order, as a fragment's do.
            case PINYIN -> {
                String pinyin = q.toLowerCase(Locale.ROOT);
                where.add("p.name COLLATE \"C\" = ANY(ARRAY(SELECT r.name FROM name_pinyin r WHERE r.pinyin >= "
                        + value("from", "text") + " AND r.pinyin < " + value("to", "text") + "))");
                params.put("from", pinyin);
                params.put("to", successor(pinyin));
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
        if (address != null && !address.isBlank()) {
            where.add("""
                    EXISTS (SELECT 1 FROM household h JOIN address a ON a.id = h.address_id
                            WHERE h.id = p.household_id AND a.full_text LIKE (SELECT CAST(:address AS text)))""");
            params.put("address", "%" + address.trim() + "%");
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
            default -> "p.name COLLATE \"C\", p.id";
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
