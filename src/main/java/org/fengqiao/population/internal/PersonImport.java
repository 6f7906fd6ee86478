package org.fengqiao.population.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports persons (with their households and addresses) from xlsx or CSV as a background job.
 *
 * <p>Each batch of rows goes through three steps: every row is checked with {@link PersonRegister#check}
 * plus the import's own rules (grid code in the caller's scope, a number met earlier in the file, household in
 * the row's grid); the valid rows are encrypted and hashed; then one transaction writes the
 * batch's new addresses, households and persons (COPY) and the updates. A row is fully checked before anything
 * of it is written, and a row that fails is written not at all. While one batch is being written the next one is
 * read and checked, so the database and the processors work at the same time. Each stage works its batch on one
 * thread: the stages side by side keep both processors busy, and splitting a batch over the common pool cost
 * more in waiting and handing over than it gained (a million rows: 6.3–6.8 s of processor time for checking and
 * preparing on the stages' own threads, against 9.3–11.3 s with the common pool; bench/README.md).
 *
 * <p>A known identity number updates its person; equal content (the stored SHA-256 content hash) counts as
 * unchanged and is not written, so importing the same file twice changes nothing.
 *
 * <p>A file with a 类别 column sets each row's person's categories to the ones his cell names, through
 * {@link PersonCategories} like any change of them: the batch looks up the stored categories of its known persons
 * (one query), and a person whose categories differ counts as updated even when nothing else of him changed. A cell
 * with a word that names no category refuses its row. A file without the column reads, looks up and writes no
 * categories: it takes the import's path as it was before the column was read. What follows a change of categories
 * follows it here as after the person form: a child no longer left-behind has his care agreement ended (listed in the
 * batch's audit entry), and the grid chiefs hear of the key persons the job made, changed or unmade.
 */
@Service
public class PersonImport {

    /** The columns of a persons table, with the Chinese header first and the English name second. */
    public enum Column implements ImportTable.Header {
        NAME("姓名", "name"), ID_NUMBER("身份证号", "idNumber"), SEX("性别", "sex"), BIRTH_DATE("出生日期", "birthDate"),
        ETHNICITY("民族", "ethnicity"), PHONE("电话", "phone"), GRID_CODE("网格编码", "gridCode"),
        HOUSEHOLD_NUMBER("户号", "householdNumber"), RELATION("与户主关系", "relation"), RESIDENCE("居住类型", "residence"),
        REGISTERED_ON("登记日期", "registeredOn"), ADDRESS("地址", "address"), OCCUPATION("职业", "occupation"),
        WORKPLACE("工作单位", "workplace"),
        /**
         * The person's categories by name, as the export writes them (涉毒人员、留守儿童, see {@link PersonCategories#read}).
         * A file with this column sets each person's categories to what his cell lists ("无" for none; a blank cell
         * leaves them as they are); a file without it leaves them as they are.
         */
        CATEGORIES("类别", "categories"),
        /**
         * The stored person a row is about, as the export writes it: his identity number and phone go out masked,
         * so a row with a masked number or phone names its person by this id, and the masked values keep his own.
         */
        PERSON_ID("人员编号", "personId");

        public final String chinese;
        public final String english;

        Column(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        @Override
        public String chinese() {
            return chinese;
        }

        @Override
        public String english() {
            return english;
        }
    }

    static final int BATCH = 2000;
    /** Batches written side by side, each on its own connection: PostgreSQL works one statement on one core. */
    static final int WRITERS = 2;
    private static final Logger log = LoggerFactory.getLogger(PersonImport.class);
    /**
     * The ways a date may be written, each strict: a day the month does not have (1980-02-30) is refused as a wrong
     * date, not read as the month's last day (the patterns' default resolving would store 1980-02-29).
     */
    private static final DateTimeFormatter[] DATES = {DateTimeFormatter.ISO_LOCAL_DATE,
        strict("uuuu/M/d"), DateTimeFormatter.BASIC_ISO_DATE, strict("uuuu.M.d"), strict("uuuu-M-d")};

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }
    private static final Map<String, Relation> RELATIONS = Map.ofEntries(Map.entry("户主", Relation.HEAD),
            Map.entry("本人", Relation.HEAD), Map.entry("配偶", Relation.SPOUSE), Map.entry("子女", Relation.CHILD),
            Map.entry("父母", Relation.PARENT), Map.entry("孙子女", Relation.GRANDCHILD),
            Map.entry("祖父母", Relation.GRANDPARENT), Map.entry("兄弟姐妹", Relation.SIBLING),
            Map.entry("儿媳", Relation.CHILD_IN_LAW), Map.entry("女婿", Relation.CHILD_IN_LAW),
            Map.entry("其他亲属", Relation.OTHER_RELATIVE), Map.entry("非亲属", Relation.NON_RELATIVE));
    private static final Map<String, Residence> RESIDENCES = Map.of("常住", Residence.PERMANENT,
            "流动", Residence.FLOATING, "暂住", Residence.FLOATING, "离开", Residence.LEFT, "已离开", Residence.LEFT);
    private static final Map<Relation, String> RELATION_TEXTS = Map.ofEntries(Map.entry(Relation.HEAD, "户主"),
            Map.entry(Relation.SPOUSE, "配偶"), Map.entry(Relation.CHILD, "子女"), Map.entry(Relation.PARENT, "父母"),
            Map.entry(Relation.GRANDCHILD, "孙子女"), Map.entry(Relation.GRANDPARENT, "祖父母"),
            Map.entry(Relation.SIBLING, "兄弟姐妹"), Map.entry(Relation.OTHER_RELATIVE, "其他亲属"),
            Map.entry(Relation.NON_RELATIVE, "非亲属"));
    private static final Map<Residence, String> RESIDENCE_TEXTS = Map.of(Residence.PERMANENT, "常住",
            Residence.FLOATING, "流动", Residence.LEFT, "离开");

    /**
     * A sex as this import reads it in the reader's language: 男, 女; in English male, female. Null for none.
     */
    public static String sexText(String sex, Locale locale) {
        if (sex == null) {
            return null;
        }
        if (english(locale)) {
            return sex.toLowerCase(Locale.ROOT);
        }
        return switch (sex) {
            case "MALE" -> "男";
            case "FEMALE" -> "女";
            default -> sex;
        };
    }

    /**
     * A relation to the head as this import reads it in the reader's language: 户主, 子女 … (a child-in-law is 女婿 or
     * 儿媳 by sex); in English the relation's code in lower case (head, child, child_in_law …).
     */
    public static String relationText(String relation, String sex, Locale locale) {
        if (relation == null) {
            return null;
        }
        Relation r = Relation.valueOf(relation);
        if (english(locale)) {
            return r.name().toLowerCase(Locale.ROOT);
        }
        if (r == Relation.CHILD_IN_LAW) {
            return "MALE".equals(sex) ? "女婿" : "儿媳";
        }
        return RELATION_TEXTS.getOrDefault(r, relation);
    }

    /** A residence as this import reads it in the reader's language: 常住, 流动, 离开; permanent, floating, left. */
    public static String residenceText(Residence residence, Locale locale) {
        if (residence == null) {
            return null;
        }
        return english(locale) ? residence.name().toLowerCase(Locale.ROOT) : RESIDENCE_TEXTS.get(residence);
    }

    /**
     * An ethnicity code (01) by the name this import reads in the reader's language (汉族, Han); a code it does not
     * know as it is.
     */
    public static String ethnicityText(String code, Locale locale) {
        return Ethnicities.shown(code, locale);
    }

    /** Whether the reader reads English, the one language besides Chinese that files are written in. */
    static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    /** Whether a cell holds a masked value as lists and exports show it (320722********002X, 138****5678). */
    static boolean masked(String text) {
        return text != null && text.indexOf('*') >= 0;
    }

    private final Persons persons;
    private final PersonRegister register;
    private final Jurisdictions jurisdictions;
    private final ImportJobs jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final DeferredIndexes deferredIndexes;
    private final org.fengqiao.platform.crypto.PersonalDataCipher cipher;
    private final PersonCategories categories;
    // bounded: two imports at a time on this 2-core machine, a few more waiting, the rest refused
    private final ThreadPoolExecutor executor = ImportFiles.executor("person-import", 2, 8);

    public PersonImport(Persons persons, PersonRegister register, Jurisdictions jurisdictions, ImportJobs jobs,
            JdbcClient jdbc, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
            MessageSource messages, DeferredIndexes deferredIndexes,
            org.fengqiao.platform.crypto.PersonalDataCipher cipher, PersonCategories categories) {
        this.persons = persons;
        this.register = register;
        this.jurisdictions = jurisdictions;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.messages = messages;
        this.deferredIndexes = deferredIndexes;
        this.cipher = cipher;
        this.categories = categories;
    }

    /** The counts of a finished run. */
    public record Result(UUID jobId, ImportJobs.Status status, ImportJobs.Counts counts) {
    }

    /**
     * Queues an uploaded file (already saved to {@code file}, which the job deletes when done) and returns the
     * job's id at once; the caller's sign-in goes with the job so that its audit entries name him.
     */
    public UUID submit(Path file, String fileName, boolean dryRun, Caller caller, Locale locale) throws IOException {
        return ImportFiles.queue(jobs, ImportJobs.Kind.PERSONS, file, fileName, dryRun, caller, executor, messages,
                "imports.busy", locale, id -> run(id, file, fileName, dryRun, caller, locale));
    }

    /**
     * The import table's headers and one example row, as xlsx, in the reader's language: in English the headers and
     * codes this import reads in English (male, head, permanent, Han); the example's name and address stay Chinese,
     * as the people and places registered are.
     */
    public byte[] template(Locale locale) throws IOException {
        List<String> example = english(locale)
                ? List.of("张三", "320722198001010014", "male", "1980-01-01", "Han", "13912345678", "FS-1-01",
                        "FS-1-01-0001", "head", "permanent", "", "东海县示例村 1 号", "farmer", "")
                : List.of("张三", "320722198001010014", "男", "1980-01-01", "汉", "13912345678", "FS-1-01",
                        "FS-1-01-0001", "户主", "常住", "", "东海县示例村 1 号", "农民", "");
        return ImportFiles.template("persons", Column.class, List.of(example), locale);
    }

    /** Runs a job on the current thread: what the background executor does, and what the benchmark calls. */
    public Result run(UUID jobId, Path file, String fileName, boolean dryRun, Caller caller, Locale locale) {
        long started = System.nanoTime();
        Run run = new Run(jobId, dryRun, caller, locale);
        SecurityContext context = SecurityContextHolder.getContext();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(() -> {
                SecurityContextHolder.setContext(context);
                r.run();
            }, "person-import-writer");
            t.setDaemon(true);
            return t;
        });
        ExecutorService resolver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "person-import-resolver");
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<Future<?>> resolving = new java.util.ArrayDeque<>();
        try (ImportTable<Column> table = ImportTable.open(file, fileName, Column.class)) {
            run.table = table;
            run.readsCategories = table.has(Column.CATEGORIES);
            run.expected = table.expectedRows();
            jobs.running(jobId, run.expected);
            if (!table.has(Column.NAME) || !table.has(Column.GRID_CODE)) {
                throw new Invalid("error.invalid", List.of(new Invalid.Problem("file", "imports.headers.missing",
                        new Object[] {Column.NAME.label(locale) + ", " + Column.GRID_CODE.label(locale)})));
            }
            IndexDeferralPolicy.Decision deferral = deferredIndexes.decide(run.expected, dryRun);
            if (deferral.defer()) {
                run.deferredIndexes = deferredIndexes.defer(jobId);
                log.info("Import {} builds {} indexes at its end ({}): {}", jobId, run.deferredIndexes.size(),
                        deferral.reason(), run.deferredIndexes);
            }
            // Three stages side by side: this thread reads and checks a batch, the resolver looks up and plans the
            // one before and prepares its rows, and the writers write those before it, each batch on its own
            // connection. A stage that gets ahead waits, so only a few batches are in memory at a time.
            while (table.hasNext()) {
                long t = System.nanoTime();
                List<ImportTable.Line> lines = readBatch(table);
                run.time("read lines", t);
                List<Candidate> checked = run.check(lines);
                t = System.nanoTime();
                while (resolving.size() >= 2) {
                    resolving.removeFirst().get();
                }
                run.time("wait for resolver", t);
                resolving.addLast(resolver.submit(() -> {
                    Batch batch = run.resolve(checked);
                    long w = System.nanoTime();
                    while (run.writing.size() >= WRITERS + 1) {
                        run.writing.removeFirst().get();
                    }
                    run.time("wait for writers", w);
                    run.writing.addLast(writers.submit(() -> run.write(batch)));
                    return null;
                }));
            }
            while (!resolving.isEmpty()) {
                resolving.removeFirst().get();
            }
            while (!run.writing.isEmpty()) {
                run.writing.removeFirst().get();
            }
            buildDeferredIndexes(run);
            mergePendingLists(run);
            run.finished = true;
            if (log.isDebugEnabled()) {
                log.debug("Import {} of {} rows in {} ms, time per phase (ms, summed over threads): {}", jobId,
                        run.total.get(), (System.nanoTime() - started) / 1_000_000, run.timings);
            }
            byte[] errorFile = run.errorFile();
            // audited before the job shows its end: whoever sees it ended finds its audit entry
            audit(run, fileName, ImportJobs.Status.DONE);
            jobs.finish(jobId, ImportJobs.Status.DONE, run.counts(), null, errorFile,
                    errorFile == null ? null : ImportFiles.baseName(fileName, "import") + "-errors.xlsx");
            return new Result(jobId, ImportJobs.Status.DONE, run.counts());
        } catch (Exception e) {
            // batches already sent are let finish, so the counts say what was written
            for (java.util.Collection<Future<?>> stage : List.of(resolving, run.writing)) {
                for (Future<?> f : List.copyOf(stage)) {
                    try {
                        f.get();
                    } catch (Exception ignored) {
                        // the first failure is the one reported
                    }
                }
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = ImportFailures.message(cause, jobId, "imports.failed", messages, locale);
            log.warn("Import {} failed", jobId, cause);
            try {
                buildDeferredIndexes(run);
            } catch (RuntimeException notBuilt) {
                // ImportJobWatch builds them once the job shows FAILED
                log.warn("Import {} could not build the indexes it set aside; the import watch will", jobId, notBuilt);
            }
            // the batches it wrote before failing stay
            mergePendingLists(run);
            run.finished = true;
            audit(run, fileName, ImportJobs.Status.FAILED);
            jobs.finish(jobId, ImportJobs.Status.FAILED, run.counts(), message, null, null);
            return new Result(jobId, ImportJobs.Status.FAILED, run.counts());
        } finally {
            resolver.shutdownNow();
            writers.shutdownNow();
        }
    }

    /** Builds the indexes the run set aside, before its job shows finished: searches need them. */
    private void buildDeferredIndexes(Run run) {
        if (!run.deferredIndexes.isEmpty()) {
            long t = System.nanoTime();
            jobs.note(run.jobId, run.counts(), messages.getMessage("imports.buildingIndexes", null, run.locale));
            deferredIndexes.build(run.jobId);
            run.time("build deferred indexes", t);
        }
    }

    /**
     * Merges what the run wrote into the GIN indexes it kept up row by row ({@link DeferredIndexes#mergePendingLists}),
     * before its job shows finished: a search by address right after it uses the trigram index.
     */
    private void mergePendingLists(Run run) {
        long t = System.nanoTime();
        deferredIndexes.mergePendingLists();
        run.time("merge GIN pending lists", t);
    }

    /**
     * The next batch of lines. A batch that is full still takes the rest of its last household (the lines
     * after it with the same household number), so a household is normally made and filled in one batch.
     */
    static List<ImportTable.Line> readBatch(ImportTable<Column> table) {
        List<ImportTable.Line> lines = new ArrayList<>(BATCH + 16);
        int household = table.indexOf(Column.HOUSEHOLD_NUMBER);
        while (table.hasNext() && lines.size() < BATCH) {
            lines.add(table.next());
        }
        if (household >= 0 && !lines.isEmpty()) {
            String last = cell(lines.get(lines.size() - 1), household);
            while (last != null && table.hasNext() && lines.size() < BATCH + 200
                    && last.equals(cell(table.peek(), household))) {
                lines.add(table.next());
            }
        }
        return lines;
    }

    private static String cell(ImportTable.Line line, int index) {
        if (index >= line.cells().size()) {
            return null;
        }
        String value = line.cells().get(index);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The foreign keys of the tables an import writes, as {@link Run#lockReferences} checks them. */
    static final java.util.Set<String> REFERENCES = java.util.Set.of("person.grid_id>grid", "person.household_id>household",
            "household.grid_id>grid", "household.address_id>address", "household.room_id>room", "address.grid_id>grid");

    /**
     * Whether an import may write its rows with the per-row foreign-key triggers off, having checked and locked
     * the rows they refer to per key instead ({@link Run#lockReferences}): half of what PostgreSQL spends on a new
     * person goes to those triggers, each a query of its own. Only when it changes nothing else: the database
     * lets this session set {@code session_replication_role} (a superuser, as the embedded database's is, or one
     * granted SET on it), the three tables have no trigger but the foreign-key ones and those enabled ALWAYS (which
     * fire in that role too, as the name dictionary's do), and their foreign keys are exactly those
     * {@link #REFERENCES} names. Anything else, and the triggers check every row as usual.
     */
    boolean setBasedReferences() {
        try {
            Boolean allowed = transactions.execute(status -> {
                status.setRollbackOnly();
                jdbc.sql("SET LOCAL session_replication_role = replica").update();
                long triggers = jdbc.sql("""
                        SELECT count(*) FROM pg_trigger
                        WHERE tgrelid IN ('person'::regclass, 'household'::regclass, 'address'::regclass) AND NOT tgisinternal
                          AND tgenabled <> 'A'""")
                        .query(Long.class).single();
                java.util.Set<String> references = new java.util.HashSet<>(jdbc.sql("""
                        SELECT c.conrelid::regclass::text || '.' || a.attname || '>' || c.confrelid::regclass::text
                        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                        WHERE c.contype = 'f' AND c.conrelid IN ('person'::regclass, 'household'::regclass, 'address'::regclass)""")
                        .query(String.class).list());
                return triggers == 0 && references.equals(REFERENCES);
            });
            return Boolean.TRUE.equals(allowed);
        } catch (org.springframework.dao.DataAccessException refused) {
            log.debug("Imports check references row by row: {}", refused.getMessage());
            return false;
        }
    }

    /** One audit entry for the whole job: what came in (its hash) and what it did. */
    private void audit(Run run, String fileName, ImportJobs.Status status) {
        ImportJobs.Counts c = run.counts();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", fileName);
        after.put("sha256", jobs.findVisible(ImportJobs.Kind.PERSONS, run.jobId, run.caller).map(ImportJobs.Job::fileSha256).orElse(null));
        after.put("dryRun", run.dryRun);
        after.put("status", status.name());
        after.put("rows", c.total());
        after.put("created", c.created());
        after.put("updated", c.updated());
        after.put("unchanged", c.unchanged());
        after.put("failed", c.failed());
        after.put("householdsPlaced", c.householdsPlaced());
        if (!run.deferredIndexes.isEmpty()) {
            after.put("indexesSetAside", run.deferredIndexes);
        }
        events.publishEvent(new Audited("IMPORT", "import-job", run.jobId.toString(), jobUnitPath(run.caller), null,
                after, null).by(run.caller.username()));
    }

    private static String jobUnitPath(Caller caller) {
        return caller.unitPaths().isEmpty() ? null : caller.unitPaths().get(0);
    }

    /** A row on its way: what it says, its checked fields, where it goes, and what is wrong with it. */
    static final class Candidate {
        /** The row as the file had it: kept for the error file, let go once the row is known to be valid. */
        ImportTable.Line line;
        /** The row's number, kept when its line is let go: a row refused as it is written is reported by it. */
        final long lineNumber;
        final List<Invalid.Problem> problems = new ArrayList<>();
        Persons.Fields fields;
        String householdNumber;
        String address;
        /** The blind indexes of the row's identity number, null without one. */
        Persons.NumberIndex idIndex;
        /** The stored person holding the number, and his content hash, when the number is known. */
        UUID knownId;
        String knownHash;
        /** A new person's stored form (then {@link #fields} is let go), or for a known one the content hash of the row. */
        Persons.Prepared prepared;
        String hash;
        UUID gridId;
        UUID householdId;
        /** The person the row names by id (人员编号), and its masked identity number and phone, kept as stored. */
        UUID personId;
        String maskedId;
        String maskedPhone;
        /** The categories the row's 类别 cell names, sorted; null when the cell is blank or the file has no such column. */
        List<String> categories;
        /** The stored categories of the known person, sorted, when the file has a 类别 column. */
        List<String> storedCategories;
        /**
         * Whether the row's household is one this run makes: then its fields are kept until it is written, should
         * another import or an officer make the same household first ({@link Run#joinPlacesMadeMeanwhile}).
         */
        boolean plannedHousehold;

        /** The grid the known person lives in now, as stored, and whether he is recorded as gone from it. */
        UUID knownGrid;
        boolean knownLeft;
        /**
         * The retired grid the row's code names: kept for a known person who lives there already (his other fields
         * are updated where he stands), refused for anyone new to it ({@link Run#retiredGrids}).
         */
        Grid retiredGrid;

        Candidate(ImportTable.Line line) {
            this.line = line;
            this.lineNumber = line.number();
        }
    }

    record NewAddress(UUID id, UUID gridId, String fullText) {
    }

    /** A household the batch makes; {@code roomId}: the room of a registered building its address names, or null. */
    record NewHousehold(UUID id, UUID gridId, String number, UUID addressId, UUID roomId) {

        NewHousehold at(UUID address) {
            return new NewHousehold(id, gridId, number, address, roomId);
        }
    }

    /** A building of a row's grid, by the name an address's text may end with before its unit and room. */
    record BuildingRef(UUID id, String name, int units, String compound) {
    }

    /**
     * Checked rows ready to be written, the households and addresses they make, and the earlier batches
     * whose new households or addresses they use: those must have committed before this one writes.
     */
    static final class Batch {
        final List<Candidate> valid = new ArrayList<>();
        final Map<UUID, NewHousehold> households = new LinkedHashMap<>();
        final Map<UUID, NewAddress> addresses = new LinkedHashMap<>();
        final java.util.Set<Batch> after = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final java.util.concurrent.CompletableFuture<Void> committed = new java.util.concurrent.CompletableFuture<>();
        /** The new households whose address names a room no building of their grid has, or more than one room. */
        int roomsNotFound;
    }

    /** A household or address, stored or planned; {@code madeBy} is the batch that makes it, null when stored. */
    record Known(UUID id, UUID gridId, Batch madeBy) {
    }

    /** The state of one job while it runs. */
    final class Run {
        final UUID jobId;
        final boolean dryRun;
        final Caller caller;
        final Locale locale;
        final Map<String, Grid> grids = new HashMap<>();
        /** The retired grids the caller sees, by code: a row naming one is told so, not that the code is unknown. */
        final Map<String, Grid> retiredGrids = new HashMap<>();
        final ImportNumbers numbers = new ImportNumbers();
        /** The person ids met so far in the file, with their row: a person is named once per file. */
        final Map<UUID, Long> personIds = new HashMap<>();
        final Map<String, Known> households = new HashMap<>();
        final Map<String, Known> addresses = new HashMap<>();
        /** The address text of each household the batch being resolved makes at one, for {@link #placeInRooms}. */
        final Map<UUID, String> roomNamed = new LinkedHashMap<>();
        /** The buildings of the grids met so far, by name ({@link #placeInRooms}). */
        final Map<UUID, Map<String, BuildingRef>> buildingsOfGrids = new HashMap<>();
        /** The households placed in a room (a dry run: that would be). */
        final AtomicLong placed = new AtomicLong();
        /** The households whose address names a room that was not found (a dry run: would not be). */
        final AtomicLong roomsNotFound = new AtomicLong();
        /**
         * The households and addresses this run planned that another import or an officer made first, each by the id
         * it was planned under, with the stored one it joins instead ({@link #joinPlacesMadeMeanwhile}).
         */
        final Map<UUID, UUID> madeMeanwhile = new java.util.concurrent.ConcurrentHashMap<>();
        /**
         * The households and addresses a batch planned and left unmade, as they lay in a grid retired meanwhile, with
         * that grid's code and name: a later batch's row planned into one of them ({@link #households} keeps the plan
         * for the run) is refused on its row, as its household would be new in the retired grid; written, it would
         * name a household that does not exist, and the batch would fail whole on its foreign key.
         */
        final Map<UUID, String[]> unmade = new java.util.concurrent.ConcurrentHashMap<>();
        final Persons.Preparer preparer = persons.preparer();
        final Map<String, String> ethnicities = new java.util.concurrent.ConcurrentHashMap<>();
        /** Whether the file has a 类别 column; without one no category is read, looked up or written. */
        boolean readsCategories;
        /** The 类别 cells read so far: a file holds few different ones. */
        final Map<String, PersonCategories.Cell> categoryCells = new HashMap<>();
        final List<Candidate> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong total = new AtomicLong();
        final AtomicLong processed = new AtomicLong();
        final AtomicLong created = new AtomicLong();
        final AtomicLong updated = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong progressWritten = new AtomicLong();
        ImportTable<Column> table;
        /** The indexes this run set aside, to build at its end (see {@link DeferredIndexes}). */
        List<String> deferredIndexes = List.of();
        volatile long expected;
        volatile boolean finished;
        final Map<String, AtomicLong> timings = Collections.synchronizedMap(new LinkedHashMap<>());
        /** The batches sent to the writers and not yet seen finished; the resolver's, then (at the end) this thread's. */
        final java.util.concurrent.ConcurrentLinkedDeque<Future<?>> writing = new java.util.concurrent.ConcurrentLinkedDeque<>();

        void time(String phase, long startedNanos) {
            timings.computeIfAbsent(phase, p -> new AtomicLong()).addAndGet((System.nanoTime() - startedNanos) / 1_000_000);
        }

        /** Whether batches check their references per key rather than by the per-row triggers (see {@link #setBasedReferences()}). */
        final boolean setBasedReferences;

        Run(UUID jobId, boolean dryRun, Caller caller, Locale locale) {
            this.jobId = jobId;
            this.dryRun = dryRun;
            this.caller = caller;
            this.locale = locale;
            this.setBasedReferences = !dryRun && setBasedReferences();
            for (Grid g : jurisdictions.visibleGrids(caller)) {
                grids.put(g.code(), g);
            }
            for (Grid g : jurisdictions.visibleRetiredGrids(caller)) {
                retiredGrids.putIfAbsent(g.code(), g);
            }
        }

        /** The counts so far; while running, the total is at least what the file appeared to hold. */
        ImportJobs.Counts counts() {
            long rows = finished ? total.get() : Math.max(expected, total.get());
            return new ImportJobs.Counts(rows, processed.get(), created.get(), updated.get(), unchanged.get(),
                    failures.size(), 0, placed.get(), roomsNotFound.get());
        }

        /**
         * Checks a batch of rows; nothing is written here. What depends on the rows before (numbers met earlier
         * in the file, households made by an earlier row) is decided in file order.
         */
        List<Candidate> check(List<ImportTable.Line> lines) {
            total.addAndGet(lines.size());
            long t = System.nanoTime();
            List<Candidate> candidates = new ArrayList<>(lines.size());
            for (ImportTable.Line line : lines) {
                candidates.add(checkRow(line));
            }
            time("check rows", t);
            t = System.nanoTime();
            for (Candidate c : candidates) {
                if (c.fields != null && c.fields.idNumber() != null) {
                    long earlier = numbers.putIfAbsent(c.fields.idNumber().value(), c.line.number());
                    if (earlier >= 0) {
                        c.problems.add(new Invalid.Problem("idNumber", "imports.idNumber.duplicate", new Object[] {earlier}));
                    }
                }
                if (c.personId != null) {
                    Long earlier = personIds.putIfAbsent(c.personId, c.line.number());
                    if (earlier != null) {
                        c.problems.add(new Invalid.Problem("personId", "imports.personId.duplicate", new Object[] {earlier}));
                    }
                }
            }
            time("numbers met earlier", t);
            return candidates;
        }

        /**
         * The second half, on the resolver thread, batch after batch in file order: what is stored already
         * (numbers, households, addresses: one query), the households and addresses the batch makes, and the
         * valid rows made ready to write.
         */
        Batch resolve(List<Candidate> candidates) {
            long t = System.nanoTime();
            lookUp(candidates);
            time("look up stored numbers, households, addresses", t);
            t = System.nanoTime();
            knownNumbers(candidates);
            namedPersons(candidates);
            retiredGrids(candidates);
            Batch batch = new Batch();
            resolveHouseholds(candidates, batch);
            placeInRooms(batch);
            if (readsCategories) {
                storedCategories(candidates);
            }
            for (Candidate c : candidates) {
                if (c.problems.isEmpty()) {
                    batch.valid.add(c);
                } else {
                    failures.add(c);
                    processed.incrementAndGet();
                }
            }
            time("households (in file order)", t);
            t = System.nanoTime();
            batch.valid.forEach(c -> {
                // rows waiting to be written are most of what a running import holds: keep no more of them than needed
                c.line = null;
                c.gridId = c.fields.gridId();
                c.householdId = c.fields.householdId();
                if (c.knownId == null) {
                    c.prepared = preparer.prepare(c.fields, PersonIds.next(), c.idIndex);
                    if (!c.plannedHousehold) {
                        c.fields = null;
                    }
                } else {
                    c.hash = Persons.contentHash(c.fields);
                }
            });
            time("prepare (encrypt, index, hash, pinyin)", t);
            return batch;
        }

        /** The stored categories of the batch's known persons still valid (one query), for {@link #write}. */
        void storedCategories(List<Candidate> candidates) {
            List<UUID> known = new ArrayList<>();
            for (Candidate c : candidates) {
                if (c.problems.isEmpty() && c.knownId != null) {
                    known.add(c.knownId);
                }
            }
            Map<UUID, List<String>> stored = categories.stored(known);
            for (Candidate c : candidates) {
                if (c.problems.isEmpty() && c.knownId != null) {
                    c.storedCategories = stored.getOrDefault(c.knownId, List.of());
                }
            }
        }

        /** Stored persons by number index (with whether the caller sees them), for {@link #knownNumbers}. */
        final Map<String, Object[]> known = new HashMap<>();

        /**
         * One round trip for what a batch needs to know from the database: the stored persons holding its
         * numbers, and the stored households and addresses its rows name that are not known yet. Looking up a
         * household or address for a row that is refused later costs nothing but the lookup.
         */
        void lookUp(List<Candidate> candidates) {
            known.clear();
            List<Persons.NumberIndex> numbered = candidates.stream()
                    .filter(c -> c.problems.isEmpty() && c.idIndex != null).map(c -> c.idIndex).toList();
            String[] indexes = numbered.stream().map(Persons.NumberIndex::whole).toArray(String[]::new);
            String[] lastSixes = numbered.stream().map(Persons.NumberIndex::last6).toArray(String[]::new);
            String[] numbers = candidates.stream().filter(c -> c.problems.isEmpty() && c.householdNumber != null)
                    .map(c -> c.householdNumber).filter(n -> !households.containsKey(n)).distinct().toArray(String[]::new);
            String[] places = candidates.stream().filter(c -> c.problems.isEmpty() && c.address != null)
                    .map(c -> c.address).filter(a -> !addresses.containsKey(a)).distinct().toArray(String[]::new);
            if (indexes.length + numbers.length + places.length == 0) {
                return;
            }
            jdbc.sql("""
                    SELECT 'P', p.id_index, p.id, p.content_hash, u.path LIKE ANY(?), p.grid_id, p.residence
                    FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                    WHERE p.id_last6 = ANY(?) AND p.id_index = ANY(?)
                    UNION ALL
                    SELECT 'H', number, id, grid_id::text, NULL, NULL, NULL FROM household WHERE number = ANY(?)
                    UNION ALL
                    SELECT 'A', full_text, id, grid_id::text, NULL, NULL, NULL FROM address WHERE full_text = ANY(?)""")
                    .params(caller.scopePatterns(), lastSixes, indexes, numbers, places)
                    .query((rs, n) -> {
                        String kind = rs.getString(1);
                        String key = rs.getString(2);
                        UUID id = rs.getObject(3, UUID.class);
                        switch (kind) {
                            case "P" -> known.put(key, new Object[] {id, rs.getString(4), rs.getBoolean(5),
                                    rs.getObject(6, UUID.class), rs.getString(7)});
                            case "H" -> households.put(key, new Known(id, UUID.fromString(rs.getString(4)), null));
                            default -> addresses.put(key, new Known(id, UUID.fromString(rs.getString(4)), null));
                        }
                        return kind;
                    }).list();
        }

        /**
         * Which numbers are stored already, and whether the caller sees their persons: a number held outside his
         * jurisdiction is an error on the row (he may not move that person), before any household is planned for it.
         * The numbers of later batches are all different (a repeat is rejected above), so this holds while
         * earlier batches are still being written.
         */
        void knownNumbers(List<Candidate> candidates) {
            for (Candidate c : candidates) {
                Object[] k = c.idIndex == null || !c.problems.isEmpty() ? null : known.get(c.idIndex.whole());
                if (k == null) {
                    continue;
                }
                if (!(Boolean) k[2]) {
                    c.problems.add(new Invalid.Problem("idNumber", "population.idNumber.taken", new Object[0]));
                } else {
                    c.knownId = (UUID) k[0];
                    c.knownHash = (String) k[1];
                    c.knownGrid = (UUID) k[3];
                    c.knownLeft = "LEFT".equals(k[4]);
                }
            }
        }

        /**
         * The rows that name their person by id (人员编号, as the export writes it): the person must be one the
         * caller sees, and a number the row gives must be his or nobody's. What the file cannot carry is kept as
         * stored: a masked identity number or phone that is his masked one, his note and the day he left (no
         * column holds them), and a household without a number (no row can name it). A masked value that is not
         * his is refused: it would stand for a number nobody typed.
         */
        void namedPersons(List<Candidate> candidates) {
            List<Candidate> named = candidates.stream().filter(c -> c.problems.isEmpty() && c.personId != null).toList();
            if (named.isEmpty()) {
                return;
            }
            Map<UUID, Object[]> stored = new HashMap<>();
            jdbc.sql("""
                    SELECT p.id, p.content_hash, p.id_masked, p.id_cipher, p.phone_masked, p.phone_cipher, p.note,
                           p.left_on, h.id AS household, h.grid_id AS household_grid, p.grid_id, p.residence
                    FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                    LEFT JOIN household h ON h.id = p.household_id AND h.number IS NULL
                    WHERE p.id = ANY(?) AND u.path LIKE ANY(?)""")
                    .params(named.stream().map(c -> c.personId).toArray(UUID[]::new), caller.scopePatterns())
                    .query((rs, n) -> stored.put(rs.getObject(1, UUID.class), new Object[] {rs.getString(2),
                        rs.getString(3), rs.getBytes(4), rs.getString(5), rs.getBytes(6), rs.getString(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, UUID.class), rs.getObject(10, UUID.class),
                        rs.getObject(11, UUID.class), rs.getString(12)}))
                    .list();
            for (Candidate c : named) {
                Object[] s = stored.get(c.personId);
                if (s == null) {
                    c.problems.add(new Invalid.Problem("personId", "imports.personId.unknown",
                            new Object[] {c.personId.toString()}));
                    continue;
                }
                if (c.knownId != null && !c.knownId.equals(c.personId)) {
                    c.problems.add(new Invalid.Problem("idNumber", "population.idNumber.taken", new Object[0]));
                    continue;
                }
                c.knownId = c.personId;
                c.knownHash = (String) s[0];
                c.knownGrid = (UUID) s[9];
                c.knownLeft = "LEFT".equals(s[10]);
                Persons.Fields f = c.fields;
                org.fengqiao.population.IdentityNumber id = f.idNumber();
                if (c.maskedId != null) {
                    if (s[2] == null || !c.maskedId.equalsIgnoreCase((String) s[1])) {
                        c.problems.add(new Invalid.Problem("idNumber", "imports.masked.notStored", new Object[] {c.maskedId}));
                    } else {
                        id = org.fengqiao.population.IdentityNumber.parse(cipher.decrypt((byte[]) s[2]));
                    }
                }
                if (c.maskedId != null && id != null) {
                    // the birth date and sex written beside a kept number must still agree with it
                    try {
                        org.fengqiao.population.IdentityNumber.checkAgainst(id, f.birthDate(),
                                f.sex() == null ? null : Sex.valueOf(f.sex()));
                    } catch (Invalid e) {
                        c.problems.addAll(e.problems());
                    }
                }
                String phone = f.phone();
                if (c.maskedPhone != null) {
                    if (s[4] == null || !c.maskedPhone.equals(s[3])) {
                        c.problems.add(new Invalid.Problem("phone", "imports.masked.notStored", new Object[] {c.maskedPhone}));
                    } else {
                        phone = cipher.decrypt((byte[]) s[4]);
                    }
                }
                UUID household = c.householdNumber == null && s[7] != null && s[8].equals(f.gridId()) ? (UUID) s[7]
                        : f.householdId();
                LocalDate leftOn = f.residence() == Residence.LEFT ? (LocalDate) s[6] : f.leftOn();
                c.fields = new Persons.Fields(f.gridId(), household, f.name(), id, phone, f.sex(),
                        f.birthDate(), f.ethnicity(), f.relation(), f.residence(), f.registeredOn(), leftOn,
                        f.occupation(), f.workplace(), (String) s[5]);
            }
        }

        /**
         * The rows naming a retired grid: a known person on its records keeps it (his phone and his other fields are
         * updated where he stands, as the register updates him there), anyone else is refused on the row, new or
         * moving in, as nothing new is filed or moved into a grid merged away; and so is one who had moved away and
         * would live there again, as no one lives in a retired grid.
         */
        void retiredGrids(List<Candidate> candidates) {
            for (Candidate c : candidates) {
                if (c.problems.isEmpty() && c.retiredGrid != null
                        && (c.knownId == null || !c.retiredGrid.id().value().equals(c.knownGrid)
                                || c.knownLeft && c.fields.residence() != Residence.LEFT)) {
                    c.problems.add(retired(c.retiredGrid.code(), c.retiredGrid.name()));
                }
            }
        }

        Invalid.Problem retired(String code, String name) {
            return new Invalid.Problem("gridCode", "imports.grid.retired", new Object[] {code, name});
        }

        Candidate checkRow(ImportTable.Line line) {
            Candidate c = new Candidate(line);
            Map<Column, String> f = table.fields(line);
            c.problems.addAll(ImportTable.nulCells(f));
            Sex sex = parse(f.get(Column.SEX), "sex", c, s -> switch (s.toUpperCase(Locale.ROOT)) {
                case "男", "MALE", "M" -> Sex.MALE;
                case "女", "FEMALE", "F" -> Sex.FEMALE;
                default -> null;
            });
            LocalDate birth = parse(f.get(Column.BIRTH_DATE), "birthDate", c, PersonImport::date);
            LocalDate registered = parse(f.get(Column.REGISTERED_ON), "registeredOn", c, PersonImport::date);
            Relation relation = parse(f.get(Column.RELATION), "relation", c, s -> Optional.ofNullable(RELATIONS.get(s))
                    .orElseGet(() -> enumOf(Relation.class, s)));
            Residence residence = parse(f.get(Column.RESIDENCE), "residence", c, s -> Optional
                    .ofNullable(RESIDENCES.get(s)).orElseGet(() -> enumOf(Residence.class, s)));
            String gridCode = f.get(Column.GRID_CODE);
            Grid grid = gridCode == null ? null : grids.get(gridCode);
            Grid retired = grid == null && gridCode != null ? retiredGrids.get(gridCode) : null;
            if (retired != null) {
                // decided once the row's person is known: he may stay where he lives, nobody may move in
                c.retiredGrid = retired;
                grid = retired;
            } else if (grid == null) {
                c.problems.add(new Invalid.Problem("gridCode", gridCode == null ? "imports.grid.required"
                        : "imports.grid.unknown", new Object[] {String.valueOf(gridCode)}));
            }
            c.personId = parse(f.get(Column.PERSON_ID), "personId", c, UUID::fromString);
            // A masked identity number or phone (as exported) cannot be written: it stands for the stored one of
            // the person the row names by id, filled in once he is looked up (namedPersons); without an id it is
            // a number nobody can read, refused rather than stored or read as no number.
            String idNumber = f.get(Column.ID_NUMBER);
            if (masked(idNumber)) {
                c.maskedId = idNumber;
                idNumber = null;
            }
            String phone = f.get(Column.PHONE);
            if (masked(phone)) {
                c.maskedPhone = phone;
                phone = null;
            }
            if (f.get(Column.PERSON_ID) == null) {
                if (c.maskedId != null) {
                    c.problems.add(new Invalid.Problem("idNumber", "imports.masked.withoutPerson", new Object[0]));
                }
                if (c.maskedPhone != null) {
                    c.problems.add(new Invalid.Problem("phone", "imports.masked.withoutPerson", new Object[0]));
                }
            }
            List<Invalid.Problem> checked = new ArrayList<>();
            // the grid is resolved above from the caller's grids, held in memory: checking it again per row
            // would cost a query per row, so the register's grid check is given no grid and its answer dropped
            Persons.Fields fields = register.check(new PersonRegister.Input(null, null, f.get(Column.NAME),
                    idNumber, phone, sex, birth, ethnicity(f.get(Column.ETHNICITY)), relation,
                    residence, registered, null, f.get(Column.OCCUPATION), f.get(Column.WORKPLACE), null), caller, checked);
            checked.stream().filter(p -> !"gridId".equals(p.field())).forEach(c.problems::add);
            c.fields = withPlace(fields, grid == null ? null : grid.id().value(), null);
            c.householdNumber = f.get(Column.HOUSEHOLD_NUMBER);
            c.address = f.get(Column.ADDRESS);
            if (readsCategories) {
                String cell = f.get(Column.CATEGORIES);
                String text = cell == null ? "" : cell;
                PersonCategories.Cell read = categoryCells.get(text);
                if (read == null) {
                    read = categories.read(text);
                    // kept while few: the same few cells over and over, not a file of a different typo per row
                    if (categoryCells.size() < 1000) {
                        categoryCells.put(text, read);
                    }
                }
                c.problems.addAll(read.problems());
                c.problems.addAll(categories.ageProblems(read.codes(), c.fields.birthDate(), true));
                c.categories = read.codes();
            }
            if (c.address != null && c.householdNumber == null) {
                c.problems.add(new Invalid.Problem("address", "imports.address.withoutHousehold", new Object[0]));
            }
            if (c.problems.isEmpty() && c.fields.idNumber() != null) {
                c.idIndex = preparer.numberIndex(c.fields.idNumber());
            }
            return c;
        }

        /**
         * An ethnicity as written (汉, 汉族, Han, 01) by its code, which the register then finds at once; a file
         * holds few different ones. What is not an ethnicity goes to the register as written, to be refused there.
         */
        String ethnicity(String text) {
            if (text == null) {
                return null;
            }
            return ethnicities.computeIfAbsent(text, t -> Ethnicities.byCode(t).or(() -> Ethnicities.byName(t))
                    .map(Ethnicity::code).orElse(t));
        }

        /** Finds or plans the household (and its address) of each row still valid; a household elsewhere is an error. */
        void resolveHouseholds(List<Candidate> candidates, Batch batch) {
            for (Candidate c : candidates) {
                if (!c.problems.isEmpty() || c.householdNumber == null) {
                    continue;
                }
                UUID grid = c.fields.gridId();
                Known household = households.get(c.householdNumber);
                if (household == null && c.retiredGrid != null) {
                    // a person kept in his retired grid may stay in his household there, not start a new one
                    c.problems.add(retired(c.retiredGrid.code(), c.retiredGrid.name()));
                    continue;
                }
                if (household == null) {
                    UUID addressId = null;
                    if (c.address != null) {
                        Known address = addresses.get(c.address);
                        if (address != null && !address.gridId().equals(grid)) {
                            c.problems.add(new Invalid.Problem("address", "imports.address.otherGrid", new Object[0]));
                            continue;
                        }
                        if (address == null) {
                            address = new Known(PersonIds.next(), grid, batch);
                            addresses.put(c.address, address);
                            batch.addresses.put(address.id(), new NewAddress(address.id(), grid, c.address));
                        }
                        dependOn(batch, address);
                        addressId = address.id();
                    }
                    household = new Known(PersonIds.next(), grid, batch);
                    households.put(c.householdNumber, household);
                    batch.households.put(household.id(), new NewHousehold(household.id(), grid, c.householdNumber,
                            addressId, null));
                    if (c.address != null) {
                        roomNamed.put(household.id(), c.address);
                    }
                } else if (!household.gridId().equals(grid)) {
                    c.problems.add(new Invalid.Problem("householdId", "population.household.notInGrid", new Object[0]));
                    continue;
                }
                dependOn(batch, household);
                c.plannedHousehold = household.madeBy() != null;
                c.fields = withPlace(c.fields, grid, household.id());
            }
        }

        /**
         * The new households whose address names a room ({@link RoomAddress}) of a building registered in their
         * grid, given that room, as an officer registering the household there would: the floor plan then shows
         * them. Set-wise, as the rest of the batch is looked up: the buildings of the grids not met before (one
         * query, kept for the run) and the rooms named (one query); a batch naming no room asks nothing. A room the
         * building does not have, an address naming no building of the grid, one that may be two rooms
         * ({@link RoomKeys}), or one not writing the compound of a building registered at an address
         * ({@link RoomAddress#inCompound}), leaves the household at its address alone, counted as a room not
         * found. Stored households keep their place: a file imported again changes nothing.
         */
        void placeInRooms(Batch batch) {
            if (roomNamed.isEmpty()) {
                return;
            }
            Map<UUID, List<RoomAddress.Named>> named = new HashMap<>();
            java.util.Set<UUID> newGrids = new java.util.HashSet<>();
            for (Map.Entry<UUID, String> e : roomNamed.entrySet()) {
                NewHousehold h = batch.households.get(e.getKey());
                List<RoomAddress.Named> readings = h == null ? List.of() : RoomAddress.readings(e.getValue());
                if (!readings.isEmpty()) {
                    named.put(h.id(), readings);
                    if (!buildingsOfGrids.containsKey(h.gridId())) {
                        newGrids.add(h.gridId());
                    }
                }
            }
            roomNamed.clear();
            if (named.isEmpty()) {
                return;
            }
            if (!newGrids.isEmpty()) {
                newGrids.forEach(g -> buildingsOfGrids.put(g, new HashMap<>()));
                jdbc.sql("SELECT b.id, b.grid_id, b.name, b.units, a.compound FROM building b"
                                + " LEFT JOIN address a ON a.id = b.address_id WHERE b.grid_id = ANY(?)")
                        .param(newGrids.toArray(UUID[]::new))
                        .query((rs, n) -> buildingsOfGrids.get(rs.getObject(2, UUID.class)).put(rs.getString(3),
                                new BuildingRef(rs.getObject(1, UUID.class), rs.getString(3), rs.getInt(4),
                                        rs.getString(5))))
                        .list();
            }
            // the rooms each reading of each household's address may be, by building, unit, floor and number
            RoomKeys keys = new RoomKeys();
            named.forEach((household, readings) -> {
                Map<String, BuildingRef> ofGrid = buildingsOfGrids.get(batch.households.get(household).gridId());
                for (RoomAddress.Named room : readings) {
                    RoomAddress.building(room, ofGrid.keySet()).map(ofGrid::get)
                            .filter(b -> RoomAddress.inCompound(room, b.compound()))
                            .ifPresent(b -> keys.add(household, b.id(), b.units(), room));
                }
            });
            Map<UUID, RoomKeys.Found> rooms = keys.isEmpty() ? Map.of() : keys.onlyRooms(jdbc);
            rooms.forEach((household, room) -> batch.households.computeIfPresent(household,
                    (id, h) -> new NewHousehold(h.id(), h.gridId(), h.number(), h.addressId(), room.room())));
            batch.roomsNotFound += named.size() - rooms.size();
        }

        private void dependOn(Batch batch, Known known) {
            if (known.madeBy() != null && known.madeBy() != batch) {
                batch.after.add(known.madeBy());
            }
        }

        /**
         * Writes a checked batch in one transaction: its new addresses, households and persons by COPY, the changed
         * persons, and one audit entry. Only new households and addresses with a row of this batch in them are
         * planned here (a row is checked whole before its household is planned), so nothing is written for a row
         * that was refused.
         */
        void write(Batch batch) {
            try {
                long t = System.nanoTime();
                for (Batch before : batch.after) {
                    before.committed.join();
                }
                time("write: wait for earlier batches", t);
                if (!madeMeanwhile.isEmpty()) {
                    // an earlier batch found households or addresses it planned made meanwhile
                    joinMadeMeanwhile(batch);
                }
                List<Persons.Prepared> fresh = new ArrayList<>();
                List<Candidate> changed = new ArrayList<>();
                List<Candidate> rewritten = new ArrayList<>();
                List<PersonCategories.Change> categorised = new ArrayList<>();
                long same = 0;
                for (Candidate c : batch.valid) {
                    if (c.knownId == null) {
                        fresh.add(c.prepared);
                        if (c.categories != null && !c.categories.isEmpty()) {
                            categorised.add(new PersonCategories.Change(c.prepared.id(), List.of(), c.categories));
                        }
                        continue;
                    }
                    boolean fieldsSame = c.hash.equals(c.knownHash);
                    boolean categoriesSame = c.categories == null || c.categories.equals(c.storedCategories);
                    if (fieldsSame && categoriesSame) {
                        same++;
                        continue;
                    }
                    changed.add(c);
                    if (!fieldsSame) {
                        rewritten.add(c);
                    }
                    if (!categoriesSame) {
                        categorised.add(new PersonCategories.Change(c.knownId, c.storedCategories, c.categories));
                    }
                }
                if (!dryRun) {
                    t = System.nanoTime();
                    transactions.executeWithoutResult(status -> {
                        long w = System.nanoTime();
                        // A batch's commit does not wait for its log to reach the disk: the writers would
                        // otherwise wait for a flush per batch. The log is flushed in order, so a crash can only
                        // lose the last batches whole (never half a batch, never one before a kept one); the job's
                        // end is an ordinary commit, so a job shown DONE has every row on disk, and a job cut off
                        // shows FAILED (ImportJobWatch) and is imported again, the rows already there being
                        // recognised.
                        jdbc.sql("SET LOCAL synchronous_commit = off").update();
                        java.util.Set<Candidate> refused = holdGrids(batch);
                        if (!refused.isEmpty()) {
                            java.util.Set<UUID> ids = new java.util.HashSet<>();
                            refused.forEach(c -> ids.add(c.knownId == null ? c.prepared.id() : c.knownId));
                            fresh.removeIf(p -> ids.contains(p.id()));
                            changed.removeIf(refused::contains);
                            rewritten.removeIf(refused::contains);
                            categorised.removeIf(change -> ids.contains(change.personId()));
                        }
                        if (setBasedReferences) {
                            jdbc.sql("SET LOCAL session_replication_role = replica").update();
                            lockReferences(batch);
                            time("write: references", w);
                            w = System.nanoTime();
                        }
                        if (!batch.addresses.isEmpty() || !batch.households.isEmpty()) {
                            writePlaces(batch);
                        }
                        time("write: addresses+households", w);
                        w = System.nanoTime();
                        if (!madeMeanwhile.isEmpty()) {
                            // rows placed in a household made meanwhile were made ready again
                            fresh.clear();
                            batch.valid.stream().filter(c -> c.knownId == null).forEach(c -> fresh.add(c.prepared));
                        }
                        persons.insertCopy(fresh);
                        if (setBasedReferences) {
                            // what follows (updates, the audit entry with its chain trigger) runs with every trigger
                            jdbc.sql("SET LOCAL session_replication_role = origin").update();
                        }
                        time("write: copy persons", w);
                        w = System.nanoTime();
                        for (Candidate c : rewritten) {
                            persons.update(c.knownId, c.fields);
                        }
                        time("write: updates", w);
                        PersonCategories.Applied applied = null;
                        if (!categorised.isEmpty()) {
                            w = System.nanoTime();
                            applied = categories.apply(categorised, jobId);
                            time("write: categories", w);
                        }
                        w = System.nanoTime();
                        if (!fresh.isEmpty() || !changed.isEmpty()) {
                            // One entry per batch listing the persons it created and changed, not one chained entry
                            // per person: a million chained audit entries would make a large import take hours.
                            Map<String, Object> after = new LinkedHashMap<>();
                            after.put("job", jobId.toString());
                            after.put("created", fresh.stream().map(Persons.Prepared::id).toList());
                            after.put("updated", changed.stream().map(c -> c.knownId).toList());
                            if (!categorised.isEmpty()) {
                                // who was made or unmade a key person, a left-behind child…: each with his
                                // categories before and after, which the batch's lists of ids alone do not say
                                List<Map<String, Object>> changes = new ArrayList<>(categorised.size());
                                for (PersonCategories.Change change : categorised) {
                                    Map<String, Object> one = new LinkedHashMap<>();
                                    one.put("person", change.personId());
                                    one.put("before", change.before());
                                    one.put("after", change.after());
                                    changes.add(one);
                                }
                                after.put("categories", changes);
                                if (!applied.endedAgreements().isEmpty()) {
                                    // the care agreements of children no longer left-behind, ended by this batch
                                    List<Map<String, Object>> ended = new ArrayList<>();
                                    for (PersonCategories.EndedAgreement a : applied.endedAgreements()) {
                                        Map<String, Object> one = new LinkedHashMap<>();
                                        one.put("agreement", a.agreementId());
                                        one.put("person", a.personId());
                                        one.put("endedOn", a.endedOn().toString());
                                        one.put("endedReason", CareAgreements.NO_LONGER_LEFT_BEHIND);
                                        ended.add(one);
                                    }
                                    after.put("careAgreementsEnded", ended);
                                }
                            }
                            events.publishEvent(new Audited("IMPORT", "person-batch", jobId.toString(),
                                    jobUnitPath(caller), null, after, null).by(caller.username()));
                        }
                        time("write: audit", w);
                    });
                    time("write: transaction", t);
                }
                batch.committed.complete(null);
                placed.addAndGet(batch.households.values().stream().filter(h -> h.roomId() != null).count());
                roomsNotFound.addAndGet(batch.roomsNotFound);
                created.addAndGet(fresh.size());
                updated.addAndGet(changed.size());
                unchanged.addAndGet(same);
                processed.addAndGet(batch.valid.size());
                // later batches keep a reference to this one (through the households it made) to wait for it:
                // its rows are written, so let them go
                batch.valid.clear();
                batch.households.clear();
                batch.addresses.clear();
                batch.after.clear();
                reportProgress();
            } catch (RuntimeException e) {
                batch.committed.completeExceptionally(e);
                throw e;
            }
        }

        /**
         * The batch's new addresses and households by COPY. Should another import or an officer have made one of them
         * first (its household number or address text is unique; COPY waits for the other's transaction and then
         * fails), the batch joins the one made instead of failing: only one household is ever made for a number and
         * one address for a text. That costs nothing until it happens: a savepoint per batch, not a step per row.
         */
        void writePlaces(Batch batch) {
            jdbc.sql("SAVEPOINT places").update();
            try {
                copyPlaces(batch.addresses.values(), batch.households.values(), batch.addresses);
                jdbc.sql("RELEASE SAVEPOINT places").update();
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                if (!duplicate(e)) {
                    throw e;
                }
                jdbc.sql("ROLLBACK TO SAVEPOINT places").update();
                joinPlacesMadeMeanwhile(batch);
            }
        }

        private void copyPlaces(java.util.Collection<NewAddress> addresses,
                java.util.Collection<NewHousehold> households, Map<UUID, NewAddress> made) {
            if (!addresses.isEmpty()) {
                CopyText rows = new CopyText(addresses.size() * 160);
                for (NewAddress a : addresses) {
                    rows.uuid(a.id()).uuid(a.gridId()).text(a.fullText()).endRow();
                }
                persons.copy(rows, "COPY address (id, grid_id, full_text) FROM STDIN");
            }
            if (!households.isEmpty()) {
                CopyText rows = new CopyText(households.size() * 120);
                for (NewHousehold h : households) {
                    // the text of an address this batch makes goes with its household (V154's trigger
                    // looks up only a stored address's, under a lock against its renaming)
                    NewAddress address = h.addressId() == null ? null : made.get(h.addressId());
                    rows.uuid(h.id()).uuid(h.gridId()).uuid(h.addressId()).text(h.number())
                            .text(address == null ? null : address.fullText()).uuid(h.roomId()).endRow();
                }
                persons.copy(rows,
                        "COPY household (id, grid_id, address_id, number, address_text, room_id) FROM STDIN");
            }
        }

        /**
         * Writes the batch's new addresses and households one by one against those made meanwhile (now committed:
         * the failed COPY waited for them): each made already is locked as a reference and joined, the rows planned
         * in it written in it; one made in another grid than the batch's rows is refused, as it would have been had
         * it been stored when the file was read.
         */
        void joinPlacesMadeMeanwhile(Batch batch) {
            List<NewAddress> addresses = new ArrayList<>();
            for (NewAddress a : batch.addresses.values()) {
                Optional<Known> stored = madeFirst("address", "full_text", a.fullText());
                if (stored.isEmpty()) {
                    addresses.add(a);
                } else {
                    joined(a.id(), a.gridId(), stored.get(), a.fullText());
                }
            }
            Map<UUID, NewAddress> madeHere = new HashMap<>();
            addresses.forEach(a -> madeHere.put(a.id(), a));
            List<NewHousehold> households = new ArrayList<>();
            for (NewHousehold h : batch.households.values()) {
                Optional<Known> stored = madeFirst("household", "number", h.number());
                if (stored.isEmpty()) {
                    households.add(h.at(h.addressId() == null ? null
                            : madeMeanwhile.getOrDefault(h.addressId(), h.addressId())));
                } else {
                    joined(h.id(), h.gridId(), stored.get(), h.number());
                }
            }
            copyPlaces(addresses, households, madeHere);
            joinMadeMeanwhile(batch);
        }

        /** The address or household with this key, made meanwhile, locked as a reference; empty when there is none. */
        private Optional<Known> madeFirst(String table, String key, String value) {
            return jdbc.sql("SELECT id, grid_id FROM " + table + " WHERE " + key + " = ? FOR KEY SHARE").param(value)
                    .query((rs, n) -> new Known(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null))
                    .optional();
        }

        private void joined(UUID planned, UUID grid, Known stored, String what) {
            if (!stored.gridId().equals(grid)) {
                throw new Invalid("error.invalid", List.of(new Invalid.Problem("householdId",
                        "imports.madeMeanwhile.otherGrid", new Object[] {what})));
            }
            madeMeanwhile.put(planned, stored.id());
        }

        /**
         * The batch's rows placed in the households made meanwhile instead of those planned, and its new households at
         * the addresses made meanwhile.
         */
        void joinMadeMeanwhile(Batch batch) {
            for (Candidate c : batch.valid) {
                UUID stored = c.householdId == null ? null : madeMeanwhile.get(c.householdId);
                if (stored == null) {
                    continue;
                }
                c.householdId = stored;
                c.fields = withPlace(c.fields, c.gridId, stored);
                if (c.knownId == null) {
                    c.prepared = preparer.prepare(c.fields, c.prepared.id(), c.idIndex);
                } else {
                    c.hash = Persons.contentHash(c.fields);
                }
            }
            batch.households.keySet().removeIf(madeMeanwhile::containsKey);
            batch.addresses.keySet().removeIf(madeMeanwhile::containsKey);
            // a household this batch makes at an address an earlier batch planned and found made meanwhile
            batch.households.replaceAll((id, h) -> h.addressId() == null || !madeMeanwhile.containsKey(h.addressId())
                    ? h : h.at(madeMeanwhile.get(h.addressId())));
        }

        /**
         * The grids the batch files persons, households and addresses into, moves persons into, or brings a person who
         * had left back to live in, held (FOR KEY SHARE) until it commits and read again once held: a retirement under
         * way is waited for, and a grid it retired meanwhile (the run read the grids at its start, the batch was checked
         * against them) takes nothing. The batch's households and addresses planned in such a grid are left unmade
         * ({@link #unmade}), with the households planned at an address left unmade; the rows filed, moved or brought
         * back into such a grid, and those placed in a household left unmade (by this batch or an earlier one), are
         * taken out of the batch and reported on their row as naming a retired grid; a person who lives on its records
         * already, and stays as he was there, stays and is updated. Answers the rows taken out.
         */
        java.util.Set<Candidate> holdGrids(Batch batch) {
            java.util.Set<UUID> into = new java.util.HashSet<>();
            for (Candidate c : batch.valid) {
                if (filesInto(c)) {
                    into.add(c.gridId);
                }
            }
            batch.households.values().forEach(h -> into.add(h.gridId()));
            batch.addresses.values().forEach(a -> into.add(a.gridId()));
            Map<UUID, String[]> retired = new HashMap<>();
            if (!into.isEmpty()) {
                jdbc.sql("SELECT id, code, name, retired_at IS NOT NULL FROM grid WHERE id = ANY(?) ORDER BY id "
                                + "FOR KEY SHARE")
                        .param(into.toArray(UUID[]::new))
                        .query((rs, n) -> rs.getBoolean(4) ? retired.put(rs.getObject(1, UUID.class),
                                new String[] {rs.getString(2), rs.getString(3)}) : null)
                        .list();
            }
            if (retired.isEmpty() && unmade.isEmpty()) {
                return java.util.Set.of();
            }
            batch.addresses.values().removeIf(a -> leftUnmade(a.id(), retired.get(a.gridId())));
            batch.households.values().removeIf(h -> leftUnmade(h.id(), retired.get(h.gridId()) != null
                    ? retired.get(h.gridId()) : h.addressId() == null ? null : unmade.get(h.addressId())));
            java.util.Set<Candidate> refused = new java.util.HashSet<>();
            for (java.util.Iterator<Candidate> it = batch.valid.iterator(); it.hasNext();) {
                Candidate c = it.next();
                String[] grid = filesInto(c) ? retired.get(c.gridId) : null;
                if (grid == null && c.householdId != null) {
                    // a household planned in a grid retired meanwhile, by this batch or an earlier one
                    grid = unmade.get(c.householdId);
                }
                if (grid != null) {
                    it.remove();
                    refused.add(c);
                    c.problems.add(retired(grid[0], grid[1]));
                    failures.add(c);
                    processed.incrementAndGet();
                }
            }
            return refused;
        }

        /** Whether the row files its person into his grid: new there, moving in, or back to live there. */
        private boolean filesInto(Candidate c) {
            return c.knownId == null || !c.gridId.equals(c.knownGrid)
                    || c.knownLeft && c.fields.residence() != Residence.LEFT;
        }

        /** Records a planned household or address as left unmade when its grid was retired ({@code grid}: not null). */
        private boolean leftUnmade(UUID planned, String[] grid) {
            if (grid == null) {
                return false;
            }
            unmade.put(planned, grid);
            return true;
        }

        /**
         * What the foreign-key triggers would check for the rows of a batch, once per key instead of once per row:
         * every grid, stored household and stored address the new rows refer to exists, and is locked against
         * deletion (FOR KEY SHARE, the lock the triggers take) until the batch commits. Households and addresses
         * the batch itself makes are written in the same transaction just after.
         */
        void lockReferences(Batch batch) {
            java.util.Set<UUID> grids = new java.util.HashSet<>();
            java.util.Set<UUID> storedHouseholds = new java.util.HashSet<>();
            java.util.Set<UUID> storedAddresses = new java.util.HashSet<>();
            java.util.Set<UUID> rooms = new java.util.HashSet<>();
            for (Candidate c : batch.valid) {
                if (c.knownId == null) {
                    grids.add(c.gridId);
                    UUID household = c.householdId;
                    if (household != null && !batch.households.containsKey(household)) {
                        storedHouseholds.add(household);
                    }
                }
            }
            for (NewHousehold h : batch.households.values()) {
                grids.add(h.gridId());
                if (h.addressId() != null && !batch.addresses.containsKey(h.addressId())) {
                    storedAddresses.add(h.addressId());
                }
                if (h.roomId() != null) {
                    rooms.add(h.roomId());
                }
            }
            for (NewAddress a : batch.addresses.values()) {
                grids.add(a.gridId());
            }
            lock("grid", grids);
            lock("household", storedHouseholds);
            lock("address", storedAddresses);
            lock("room", rooms);
        }

        private void lock(String table, java.util.Set<UUID> ids) {
            if (ids.isEmpty()) {
                return;
            }
            List<UUID> found = jdbc.sql("SELECT id FROM " + table + " WHERE id = ANY(?) FOR KEY SHARE")
                    .param(ids.toArray(UUID[]::new)).query(UUID.class).list();
            if (found.size() != ids.size()) {
                java.util.Set<UUID> missing = new java.util.HashSet<>(ids);
                found.forEach(missing::remove);
                throw new org.springframework.dao.DataIntegrityViolationException(
                        "the import refers to a " + table + " that no longer exists: " + missing);
            }
        }

        /** The job's counts for the progress bar, at most twice a second: every write of them is a commit. */
        void reportProgress() {
            long now = System.nanoTime();
            long last = progressWritten.get();
            if (now - last >= 500_000_000L && progressWritten.compareAndSet(last, now)) {
                long t = System.nanoTime();
                jobs.progress(jobId, counts());
                time("write: progress", t);
            }
        }

        /**
         * The rejected rows as the user sent them, with their row number and every problem in his language; the
         * columns the import knows are headed in his language too (the import reads either language's headers back).
         */
        byte[] errorFile() throws IOException {
            List<ImportFiles.Rejected> rejected = new ArrayList<>(failures.size());
            for (Candidate c : failures) {
                // a row refused as it was written was let go once checked: its number and problems are what is left
                rejected.add(new ImportFiles.Rejected(c.line != null ? c.line
                        : new ImportTable.Line(c.lineNumber, List.of()), c.problems));
            }
            return ImportFiles.errorFile(table.headers(locale), rejected, this::columnLabel, messages, "imports",
                    locale);
        }

        String columnLabel(String field) {
            Column column = switch (field) {
                case "gridId", "gridCode" -> Column.GRID_CODE;
                case "householdId" -> Column.HOUSEHOLD_NUMBER;
                default -> java.util.Arrays.stream(Column.values()).filter(c -> c.english.equals(field)).findFirst()
                        .orElse(null);
            };
            return column == null ? null : column.label(locale);
        }
    }

    interface Parser<T> {
        T parse(String text);
    }

    /** Whether a write failed on a unique index: a key another transaction wrote first. */
    static boolean duplicate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static <T> T parse(String text, String field, Candidate c, Parser<T> parser) {
        if (text == null) {
            return null;
        }
        T value;
        try {
            value = parser.parse(text.strip());
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null) {
            c.problems.add(new Invalid.Problem(field, "imports." + field + ".unreadable", new Object[] {text}));
        }
        return value;
    }

    static LocalDate date(String text) {
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text, f);
            } catch (java.time.format.DateTimeParseException e) {
                // the next format may read it
            }
        }
        return null;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Persons.Fields withPlace(Persons.Fields f, UUID gridId, UUID householdId) {
        return new Persons.Fields(gridId, householdId, f.name(), f.idNumber(), f.phone(), f.sex(), f.birthDate(),
                f.ethnicity(), f.relation(), f.residence(), f.registeredOn(), f.leftOn(), f.occupation(), f.workplace(),
                f.note());
    }
}
