package org.fengqiao.population.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.internal.UtilityReadings.Key;
import org.fengqiao.population.internal.UtilityReadings.NewReading;
import org.fengqiao.population.internal.UtilityReadings.Place;
import org.fengqiao.population.internal.UtilityReadings.Reading;
import org.fengqiao.population.internal.UtilityReadings.RoomKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports monthly utility readings from the suppliers' xlsx or CSV as a background job, with the person import's
 * machinery: the table is read by {@link ImportTable}, the job lives in {@link ImportJobs} (kind
 * {@code UTILITY_READINGS}) and the rejected rows go back as an xlsx error file ({@link ImportFiles}).
 *
 * <p>A row names its place either as a room (grid code, building name, unit, optional floor, room
 * number) or by the standard address's full text; a place the caller cannot see is "not found", exactly
 * like one that does not exist. Each batch of rows is fully checked before anything of it is written, and
 * a row with any problem is written not at all: it goes to the error file with its line number and every
 * problem in the caller's language. A reading equal to the stored one for the same place, utility and
 * month is unchanged; a different one replaces it and the replacement is audited with before and after,
 * so importing the same file twice changes nothing. A dry run checks and counts and writes nothing.
 * After a real run the anomaly policy looks at every place the file named, its readings changed or not: importing a
 * file again after a job was cut off opens the tasks the first run never got to.
 */
@Service
public class UtilityImport {

    /** The columns of a readings file: Chinese header first, English second. */
    enum Column implements ImportTable.Header {
        UTILITY("类别", "utility"), MONTH("月份", "month"), GRID_CODE("网格编码", "gridCode"), BUILDING("楼栋", "building"),
        UNIT("单元", "unit"), FLOOR("楼层", "floor"), ROOM("房号", "room"), ADDRESS("地址", "address"),
        METER("表号", "meter"), READING("本期读数", "reading"), CONSUMPTION("用量", "consumption"),
        SUPPLIER("供应单位", "supplier");

        final String chinese;
        final String english;

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

    /** The template's example rows: one naming a room, one a standard address. */
    static final List<List<String>> EXAMPLES = exampleRows("电", "水");
    /** The same rows for a reader of English: the utilities by the English names the import reads. */
    static final List<List<String>> EXAMPLES_ENGLISH = exampleRows("power", "water");

    private static List<List<String>> exampleRows(String power, String water) {
        return List.of(
                List.of(power, "2026-05", "NS-1-01", "1号楼", "1", "3", "301", "", "DB-0001", "12345.6", "182", "国网东海县供电公司"),
                List.of(water, "2026-05", "", "", "", "", "", "江苏省连云港市东海县房山镇吴场村1组1号", "SB-0002", "", "6.5", "东海县自来水公司"));
    }

    static final int BATCH = 1000;
    static final int MAX_TEXT = 100;
    /** numeric(14, 3): eleven digits before the point. */
    static final BigDecimal MAX_NUMBER = new BigDecimal("99999999999");
    private static final Logger log = LoggerFactory.getLogger(UtilityImport.class);
    private static final Pattern MONTH = Pattern.compile(
            "^(\\d{4})\\s*(?:[-/.年]\\s*(\\d{1,2})\\s*月?(?:\\s*[-/.]\\s*(\\d{1,2})\\s*日?)?|(\\d{2}))$");
    private static final Pattern INTEGER = Pattern.compile("^(-?\\d+)\\s*(单元|层|楼)?$");
    /** A number with a unit after it: kWh, 千瓦时 or 度 of power, m³ (m3, 立方米, 立方, 方) of water or gas, 吨 of water. */
    private static final Pattern UNIT_AFTER = Pattern.compile("^(.*?\\d\\.?)\\s*(kwh|kw·h|千瓦时|度|m³|m3|立方米|立方|方|吨)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern THOUSANDS = Pattern.compile("^-?\\d{1,3}(,\\d{3})+(\\.\\d*)?$");

    static Set<Utility> unitOf(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("kwh") || u.equals("kw·h") || u.equals("千瓦时") || u.equals("度")) {
            return Set.of(Utility.POWER);
        }
        if (u.equals("吨")) {
            return Set.of(Utility.WATER);
        }
        return Set.of(Utility.WATER, Utility.GAS);
    }

