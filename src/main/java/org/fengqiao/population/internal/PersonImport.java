package org.fengqiao.population.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.internal.ImportTable.Column;
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
 * the row's grid), on two threads; the valid rows are encrypted and hashed; then one transaction writes the
 * batch's new addresses, households and persons (COPY) and the updates. A row is fully checked before anything
 * of it is written, and a row that fails is written not at all. While one batch is being written the next one is
 * read and checked, so the database and the processors work at the same time.
 *
 * <p>A known identity number updates its person; equal content (the stored SHA-256 content hash) counts as
 * unchanged and is not written, so importing the same file twice changes nothing.
 */
@Service
public class PersonImport {

    static final int BATCH = 2000;
    private static final Logger log = LoggerFactory.getLogger(PersonImport.class);
    private static final DateTimeFormatter[] DATES = {DateTimeFormatter.ISO_LOCAL_DATE,
        DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("uuuu.M.d"),
        DateTimeFormatter.ofPattern("uuuu-M-d")};
    private static final Map<String, Relation> RELATIONS = Map.ofEntries(Map.entry("户主", Relation.HEAD),
            Map.entry("本人", Relation.HEAD), Map.entry("配偶", Relation.SPOUSE), Map.entry("子女", Relation.CHILD),
            Map.entry("父母", Relation.PARENT), Map.entry("孙子女", Relation.GRANDCHILD),
            Map.entry("祖父母", Relation.GRANDPARENT), Map.entry("兄弟姐妹", Relation.SIBLING),
            Map.entry("儿媳", Relation.CHILD_IN_LAW), Map.entry("女婿", Relation.CHILD_IN_LAW),
            Map.entry("其他亲属", Relation.OTHER_RELATIVE), Map.entry("非亲属", Relation.NON_RELATIVE));
    private static final Map<String, Residence> RESIDENCES = Map.of("常住", Residence.PERMANENT,
            "流动", Residence.FLOATING, "暂住", Residence.FLOATING, "离开", Residence.LEFT, "已离开", Residence.LEFT);

