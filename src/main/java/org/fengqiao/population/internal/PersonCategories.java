package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.Category;
import org.fengqiao.population.KeyPersonDesignationChanged;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.PersonId;
import org.fengqiao.population.Residence;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's categories (类别): key person with its type, left-behind child, elderly living alone, in difficulty.
 * The one way they change, and their names in a 类别 cell, written by the persons export and read back by the import.
 *
 * <p>A category is written as its code: the category, and for a key person his type after a colon
 * ({@code KEY_PERSON:DRUG}, {@code LEFT_BEHIND_CHILD}), as {@link Persons.Row#categories()} lists them. A person's
 * categories are his codes sorted, so equal categories are equal lists.
 *
 * <p>Stored in {@code person_category}, a row per category; a key person's row also holds his risk level and the
 * day he became one, which his visit rhythm ({@link VisitRhythm}) counts from. Changing them keeps to what the
 * key-person care relies on:
 * <ul>
 *   <li>a person who becomes a key person is one from today: his rhythm counts from today, not from the day he was
 *       registered (which would make him overdue at once), and his risk is not assessed yet, so he is visited at the
 *       high-risk rhythm until a grid chief sets it;</li>
 *   <li>a key person whose type changes stays one: the day he became one and his risk are kept;</li>
 *   <li>a category taken away is deleted; a key person's helper team, risk history and visits are the person's
 *       record, not the category's, and stay;</li>
 *   <li>a child who is no longer a left-behind child (parents home, grown up) has his care agreement in force ended
 *       that day: kept, shown ended with its reason, and no longer in force anywhere;</li>
 *   <li>a person who becomes a key person, changes type or stops being one is announced to his grid's chiefs
 *       ({@link KeyPersonDesignationChanged}).</li>
 * </ul>
 * The person form ({@link PersonRegister}) and the persons import ({@link PersonImport}) both change categories
 * through {@link #apply}, so the two cannot differ in what follows.
 */
@Component
public class PersonCategories {

    /**
     * What the export writes between two names for a reader of Chinese; the import also takes commas and semicolons,
     * half or full width, and the export writes {@link #ENGLISH_SEPARATOR} for a reader of English.
     */
    public static final String SEPARATOR = "、";
    static final String ENGLISH_SEPARATOR = ", ";
    private static final Pattern SEPARATORS = Pattern.compile("[、,，;；]");

    /**
     * A cell read: the codes it names, sorted, or what is wrong with it (then no codes); {@code null} codes for a blank
     * cell, which leaves the person's categories as they are.
     */
    public record Cell(List<String> codes, List<Invalid.Problem> problems) {
    }

    /** One person's categories going from what is stored to what is wanted. */
    public record Change(UUID personId, List<String> before, List<String> after) {
    }

    private static final String KEY_PERSON = Category.KEY_PERSON.name() + ":";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final KeyPersons keyPersons;
    private final VisitRhythm rhythm;
    /** Every code, in the order of the enums, by its Chinese name: what the export writes for a reader of Chinese. */
    private final Map<String, String> chinese = new LinkedHashMap<>();
    /** Every code by its English name: what the export writes for a reader of English. */
    private final Map<String, String> english = new LinkedHashMap<>();
    /**
     * The word a cell says "no category" with ("无", "none"): a blank cell leaves the stored categories alone, since a
     * file made from the import's template, or a sheet a grid keeps with the column left empty, says nothing of them;
     * taking every category away has to be written.
     */
    static final Set<String> NONE = Set.of("无", "none");
    /**
     * Words officers write for a category beside the name the export writes: 吸毒人员 (drug user) for 涉毒人员.
     */
    private static final Map<String, String> ALIASES = Map.of("吸毒人员", "KEY_PERSON:DRUG");
    /** Every word a cell may use for a code: its Chinese name, its English name and the code, those two in lower case. */
    private final Map<String, String> words = new HashMap<>();
    private final String chineseChoices;
    private final String englishChoices;

    PersonCategories(JdbcClient jdbc, Clock clock, MessageSource messages, ApplicationEventPublisher events,
            KeyPersons keyPersons, CareProperties care) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.keyPersons = keyPersons;
        this.rhythm = new VisitRhythm(care.rhythm());
        for (String code : codes()) {
            String key = "population.mark." + code.replace(':', '.');
            String zh = messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
            String en = messages.getMessage(key, null, Locale.ENGLISH);
            chinese.put(code, zh);
            english.put(code, en);
            words.put(zh, code);
            words.put(en.toLowerCase(Locale.ROOT), code);
            words.put(code.toLowerCase(Locale.ROOT), code);
        }
        ALIASES.forEach(words::putIfAbsent);
        this.chineseChoices = String.join(SEPARATOR, chinese.values());
        this.englishChoices = String.join(ENGLISH_SEPARATOR, english.values());
    }

    /** Every code there is: a key person of each type, then the other categories. */
    static List<String> codes() {
        List<String> codes = new ArrayList<>();
        for (Category c : Category.values()) {
            if (c == Category.KEY_PERSON) {
                for (KeyPersonType t : KeyPersonType.values()) {
                    codes.add(c.name() + ":" + t.name());
                }
            } else {
                codes.add(c.name());
            }
        }
        return codes;
    }

    /**
     * The categories as the person page names them in the reader's language, like every header and value of the
     * export: 涉毒人员、留守儿童, or Drug-involved, Left-behind child; {@link #read} reads either back.
     */
    public String names(List<String> codes, Locale locale) {
        if (codes == null || codes.isEmpty()) {
            return null;
        }
        boolean inEnglish = "en".equals(locale.getLanguage());
        Map<String, String> named = inEnglish ? english : chinese;
        List<String> names = new ArrayList<>(codes.size());
        for (String code : codes) {
            names.add(named.getOrDefault(code, code));
        }
        return String.join(inEnglish ? ENGLISH_SEPARATOR : SEPARATOR, names);
    }

    /**
     * A cell as the export writes it (涉毒人员、留守儿童), or with the English names or the codes, separated by 、 , ;
     * (half or full width); "无" or "none" is no category; blank leaves the categories as they are (codes
     * {@code null}). A word that names no category, or two types of key person (a person is one key person, of one
     * type), is a problem of the cell, field {@code categories}.
     */
    public Cell read(String text) {
        if (text == null || text.isBlank()) {
            return new Cell(null, List.of());
        }
        if (NONE.contains(text.strip().toLowerCase(Locale.ROOT))) {
            return new Cell(List.of(), List.of());
        }
        return parse(List.of(SEPARATORS.split(text)), "imports.categories.");
    }

    /**
     * The categories the person form gives: a list of codes ({@code KEY_PERSON:DRUG}, {@code LEFT_BEHIND_CHILD}) or
     * of the names a 类别 cell may use; {@code null} leaves the person's categories as they are, an empty list takes
     * them all away. A word that names no category, or two types of key person, is a problem of field
     * {@code categories}, in the form's words.
     */
    public Cell given(List<String> words) {
        if (words == null) {
            return new Cell(null, List.of());
        }
        List<String> named = new ArrayList<>(words.size());
        for (String word : words) {
            named.add(word == null ? "" : word);
        }
        return parse(named, "population.categories.");
    }

    private Cell parse(List<String> parts, String messages) {
        Set<String> codes = new HashSet<>();
        List<Invalid.Problem> problems = new ArrayList<>();
        String keyPerson = null;
        String keyPersonWord = null;
        for (String part : parts) {
            String word = part.strip();
            if (word.isEmpty()) {
                continue;
            }
            String code = words.get(word);
            if (code == null) {
                code = words.get(word.toLowerCase(Locale.ROOT));
            }
            if (code == null) {
                problems.add(new Invalid.Problem("categories", messages + "unknown",
                        new Object[] {word, chineseChoices, englishChoices}));
                continue;
            }
            if (code.startsWith(KEY_PERSON)) {
                if (keyPerson != null && !keyPerson.equals(code)) {
                    problems.add(new Invalid.Problem("categories", messages + "twoKeyPersonTypes",
                            new Object[] {keyPersonWord, word}));
                    continue;
                }
                keyPerson = code;
                keyPersonWord = word;
            }
            codes.add(code);
        }
        if (!problems.isEmpty()) {
            return new Cell(List.of(), List.copyOf(problems));
        }
        return new Cell(sorted(codes), List.of());
    }

    /**
     * What is wrong with giving these categories to a person born on {@code birthDate}: a left-behind child is under
     * 16 ({@link LeftBehindChildPolicy}) and an elderly person living alone 60 or older ({@link ElderlyAlonePolicy}),
     * so either category is a problem of field {@code categories} for a person of the wrong age today, in the words of
     * the form ({@code population.categories.}) or of the import ({@code imports.categories.}); a left-behind child
     * or an elderly person living alone whose age is not known (neither birth date nor identity number) is a problem
     * of field {@code birthDate}. Nothing
     * for codes {@code null} (the categories left as they are).
     */
    public List<Invalid.Problem> ageProblems(List<String> codes, LocalDate birthDate, boolean imported) {
        if (codes == null) {
            return List.of();
        }
        String messages = imported ? "imports.categories." : "population.categories.";
        LocalDate today = LocalDate.now(clock.withZone(KeyPersons.LOCAL));
        List<Invalid.Problem> problems = new ArrayList<>();
        if (codes.contains(Category.LEFT_BEHIND_CHILD.name())) {
            LeftBehindChildPolicy.Decision d = LeftBehindChildPolicy.on(birthDate, today);
            if (d.ageUnknown()) {
                problems.add(new Invalid.Problem("birthDate", messages + "leftBehindNoBirthDate", new Object[0]));
            } else if (!d.allowed()) {
                problems.add(new Invalid.Problem("categories", messages + "leftBehindTooOld",
                        new Object[] {birthDate.toString(), d.turns16On().toString()}));
            }
        }
        if (codes.contains(Category.ELDERLY_ALONE.name())) {
            ElderlyAlonePolicy.Decision d = ElderlyAlonePolicy.on(birthDate, today);
            if (d.ageUnknown()) {
                problems.add(new Invalid.Problem("birthDate", messages + "elderlyNoBirthDate", new Object[0]));
            } else if (!d.allowed()) {
                problems.add(new Invalid.Problem("categories", messages + "elderlyTooYoung",
                        new Object[] {birthDate.toString(), d.turns60On().toString()}));
            }
        }
        return problems;
    }

    static List<String> sorted(Collection<String> codes) {
        return codes.stream().sorted().toList();
    }

    /** The stored categories of the persons given that have any, each person's sorted. */
    public Map<UUID, List<String>> stored(Collection<UUID> personIds) {
        Map<UUID, List<String>> found = new HashMap<>();
        if (personIds.isEmpty()) {
            return found;
        }
        Map<UUID, List<String>> unsorted = new HashMap<>();
        jdbc.sql("SELECT person_id, category, subtype FROM person_category WHERE person_id = ANY(?)")
                .param(personIds.toArray(UUID[]::new))
                .query((rs, n) -> unsorted.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(code(rs.getString(2), rs.getString(3))))
                .list();
        unsorted.forEach((id, codes) -> found.put(id, sorted(codes)));
        return found;
    }

    /** A care agreement that ended because its child is no longer a left-behind child. */
    public record EndedAgreement(UUID agreementId, UUID personId, String unitPath, LocalDate endedOn) {
    }

    /** What a change of categories did besides the categories: the agreements it ended, the key persons it made. */
    public record Applied(List<EndedAgreement> endedAgreements, List<KeyPersonDesignationChanged> keyPersons) {
    }

    /**
     * Writes the changes in the caller's transaction, the persons' rows already written, and makes the records that
     * hang on the categories follow; a few statements for any number of persons (an import writes a batch's at once).
     * A category in {@code after} and not in {@code before} is written (a key person's type over the stored one,
     * should it have changed meanwhile), one in {@code before} whose category is not in {@code after} is deleted.
     * Then:
     * <ul>
     *   <li>a child who is no longer a left-behind child has his care agreement in force ended today, reason
     *       {@code NO_LONGER_LEFT_BEHIND}: it stays on record, ended; should he become one again, a new agreement is
     *       signed (an ended one is never in force again);</li>
     *   <li>each person who became a key person, changed type or stopped being one is announced
     *       ({@link KeyPersonDesignationChanged}, for his grid's chiefs), as the statements found him: a type written
     *       over the same type announces nothing.</li>
     * </ul>
     * Each person whose categories the statements changed has his version raised, as any change of his record does,
     * so a form made before it is refused as stale; writing what is stored already raises nothing.
     * The caller audits: the person form an entry per record, an import an entry per batch, with the agreements
     * ended that this answers.
     *
     * @param importJob the persons import making the changes, null for the person form
     */
    public Applied apply(List<Change> changes, UUID importJob) {
        return apply(changes, importJob, CareAgreements.NO_LONGER_LEFT_BEHIND);
    }

    /**
     * {@link #apply(List, UUID)} saying why a child who is no longer a left-behind child has his agreement ended:
     * {@link CareAgreements#NO_LONGER_LEFT_BEHIND} when an officer took the category away,
     * {@link CareAgreements#TURNED_16} when the age sweep did on his sixteenth birthday.
     */
    public Applied apply(List<Change> changes, UUID importJob, String endedReason) {
        List<UUID> gonePersons = new ArrayList<>();
        List<String> goneCategories = new ArrayList<>();
        List<UUID> setPersons = new ArrayList<>();
        List<String> setCategories = new ArrayList<>();
        List<String> setTypes = new ArrayList<>();
        Set<UUID> noLongerLeftBehind = new HashSet<>();
        Set<UUID> keyPersonSet = new HashSet<>();
        for (Change change : changes) {
            Set<String> wanted = new HashSet<>();
            for (String code : change.after()) {
                wanted.add(category(code));
                if (!change.before().contains(code)) {
                    setPersons.add(change.personId());
                    setCategories.add(category(code));
                    setTypes.add(type(code));
                    if (code.startsWith(KEY_PERSON)) {
                        keyPersonSet.add(change.personId());
                    }
                }
            }
            for (String code : change.before()) {
                if (!wanted.contains(category(code))) {
                    gonePersons.add(change.personId());
                    goneCategories.add(category(code));
                    if (code.equals(Category.LEFT_BEHIND_CHILD.name())) {
                        noLongerLeftBehind.add(change.personId());
                    }
                }
            }
        }
        LocalDate today = LocalDate.now(clock.withZone(KeyPersons.LOCAL));
        // what the statements found, not what the caller read before: only a real change is announced
        Map<UUID, KeyPersonType> keyPersonsBefore = new HashMap<>();
        Map<UUID, KeyPersonType> keyPersonsAfter = new HashMap<>();
        Map<UUID, KeyPersonType> storedKeyPersons = new HashMap<>();
        // every person whose categories the statements changed: a change of the person like any other
        Set<UUID> changedPersons = new HashSet<>();
        if (!gonePersons.isEmpty()) {
            jdbc.sql("""
                    DELETE FROM person_category c USING unnest(?::uuid[], ?::text[]) AS g(person_id, category)
                    WHERE c.person_id = g.person_id AND c.category = g.category
                    RETURNING c.person_id, c.category, c.subtype""")
                    .params(gonePersons.toArray(UUID[]::new), goneCategories.toArray(String[]::new))
                    .query((rs, n) -> {
                        changedPersons.add(rs.getObject(1, UUID.class));
                        if (Category.KEY_PERSON.name().equals(rs.getString(2))) {
                            keyPersonsBefore.put(rs.getObject(1, UUID.class), keyPersonType(rs.getString(3)));
                        }
                        return n;
                    }).list();
        }
        if (!setPersons.isEmpty()) {
            if (!keyPersonSet.isEmpty()) {
                jdbc.sql("""
                        SELECT person_id, subtype FROM person_category
                        WHERE person_id = ANY(?) AND category = 'KEY_PERSON' FOR UPDATE""")
                        .param(keyPersonSet.toArray(UUID[]::new))
                        .query((rs, n) -> storedKeyPersons.put(rs.getObject(1, UUID.class), keyPersonType(rs.getString(2))))
                        .list();
            }
            // a new key person from today, risk not assessed; one whose type changes keeps his day and his risk
            jdbc.sql("""
                    INSERT INTO person_category (person_id, category, subtype, since)
                    SELECT s.person_id, s.category, s.subtype, CASE WHEN s.category = 'KEY_PERSON' THEN ?::date END
                    FROM unnest(?::uuid[], ?::text[], ?::text[]) AS s(person_id, category, subtype)
                    ON CONFLICT (person_id, category) DO UPDATE SET subtype = EXCLUDED.subtype
                    WHERE person_category.subtype IS DISTINCT FROM EXCLUDED.subtype
                    RETURNING person_id, category, subtype""")
                    .params(today, setPersons.toArray(UUID[]::new), setCategories.toArray(String[]::new),
                            setTypes.toArray(String[]::new))
                    .query((rs, n) -> {
                        changedPersons.add(rs.getObject(1, UUID.class));
                        if (Category.KEY_PERSON.name().equals(rs.getString(2))) {
                            keyPersonsAfter.put(rs.getObject(1, UUID.class), keyPersonType(rs.getString(3)));
                        }
                        return n;
                    }).list();
        }
        if (!changedPersons.isEmpty()) {
            // a form made before this change (an officer's, or one open when the age sweep ran) is then refused as
            // stale (population.person.stale) instead of being saved over it or refused by a rule it cannot know of
            jdbc.sql("UPDATE person SET version = version + 1, updated_at = now() WHERE id = ANY(?)")
                    .param(changedPersons.stream().sorted().toArray(UUID[]::new)).update();
        }
        // a key person written over with another type had the stored one before (the same type written again
        // returns no row above, and is no change)
        keyPersonsAfter.keySet().forEach(p -> {
            if (storedKeyPersons.containsKey(p)) {
                keyPersonsBefore.put(p, storedKeyPersons.get(p));
            }
        });
        return new Applied(endAgreements(noLongerLeftBehind, today, endedReason),
                announce(keyPersonsBefore, keyPersonsAfter, today, importJob));
    }

    /** The grid chiefs of these grids on a day, by grid (for the age sweep, which changes categories here). */
    Map<UUID, List<UUID>> gridChiefs(java.util.Collection<UUID> grids, LocalDate day) {
        return keyPersons.gridChiefs(grids, day);
    }

    /**
     * Ends the agreement in force of each of these persons who is no longer a left-behind child, today (or on its
     * signing day, were it signed later): kept on record, shown as ended with its reason.
     */
    private List<EndedAgreement> endAgreements(Set<UUID> persons, LocalDate today, String reason) {
        if (persons.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                UPDATE care_agreement a SET ended_on = greatest(a.signed_on, ?), ended_reason = ?
                FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE p.id = a.person_id AND a.person_id = ANY(?) AND a.ended_on IS NULL
                  AND NOT EXISTS (SELECT 1 FROM person_category c
                                  WHERE c.person_id = a.person_id AND c.category = 'LEFT_BEHIND_CHILD')
                RETURNING a.id, a.person_id, u.path, a.ended_on""")
                .params(today, reason, persons.toArray(UUID[]::new))
                .query((rs, n) -> new EndedAgreement(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, LocalDate.class)))
                .list();
    }

    /** Publishes a {@link KeyPersonDesignationChanged} for each person whose key-person type is not what it was. */
    private List<KeyPersonDesignationChanged> announce(Map<UUID, KeyPersonType> before, Map<UUID, KeyPersonType> after,
            LocalDate today, UUID importJob) {
        Set<UUID> changed = new HashSet<>(before.keySet());
        changed.addAll(after.keySet());
        changed.removeIf(p -> before.get(p) == after.get(p));
        if (changed.isEmpty()) {
            return List.of();
        }
        record Person(String name, UUID grid, String gridName, String unitPath) {
        }
        Map<UUID, Person> persons = new HashMap<>();
        jdbc.sql("""
                SELECT p.id, p.name, p.grid_id, g.name, u.path
                FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id WHERE p.id = ANY(?)""")
                .param(changed.toArray(UUID[]::new))
                .query((rs, n) -> persons.put(rs.getObject(1, UUID.class), new Person(rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5))))
                .list();
        Map<UUID, List<UUID>> chiefs = keyPersons.gridChiefs(
                persons.values().stream().map(Person::grid).distinct().toList(), today);
        // the first visit as the key-person page will show it: the rhythm of one not assessed yet (exempt, and so
        // no day, when gone from the area)
        Map<UUID, LocalDate> firstVisits = new HashMap<>();
        for (KeyPersons.Row r : keyPersons.of(changed.stream().filter(p -> before.get(p) == null).toList())) {
            firstVisits.put(r.id(), rhythm.status(r.risk(), r.since(), r.lastVisitOn(),
                    r.residence() == Residence.LEFT, today).nextDue());
        }
        Instant at = clock.instant();
        List<KeyPersonDesignationChanged> published = new ArrayList<>();
        for (UUID id : changed.stream().sorted().toList()) {
            Person p = persons.get(id);
            if (p == null) {
                continue;
            }
            KeyPersonDesignationChanged event = new KeyPersonDesignationChanged(new PersonId(id), p.name(),
                    new GridId(p.grid()), p.gridName(), p.unitPath(), before.get(id), after.get(id), firstVisits.get(id),
                    List.copyOf(chiefs.getOrDefault(p.grid(), List.of())), importJob, at);
            events.publishEvent(event);
            published.add(event);
        }
        return published;
    }

    private static KeyPersonType keyPersonType(String subtype) {
        return subtype == null ? null : KeyPersonType.valueOf(subtype);
    }

    static String code(String category, String subtype) {
        return subtype == null ? category : category + ":" + subtype;
    }

    private static String category(String code) {
        int colon = code.indexOf(':');
        return colon < 0 ? code : code.substring(0, colon);
    }

    private static String type(String code) {
        int colon = code.indexOf(':');
        return colon < 0 ? null : code.substring(colon + 1);
    }
}