    private final UtilityReadings readings;
    private final ImportJobs jobs;
    private final Verifications verifications;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final java.time.Clock clock;
    // one import at a time on this 2-core machine, a few waiting, the rest refused
    private final ThreadPoolExecutor executor = ImportFiles.executor("utility-import", 1, 4);

    UtilityImport(UtilityReadings readings, ImportJobs jobs, Verifications verifications,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, MessageSource messages,
            java.time.Clock clock) {
        this.readings = readings;
        this.jobs = jobs;
        this.verifications = verifications;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    public record Result(UUID jobId, ImportJobs.Status status, ImportJobs.Counts counts) {
    }

    /** Queues a saved upload (deleted when the job is done) and answers the job's id at once. */
    public UUID submit(Path file, String fileName, boolean dryRun, Caller caller, Locale locale) throws IOException {
        return ImportFiles.queue(jobs, ImportJobs.Kind.UTILITY_READINGS, file, fileName, dryRun, caller, executor, messages, "utilities.import.busy",
                locale, id -> run(id, file, fileName, dryRun, caller, locale));
    }

    /**
     * An example file as CSV: the headers and two rows, one naming a room and one an address, in the reader's
     * language (in English the headers and utility names this import reads in English).
     */
    public static String template(Locale locale) {
        return ImportFiles.templateCsv(Column.class, examples(locale), locale);
    }

    /** The same example file as xlsx. */
    public static byte[] templateXlsx(Locale locale) throws IOException {
        return ImportFiles.template("readings", Column.class, examples(locale), locale);
    }

    private static List<List<String>> examples(Locale locale) {
        return "en".equals(locale.getLanguage()) ? EXAMPLES_ENGLISH : EXAMPLES;
    }

    /** Runs a job on the current thread: what the background executor does, and what tests may call. */
    public Result run(UUID jobId, Path file, String fileName, boolean dryRun, Caller caller, Locale locale) {
        Run run = new Run(jobId, dryRun, caller, locale);
        try (ImportTable<Column> table = ImportTable.open(file, fileName, Column.class)) {
            run.table = table;
            run.expected = table.expectedRows();
            jobs.running(jobId, run.expected);
            List<String> missing = new ArrayList<>();
            for (Column c : List.of(Column.UTILITY, Column.MONTH)) {
                if (!table.has(c)) {
                    missing.add(c.label(locale));
                }
            }
            if (!table.has(Column.CONSUMPTION) && !table.has(Column.READING)) {
                missing.add(Column.CONSUMPTION.label(locale));
            }
            if (!table.has(Column.ADDRESS) && !(table.has(Column.GRID_CODE) && table.has(Column.BUILDING)
                    && table.has(Column.UNIT) && table.has(Column.ROOM))) {
                missing.add(Column.ADDRESS.label(locale));
            }
            if (!missing.isEmpty()) {
                throw Invalid.of("file", "utilities.import.headers.missing", String.join(", ", missing));
            }
            while (table.hasNext()) {
                List<ImportTable.Line> lines = new ArrayList<>(BATCH);
                while (table.hasNext() && lines.size() < BATCH) {
                    lines.add(table.next());
                }
                run.write(run.check(lines));
            }
            // the places of unchanged rows are judged too: a job cut off after writing its rows and before this point
            // left readings without their tasks, and importing the file again, as the job's page asks, found every
            // row unchanged and opened none of them
            run.unchangedPlaces.forEach((place, months) -> run.touched
                    .computeIfAbsent(place, k -> new LinkedHashSet<>()).addAll(months));
            if (!dryRun && !run.touched.isEmpty()) {
                run.tasksOpened = verifications.evaluate(run.touched, caller);
            } else if (dryRun) {
                run.tasksOpened = verifications.preview(run.pending);
            }
            run.finished = true;
            byte[] errors = run.errorFile();
            // audited before the job shows its end: whoever sees it ended finds its audit entry
            audit(run, fileName, ImportJobs.Status.DONE);
            jobs.finish(jobId, ImportJobs.Status.DONE, run.counts(), null, errors,
                    errors == null ? null : ImportFiles.baseName(fileName, "readings") + "-errors.xlsx");
            return new Result(jobId, ImportJobs.Status.DONE, run.counts());
        } catch (Exception e) {
            String message = ImportFailures.message(e, jobId, "utilities.import.failed", messages, locale);
            if (!(e instanceof Invalid)) {
                log.warn("Utility import {} failed", jobId, e);
            }
            run.finished = true;
            audit(run, fileName, ImportJobs.Status.FAILED);
            jobs.finish(jobId, ImportJobs.Status.FAILED, run.counts(), message, null, null);
            return new Result(jobId, ImportJobs.Status.FAILED, run.counts());
        }
    }

    private void audit(Run run, String fileName, ImportJobs.Status status) {
        ImportJobs.Counts c = run.counts();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", fileName);
        after.put("sha256", jobs.findVisible(ImportJobs.Kind.UTILITY_READINGS, run.jobId, run.caller).map(ImportJobs.Job::fileSha256).orElse(null));
        after.put("dryRun", run.dryRun);
        after.put("status", status.name());
        after.put("rows", c.total());
        after.put("created", c.created());
        after.put("updated", c.updated());
        after.put("unchanged", c.unchanged());
        after.put("failed", c.failed());
        after.put("tasksOpened", c.tasksOpened());
        events.publishEvent(new Audited("IMPORT", "utility-import", run.jobId.toString(),
                ImportJobs.unitPath(run.caller), null, after, null).by(run.caller.username()));
    }

    /** A row on its way: what it says, what was read from it, where it goes, and what is wrong with it. */
    static final class Candidate {
        final ImportTable.Line line;
        final List<Invalid.Problem> problems = new ArrayList<>();
        Utility utility;
        YearMonth month;
        RoomKey room;
        String address;
        String meter;
        BigDecimal reading;
        BigDecimal consumption;
        String supplier;
        Place place;

        Candidate(ImportTable.Line line) {
            this.line = line;
        }

        Key key() {
            return new Key(place.id(), utility, month);
        }

        void problem(String field, String key, Object... args) {
            problems.add(new Invalid.Problem(field, key, args));
        }
    }

    /** A checked batch: rows to create, rows that replace a stored reading (with it), unchanged rows. */
    record Batch(List<Candidate> created, List<Candidate> changed, List<Reading> replaced, int unchanged) {
    }

    final class Run {
        final UUID jobId;
        final boolean dryRun;
        final Caller caller;
        final Locale locale;
        final YearMonth current;
        /** Place, utility and month of every good row so far, with its line: a second one is an error. */
        final Map<Key, Long> seen = new HashMap<>();
        /** Meter readings of good rows so far, so a later row of the next month can take its consumption from them. */
        final Map<Key, BigDecimal> meterReadings = new HashMap<>();
        /** The places written and the months of their rows, each month judged after a real run. */
        final Map<UUID, Set<YearMonth>> touched = new LinkedHashMap<>();
        /** Places and months of rows equal to the stored readings: judged again after a real run, like those written. */
        final Map<UUID, Set<YearMonth>> unchangedPlaces = new LinkedHashMap<>();
        /** A dry run's rows that would be written, by place, for the preview of the tasks they would open. */
        final Map<UUID, List<UtilityAnomalyPolicy.Use>> pending = new HashMap<>();
        final List<Candidate> failures = new ArrayList<>();
        long total;
        long processed;
        long created;
        long updated;
        long unchanged;
        int tasksOpened;
        ImportTable<Column> table;
        /** The rows the file appeared to hold when opened, the total shown while the job runs. */
        long expected;
        boolean finished;

        Run(UUID jobId, boolean dryRun, Caller caller, Locale locale) {
            this.jobId = jobId;
            this.dryRun = dryRun;
            this.caller = caller;
            this.locale = locale;
            this.current = YearMonth.now(clock.withZone(Housing.LOCAL));
        }

        ImportJobs.Counts counts() {
            long rows = finished ? total : Math.max(expected, total);
            return new ImportJobs.Counts(rows, processed, created, updated, unchanged, failures.size(), tasksOpened);
        }

        Batch check(List<ImportTable.Line> lines) {
            total += lines.size();
            List<Candidate> rows = lines.stream().map(this::read).toList();
            resolvePlaces(rows);
            // previous month's stored readings, for rows that give a meter reading and no consumption
            List<Key> previous = new ArrayList<>();
            List<Key> keys = new ArrayList<>();
            for (Candidate c : rows) {
                if (c.problems.isEmpty()) {
                    keys.add(c.key());
                    if (c.consumption == null) {
                        previous.add(new Key(c.place.id(), c.utility, c.month.minusMonths(1)));
                    }
                }
            }
            Map<Key, Reading> stored = readings.find(keys);
            Map<Key, Reading> storedPrevious = readings.find(previous);
            // the meter readings this batch gives (the first row of each place, utility and month): a supplier's
            // file listing the newest month first gives last month's reading after the row that needs it, and
            // that row was refused for want of a reading the file held
            Map<Key, BigDecimal> given = new HashMap<>();
            for (Candidate c : rows) {
                if (c.problems.isEmpty() && c.reading != null && !seen.containsKey(c.key())) {
                    given.putIfAbsent(c.key(), c.reading);
                }
            }
            List<Candidate> fresh = new ArrayList<>();
            List<Candidate> changed = new ArrayList<>();
            List<Reading> replaced = new ArrayList<>();
            int same = 0;
            for (Candidate c : rows) {
                if (c.problems.isEmpty()) {
                    Key key = c.key();
                    Long earlier = seen.get(key);
                    if (earlier != null) {
                        c.problem("month", "utilities.import.duplicate", earlier);
                    } else if (c.consumption == null) {
                        derive(c, storedPrevious, given);
                    }
                }
                if (!c.problems.isEmpty()) {
                    failures.add(c);
                    processed++;
                    continue;
                }
                Key key = c.key();
                seen.put(key, c.line.number());
                if (c.reading != null) {
                    meterReadings.put(key, c.reading);
                }
                Reading old = stored.get(key);
                if (old == null) {
                    fresh.add(c);
                } else if (same(old, c)) {
                    same++;
                    unchangedPlaces.computeIfAbsent(c.place.id(), k -> new LinkedHashSet<>()).add(c.month);
                    if (dryRun) {
                        pending.computeIfAbsent(c.place.id(), k -> new ArrayList<>())
                                .add(new UtilityAnomalyPolicy.Use(c.utility, c.month, c.consumption));
                    }
                } else {
                    changed.add(c);
                    replaced.add(old);
                }
            }
            return new Batch(fresh, changed, replaced, same);
        }

        /** Consumption from this month's meter reading less last month's, from this file or the stored one. */
        void derive(Candidate c, Map<Key, Reading> storedPrevious, Map<Key, BigDecimal> given) {
            Key prev = new Key(c.place.id(), c.utility, c.month.minusMonths(1));
            BigDecimal before = meterReadings.get(prev);
            if (before == null) {
                before = given.get(prev);
            }
            if (before == null && storedPrevious.get(prev) != null) {
                before = storedPrevious.get(prev).reading();
            }
            if (before == null) {
                c.problem("consumption", "utilities.import.previous.missing", prev.month().toString());
            } else if (c.reading.compareTo(before) < 0) {
                c.problem("reading", "utilities.import.reading.decreased", UtilityAnomalyPolicy.plain(before));
            } else {
                c.consumption = c.reading.subtract(before);
            }
        }

        boolean same(Reading old, Candidate c) {
            return Objects.equals(old.meter(), c.meter) && Objects.equals(old.supplier(), c.supplier)
                    && old.consumption().compareTo(c.consumption) == 0
                    && (old.reading() == null ? c.reading == null : c.reading != null && old.reading().compareTo(c.reading) == 0);
        }

        void write(Batch batch) {
            if (!dryRun && (!batch.created().isEmpty() || !batch.changed().isEmpty())) {
                transactions.executeWithoutResult(status -> {
                    List<NewReading> rows = batch.created().stream().map(c -> new NewReading(UUID.randomUUID(), c.place,
                            c.utility, c.month, c.meter, c.reading, c.consumption, c.supplier)).toList();
                    readings.insert(rows, jobId);
                    for (int i = 0; i < batch.changed().size(); i++) {
                        Candidate c = batch.changed().get(i);
                        Reading old = batch.replaced().get(i);
                        readings.update(old.id(), c.meter, c.reading, c.consumption, c.supplier, jobId);
                        events.publishEvent(Audited.updated("utility-reading", old.id(), c.place.unitPath(), state(old),
                                state(new Reading(old.id(), old.placeId(), old.gridId(), c.utility, c.month, c.meter,
                                        c.reading, c.consumption, c.supplier))).by(caller.username()));
                    }
                    if (!rows.isEmpty()) {
                        // one entry per batch listing the readings it created, not one chained entry per reading
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("import", jobId.toString());
                        after.put("created", rows.stream().map(NewReading::id).toList());
                        events.publishEvent(new Audited("IMPORT", "utility-reading-batch", jobId.toString(),
                                ImportJobs.unitPath(caller), null, after, null).by(caller.username()));
                    }
                });
                batch.created().forEach(c -> touched.computeIfAbsent(c.place.id(), k -> new LinkedHashSet<>())
                        .add(c.month));
                batch.changed().forEach(c -> touched.computeIfAbsent(c.place.id(), k -> new LinkedHashSet<>())
                        .add(c.month));
            }
            if (dryRun) {
                for (List<Candidate> rows : List.of(batch.created(), batch.changed())) {
                    rows.forEach(c -> pending.computeIfAbsent(c.place.id(), k -> new ArrayList<>())
                            .add(new UtilityAnomalyPolicy.Use(c.utility, c.month, c.consumption)));
                }
            }
            created += batch.created().size();
            updated += batch.changed().size();
            unchanged += batch.unchanged();
            processed += batch.created().size() + batch.changed().size() + batch.unchanged();
            jobs.progress(jobId, counts());
        }

        Candidate read(ImportTable.Line line) {
            Candidate c = new Candidate(line);
            Map<Column, String> f = table.fields(line);
            c.problems.addAll(ImportTable.nulCells(f));
            String utility = f.get(Column.UTILITY);
            if (utility == null) {
                c.problem("utility", "utilities.import.utility.required");
            } else if ((c.utility = Utility.parse(utility)) == null) {
                c.problem("utility", "utilities.import.utility.unreadable", utility);
            }
            String month = f.get(Column.MONTH);
            if (month == null) {
                c.problem("month", "utilities.import.month.required");
            } else if ((c.month = month(month)) == null) {
                c.problem("month", "utilities.import.month.unreadable", month);
            } else if (c.month.isAfter(current)) {
                c.problem("month", "utilities.import.month.future", month);
            }
            String building = f.get(Column.BUILDING);
            c.address = f.get(Column.ADDRESS);
            if (building != null) {
                String grid = f.get(Column.GRID_CODE);
                Integer unit = integer(c, "unit", f.get(Column.UNIT), true);
                Integer floor = integer(c, "floor", f.get(Column.FLOOR), false);
                String room = f.get(Column.ROOM);
                if (room != null && room.endsWith("室")) {
                    room = room.substring(0, room.length() - 1).strip();
                }
                if (grid == null) {
                    c.problem("gridCode", "utilities.import.gridCode.required");
                }
                if (room == null || room.isEmpty()) {
                    c.problem("room", "utilities.import.room.required");
                }
                if (grid != null && unit != null && room != null && !room.isEmpty()) {
                    c.room = new RoomKey(grid, building, unit, floor, room);
                }
            } else if (c.address == null) {
                c.problem("address", "utilities.import.place.required");
            }
            c.meter = text(c, "meter", f.get(Column.METER));
            c.supplier = text(c, "supplier", f.get(Column.SUPPLIER));
            c.reading = number(c, "reading", f.get(Column.READING), c.utility);
            c.consumption = number(c, "consumption", f.get(Column.CONSUMPTION), c.utility);
            if (f.get(Column.READING) == null && f.get(Column.CONSUMPTION) == null) {
                c.problem("consumption", "utilities.import.consumption.required");
            }
            return c;
        }

        /** Finds the place of every row still good, by room and by address in two statements. */
        void resolvePlaces(List<Candidate> rows) {
            List<RoomKey> rooms = rows.stream().filter(c -> c.problems.isEmpty() && c.room != null).map(c -> c.room)
                    .distinct().toList();
            List<String> addresses = rows.stream().filter(c -> c.problems.isEmpty() && c.address != null)
                    .map(c -> c.address).distinct().toList();
            Map<RoomKey, List<Place>> foundRooms = readings.rooms(rooms, caller);
            Map<String, Place> foundAddresses = readings.addresses(addresses, caller);
            for (Candidate c : rows) {
                if (!c.problems.isEmpty()) {
                    continue;
                }
                Place byAddress = c.address == null ? null : foundAddresses.get(c.address);
                if (c.room != null) {
                    List<Place> places = foundRooms.getOrDefault(c.room, List.of());
                    if (places.isEmpty()) {
                        c.problem("room", "utilities.import.place.notFound");
                    } else if (places.size() > 1) {
                        c.problem("floor", "utilities.import.room.ambiguous");
                    } else if (c.address != null && (byAddress == null || !places.get(0).id().equals(byAddress.id()))) {
                        c.problem("address", "utilities.import.place.disagree");
                    } else {
                        c.place = places.get(0);
                    }
                } else if (byAddress == null) {
                    c.problem("address", "utilities.import.place.notFound");
                } else {
                    c.place = byAddress;
                }
            }
        }

        byte[] errorFile() throws IOException {
            List<ImportFiles.Rejected> rejected = new ArrayList<>(failures.size());
            for (Candidate c : failures) {
                rejected.add(new ImportFiles.Rejected(c.line, c.problems));
            }
            // the headers in the reader's language, as his problems name the columns: a supplier's Chinese file
            // read in English gave a sheet of Chinese headers over English problems
            return ImportFiles.errorFile(table.headers(locale), rejected,
                    f -> ImportFiles.label(Column.class, f, locale),
                    messages, "utilities", locale);
        }
    }

    static YearMonth month(String text) {
        Matcher m = MONTH.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
            if (m.group(3) != null) {
                LocalDate.of(year, month, Integer.parseInt(m.group(3)));
            }
            if (year < 2000) {
                return null;
            }
            return YearMonth.of(year, month);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Integer integer(Candidate c, String field, String text, boolean required) {
        if (text == null) {
            if (required) {
                c.problem(field, "utilities.import." + field + ".required");
            }
            return null;
        }
        Matcher m = INTEGER.matcher(text.strip());
        if (!m.matches() || m.group(1).length() > 4) {
            c.problem(field, "utilities.import.integer.unreadable", text);
            return null;
        }
        int value = Integer.parseInt(m.group(1));
        if ("unit".equals(field) && value < 1) {
            c.problem(field, "utilities.import.integer.unreadable", text);
            return null;
        }
        return value;
    }

    /**
     * A number as the suppliers write it: 1234.5, 1,234.5 (commas between thousands only), with or without the
     * unit of its utility after it (182 kWh, 182度, 6.5 m³, 6.5立方米, water 6.5吨). A comma anywhere else is no
     * thousands separator: 12,5 was read as 125. A unit of another utility (a power row in m³) is refused.
     */
    static BigDecimal number(Candidate c, String field, String text, Utility utility) {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        Matcher unit = UNIT_AFTER.matcher(digits);
        if (unit.matches()) {
            digits = unit.group(1).strip();
            Set<Utility> of = unitOf(unit.group(2));
            if (utility != null && !of.contains(utility)) {
                c.problem(field, "utilities.import.number.unit", text,
                        new org.springframework.context.support.DefaultMessageSourceResolvable(
                                "utilities.utility." + utility.name()), utility.unit);
                return null;
            }
        }
        if (digits.indexOf(',') >= 0 && !THOUSANDS.matcher(digits).matches()) {
            // a decimal comma (6,5), as some spreadsheets write it: the supplier's clerk is told how to write it
            c.problem(field, "utilities.import.number.comma", text);
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(digits.replace(",", ""));
        } catch (NumberFormatException e) {
            c.problem(field, "utilities.import.number.unreadable", text);
            return null;
        }
        if (value.signum() < 0) {
            c.problem(field, "utilities.import.number.negative", text);
            return null;
        }
        if (value.compareTo(MAX_NUMBER) > 0 || value.scale() > 3) {
            c.problem(field, "utilities.import.number.unreadable", text);
            return null;
        }
        return value;
    }

    static String text(Candidate c, String field, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            c.problem(field, "housing.text.tooLong", MAX_TEXT);
            return null;
        }
        return text;
    }

    static Map<String, Object> state(Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placeId", r.placeId());
        m.put("utility", r.utility().name());
        m.put("month", r.month().toString());
        m.put("meter", r.meter());
        m.put("reading", r.reading() == null ? null : r.reading().toPlainString());
        m.put("consumption", r.consumption().toPlainString());
        m.put("supplier", r.supplier());
        return m;
    }
}