    private final Persons persons;
    private final PersonRegister register;
    private final Jurisdictions jurisdictions;
    private final ImportJobs jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    // bounded: two imports at a time on this 2-core machine, a few more waiting, the rest refused
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "person-import");
                t.setDaemon(true);
                return t;
            });

    public PersonImport(Persons persons, PersonRegister register, Jurisdictions jurisdictions, ImportJobs jobs,
            JdbcClient jdbc, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
            MessageSource messages) {
        this.persons = persons;
        this.register = register;
        this.jurisdictions = jurisdictions;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.messages = messages;
    }

    /** The counts of a finished run. */
    public record Result(UUID jobId, ImportJobs.Status status, ImportJobs.Counts counts) {
    }

    /**
     * Queues an uploaded file (already saved to {@code file}, which the job deletes when done) and returns the
     * job's id at once; the caller's sign-in goes with the job so that its audit entries name him.
     */
    public UUID submit(Path file, String fileName, boolean dryRun, Caller caller, Locale locale) throws IOException {
        String sha = sha256(file);
        UUID id = UUID.randomUUID();
        jobs.create(id, fileName, sha, dryRun, caller);
        SecurityContext context = SecurityContextHolder.getContext();
        try {
            executor.execute(() -> {
                SecurityContextHolder.setContext(context);
                try {
                    run(id, file, fileName, dryRun, caller, locale);
                } finally {
                    SecurityContextHolder.clearContext();
                    deleteQuietly(file);
                }
            });
        } catch (RejectedExecutionException busy) {
            deleteQuietly(file);
            jobs.finish(id, ImportJobs.Status.FAILED, new ImportJobs.Counts(0, 0, 0, 0, 0, 0),
                    messages.getMessage("imports.busy", null, locale), null, null);
        }
        return id;
    }

    /** The import table's headers and one example row, as xlsx. */
    public byte[] template() throws IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("persons");
            Row header = sheet.createRow(0);
            Row example = sheet.createRow(1);
            String[] sample = {"张三", "320722198001010014", "男", "1980-01-01", "汉", "13912345678", "FS-1-01",
                "FS-1-01-0001", "户主", "常住", "", "东海县示例村 1 号", "农民", ""};
            Column[] columns = Column.values();
            for (int i = 0; i < columns.length; i++) {
                header.createCell(i).setCellValue(columns[i].chinese);
                example.createCell(i).setCellValue(sample[i]);
                sheet.setColumnWidth(i, 16 * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a job on the current thread: what the background executor does, and what the benchmark calls. */
    public Result run(UUID jobId, Path file, String fileName, boolean dryRun, Caller caller, Locale locale) {
        Run run = new Run(jobId, dryRun, caller, locale);
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "person-import-writer"));
        SecurityContext context = SecurityContextHolder.getContext();
        try (ImportTable table = ImportTable.open(file, fileName)) {
            run.table = table;
            run.expected = table.expectedRows();
            jobs.running(jobId, run.expected);
            if (!table.has(Column.NAME) || !table.has(Column.GRID_CODE)) {
                throw new Invalid("error.invalid", List.of(new Invalid.Problem("file", "imports.headers.missing",
                        new Object[] {Column.NAME.chinese + ", " + Column.GRID_CODE.chinese})));
            }
            Future<?> writing = null;
            while (table.hasNext()) {
                List<ImportTable.Line> lines = new ArrayList<>(BATCH);
                while (table.hasNext() && lines.size() < BATCH) {
                    lines.add(table.next());
                }
                Batch batch = run.check(lines);
                if (writing != null) {
                    writing.get();
                }
                writing = writer.submit(() -> {
                    SecurityContextHolder.setContext(context);
                    try {
                        run.write(batch);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                });
            }
            if (writing != null) {
                writing.get();
            }
            run.finished = true;
            byte[] errorFile = run.errorFile();
            jobs.finish(jobId, ImportJobs.Status.DONE, run.counts(), null, errorFile,
                    errorFile == null ? null : baseName(fileName) + "-errors.xlsx");
            audit(run, fileName, ImportJobs.Status.DONE);
            return new Result(jobId, ImportJobs.Status.DONE, run.counts());
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof Invalid invalid ? invalid.problems().stream()
                    .map(p -> messages.getMessage(p.key(), p.args(), locale)).reduce((a, b) -> a + "；" + b).orElse("")
                    : messages.getMessage("imports.failed", new Object[] {String.valueOf(cause.getMessage())}, locale);
            log.warn("Import {} failed", jobId, cause);
            run.finished = true;
            jobs.finish(jobId, ImportJobs.Status.FAILED, run.counts(), message, null, null);
            audit(run, fileName, ImportJobs.Status.FAILED);
            return new Result(jobId, ImportJobs.Status.FAILED, run.counts());
        } finally {
            writer.shutdownNow();
        }
    }

    /** One audit entry for the whole job: what came in (its hash) and what it did. */
    private void audit(Run run, String fileName, ImportJobs.Status status) {
        ImportJobs.Counts c = run.counts();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", fileName);
        after.put("sha256", jobs.findVisible(run.jobId, run.caller).map(ImportJobs.Job::fileSha256).orElse(null));
        after.put("dryRun", run.dryRun);
        after.put("status", status.name());
        after.put("rows", c.total());
        after.put("created", c.created());
        after.put("updated", c.updated());
        after.put("unchanged", c.unchanged());
        after.put("failed", c.failed());
        events.publishEvent(new Audited("IMPORT", "import-job", run.jobId.toString(), jobUnitPath(run.caller), null,
                after, null).by(run.caller.username()));
    }

    private static String jobUnitPath(Caller caller) {
        return caller.unitPaths().isEmpty() ? null : caller.unitPaths().get(0);
    }

    private static String baseName(String fileName) {
        String name = fileName == null ? "import" : fileName;
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded file {}", file, e);
        }
    }

    /** A row on its way: what it says, its checked fields, where it goes, and what is wrong with it. */
    static final class Candidate {
        final ImportTable.Line line;
        final List<Invalid.Problem> problems = new ArrayList<>();
        Persons.Fields fields;
        String householdNumber;
        String address;
        Persons.Prepared prepared;

        Candidate(ImportTable.Line line) {
            this.line = line;
        }
    }

    record NewAddress(UUID id, UUID gridId, String fullText) {
    }

    record NewHousehold(UUID id, UUID gridId, String number, UUID addressId) {
    }

    record Batch(List<Candidate> valid, Map<UUID, NewHousehold> households, Map<UUID, NewAddress> addresses) {
    }

    record KnownHousehold(UUID id, UUID gridId) {
    }

    /** The state of one job while it runs. */
    final class Run {
        final UUID jobId;
        final boolean dryRun;
        final Caller caller;
        final Locale locale;
        final Map<String, Grid> grids = new HashMap<>();
        final ImportNumbers numbers = new ImportNumbers();
        final Map<String, KnownHousehold> households = new HashMap<>();
        final Map<String, KnownHousehold> addresses = new HashMap<>();
        final List<Candidate> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong total = new AtomicLong();
        final AtomicLong processed = new AtomicLong();
        final AtomicLong created = new AtomicLong();
        final AtomicLong updated = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        ImportTable table;
        volatile long expected;
        volatile boolean finished;

        Run(UUID jobId, boolean dryRun, Caller caller, Locale locale) {
            this.jobId = jobId;
            this.dryRun = dryRun;
            this.caller = caller;
            this.locale = locale;
            for (Grid g : jurisdictions.visibleGrids(caller)) {
                grids.put(g.code(), g);
            }
        }

        /** The counts so far; while running, the total is at least what the file appeared to hold. */
        ImportJobs.Counts counts() {
            long rows = finished ? total.get() : Math.max(expected, total.get());
            return new ImportJobs.Counts(rows, processed.get(), created.get(), updated.get(), unchanged.get(),
                    failures.size());
        }

        /** Checks a batch of rows; nothing is written here. */
        Batch check(List<ImportTable.Line> lines) {
            total.addAndGet(lines.size());
            List<Candidate> candidates = lines.parallelStream().map(this::checkRow).toList();
            // in file order: a number met before is an error on the later row
            for (Candidate c : candidates) {
                if (c.fields != null && c.fields.idNumber() != null) {
                    long earlier = numbers.putIfAbsent(c.fields.idNumber().value(), c.line.number());
                    if (earlier >= 0) {
                        c.problems.add(new Invalid.Problem("idNumber", "imports.idNumber.duplicate", new Object[] {earlier}));
                    }
                }
            }
            Map<UUID, NewHousehold> newHouseholds = new LinkedHashMap<>();
            Map<UUID, NewAddress> newAddresses = new LinkedHashMap<>();
            resolveHouseholds(candidates, newHouseholds, newAddresses);
            List<Candidate> valid = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                if (c.problems.isEmpty()) {
                    valid.add(c);
                } else {
                    failures.add(c);
                    processed.incrementAndGet();
                }
            }
            valid.parallelStream().forEach(c -> c.prepared = persons.prepare(c.fields));
            return new Batch(valid, newHouseholds, newAddresses);
        }

        Candidate checkRow(ImportTable.Line line) {
            Candidate c = new Candidate(line);
            Map<Column, String> f = table.fields(line);
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
            if (grid == null) {
                c.problems.add(new Invalid.Problem("gridCode", gridCode == null ? "imports.grid.required"
                        : "imports.grid.unknown", new Object[] {String.valueOf(gridCode)}));
            }
            List<Invalid.Problem> checked = new ArrayList<>();
            // the grid is resolved above from the caller's grids, held in memory: checking it again per row
            // would cost a query per row, so the register's grid check is given no grid and its answer dropped
            Persons.Fields fields = register.check(new PersonRegister.Input(null, null, f.get(Column.NAME),
                    f.get(Column.ID_NUMBER), f.get(Column.PHONE), sex, birth, f.get(Column.ETHNICITY), relation,
                    residence, registered, null, f.get(Column.OCCUPATION), f.get(Column.WORKPLACE), null), caller, checked);
            checked.stream().filter(p -> !"gridId".equals(p.field())).forEach(c.problems::add);
            c.fields = withPlace(fields, grid == null ? null : grid.id().value(), null);
            c.householdNumber = f.get(Column.HOUSEHOLD_NUMBER);
            c.address = f.get(Column.ADDRESS);
            if (c.address != null && c.householdNumber == null) {
                c.problems.add(new Invalid.Problem("address", "imports.address.withoutHousehold", new Object[0]));
            }
            return c;
        }

        /** Finds or plans the household (and its address) of each row still valid; a household elsewhere is an error. */
        void resolveHouseholds(List<Candidate> candidates, Map<UUID, NewHousehold> newHouseholds,
                Map<UUID, NewAddress> newAddresses) {
            List<String> unknownNumbers = candidates.stream().filter(c -> c.problems.isEmpty() && c.householdNumber != null)
                    .map(c -> c.householdNumber).filter(n -> !households.containsKey(n)).distinct().toList();
            if (!unknownNumbers.isEmpty()) {
                jdbc.sql("SELECT number, id, grid_id FROM household WHERE number = ANY(?)")
                        .param(unknownNumbers.toArray(String[]::new))
                        .query((rs, n) -> households.put(rs.getString(1),
                                new KnownHousehold(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))).list();
            }
            List<String> unknownAddresses = candidates.stream().filter(c -> c.problems.isEmpty() && c.address != null)
                    .map(c -> c.address).filter(a -> !addresses.containsKey(a)).distinct().toList();
            if (!unknownAddresses.isEmpty()) {
                jdbc.sql("SELECT full_text, id, grid_id FROM address WHERE full_text = ANY(?)")
                        .param(unknownAddresses.toArray(String[]::new))
                        .query((rs, n) -> addresses.put(rs.getString(1),
                                new KnownHousehold(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))).list();
            }
            for (Candidate c : candidates) {
                if (!c.problems.isEmpty() || c.householdNumber == null) {
                    continue;
                }
                UUID grid = c.fields.gridId();
                KnownHousehold household = households.get(c.householdNumber);
                if (household == null) {
                    UUID addressId = null;
                    if (c.address != null) {
                        KnownHousehold address = addresses.get(c.address);
                        if (address != null && !address.gridId().equals(grid)) {
                            c.problems.add(new Invalid.Problem("address", "imports.address.otherGrid", new Object[0]));
                            continue;
                        }
                        if (address == null) {
                            address = new KnownHousehold(UUID.randomUUID(), grid);
                            addresses.put(c.address, address);
                            newAddresses.put(address.id(), new NewAddress(address.id(), grid, c.address));
                        }
                        addressId = address.id();
                    }
                    household = new KnownHousehold(UUID.randomUUID(), grid);
                    households.put(c.householdNumber, household);
                    newHouseholds.put(household.id(), new NewHousehold(household.id(), grid, c.householdNumber, addressId));
                } else if (!household.gridId().equals(grid)) {
                    c.problems.add(new Invalid.Problem("householdId", "population.household.notInGrid", new Object[0]));
                    continue;
                }
                c.fields = withPlace(c.fields, grid, household.id());
            }
        }

        /** Writes a checked batch in one transaction: addresses, households, new persons by COPY, changed persons. */
        void write(Batch batch) {
            Map<String, Object[]> known = new HashMap<>();
            String[] indexes = batch.valid().stream().map(c -> c.prepared.idIndex()).filter(java.util.Objects::nonNull)
                    .toArray(String[]::new);
            if (indexes.length > 0) {
                jdbc.sql("""
                        SELECT p.id_index, p.id, p.content_hash, u.path LIKE ANY(?) AS visible
                        FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                        WHERE p.id_index = ANY(?)""")
                        .params(caller.scopePatterns(), indexes)
                        .query((rs, n) -> known.put(rs.getString(1),
                                new Object[] {rs.getObject(2, UUID.class), rs.getString(3), rs.getBoolean(4)})).list();
            }
            List<Persons.Prepared> fresh = new ArrayList<>();
            List<Candidate> changed = new ArrayList<>();
            List<UUID> changedIds = new ArrayList<>();
            java.util.Set<UUID> usedHouseholds = new java.util.HashSet<>();
            for (Candidate c : batch.valid()) {
                Object[] k = c.prepared.idIndex() == null ? null : known.get(c.prepared.idIndex());
                if (k != null && !(Boolean) k[2]) {
                    // the number belongs to a person outside the caller's scope: the row may not move him
                    c.problems.add(new Invalid.Problem("idNumber", "population.idNumber.taken", new Object[0]));
                    failures.add(c);
                    continue;
                }
                if (c.fields.householdId() != null) {
                    usedHouseholds.add(c.fields.householdId());
                }
                if (k == null) {
                    fresh.add(c.prepared);
                } else if (c.prepared.hash().equals(k[1])) {
                    unchanged.incrementAndGet();
                } else {
                    changed.add(c);
                    changedIds.add((UUID) k[0]);
                }
            }
            if (!dryRun) {
                transactions.executeWithoutResult(status -> {
                    java.util.Set<UUID> usedAddresses = new java.util.HashSet<>();
                    List<NewHousehold> households = batch.households().values().stream()
                            .filter(h -> usedHouseholds.contains(h.id())).toList();
                    households.forEach(h -> usedAddresses.add(h.addressId()));
                    for (NewAddress a : batch.addresses().values()) {
                        if (usedAddresses.contains(a.id())) {
                            jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)")
                                    .params(a.id(), a.gridId(), a.fullText()).update();
                        }
                    }
                    for (NewHousehold h : households) {
                        jdbc.sql("INSERT INTO household (id, grid_id, address_id, number) VALUES (?, ?, ?, ?)")
                                .params(h.id(), h.gridId(), h.addressId(), h.number()).update();
                    }
                    persons.insertCopy(fresh);
                    for (int i = 0; i < changed.size(); i++) {
                        persons.update(changedIds.get(i), changed.get(i).fields);
                    }
                    if (!fresh.isEmpty() || !changed.isEmpty()) {
                        // One entry per batch listing the persons it created and changed, not one chained entry per
                        // person: a million chained audit entries would make a large import take hours.
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("job", jobId.toString());
                        after.put("created", fresh.stream().map(Persons.Prepared::id).toList());
                        after.put("updated", changedIds);
                        events.publishEvent(new Audited("IMPORT", "person-batch", jobId.toString(),
                                jobUnitPath(caller), null, after, null).by(caller.username()));
                    }
                });
            }
            created.addAndGet(fresh.size());
            updated.addAndGet(changed.size());
            processed.addAndGet(batch.valid().size());
            jobs.progress(jobId, counts());
        }

        /** The rejected rows as the user sent them, with their row number and every problem in his language. */
        byte[] errorFile() throws IOException {
            if (failures.isEmpty()) {
                return null;
            }
            List<Candidate> rows = new ArrayList<>(failures);
            rows.sort(java.util.Comparator.comparingLong(c -> c.line.number()));
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                Sheet sheet = workbook.createSheet(messages.getMessage("imports.errors.sheet", null, locale));
                Row header = sheet.createRow(0);
                List<String> headers = table.headers();
                header.createCell(0).setCellValue(messages.getMessage("imports.errors.row", null, locale));
                for (int i = 0; i < headers.size(); i++) {
                    header.createCell(i + 1).setCellValue(headers.get(i));
                }
                header.createCell(headers.size() + 1).setCellValue(messages.getMessage("imports.errors.problems", null, locale));
                int r = 1;
                for (Candidate c : rows) {
                    Row row = sheet.createRow(r++);
                    row.createCell(0).setCellValue(c.line.number());
                    for (int i = 0; i < headers.size() && i < c.line.cells().size(); i++) {
                        String v = c.line.cells().get(i);
                        if (v != null) {
                            row.createCell(i + 1).setCellValue(v);
                        }
                    }
                    row.createCell(headers.size() + 1).setCellValue(describe(c.problems));
                }
                workbook.write(out);
                workbook.dispose();
                return out.toByteArray();
            }
        }

        String describe(List<Invalid.Problem> problems) {
            List<String> texts = new ArrayList<>();
            for (Invalid.Problem p : problems) {
                String column = columnLabel(p.field());
                String text = messages.getMessage(p.key(), p.args(), p.key(), locale);
                texts.add(column == null ? text : column + ": " + text);
            }
            return String.join("；", texts);
        }

        String columnLabel(String field) {
            Column column = switch (field) {
                case "gridId", "gridCode" -> Column.GRID_CODE;
                case "householdId" -> Column.HOUSEHOLD_NUMBER;
                default -> java.util.Arrays.stream(Column.values()).filter(c -> c.english.equals(field)).findFirst()
                        .orElse(null);
            };
            if (column == null) {
                return null;
            }
            return "en".equals(locale.getLanguage()) ? column.english : column.chinese;
        }
    }

    interface Parser<T> {
        T parse(String text);
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
