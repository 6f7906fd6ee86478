package org.fengqiao.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.population.IdentityNumber;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Import of N generated persons (default 1,000,000) from one CSV, beside a plain PostgreSQL COPY of the
 * same file into a bare table, in the same run and the same database.
 *
 * <p>The application runs as it does in production: its own embedded PostgreSQL (fsync and synchronous
 * commit on), the demo district loaded, and the file goes in through the HTTP job API
 * ({@code POST /api/v1/imports}, then {@code GET /api/v1/imports/{id}} until the job is done), signed in as
 * {@code bureau}. The persons live in households of one to five with an address each, spread over the
 * demo's police grids; their identity numbers are valid GB 11643 numbers of division 320724, apart from
 * the demo population (320722) and the search bench (320723).
 *
 * <p>Usage: {@code ImportBenchmark [persons] [rounds] [again]}. With several rounds the bench persons are
 * deleted between rounds and both measurements repeat, which shows the noise of a shared machine; with
 * {@code again} the same file is imported a second time in each round (nothing may change). With
 * {@code -DholdSeconds=N} the database stays up N seconds after the last round, its address printed, for psql.
 */
public final class ImportBenchmark {

    static final String HEADER = "姓名,身份证号,性别,出生日期,民族,电话,网格编码,户号,与户主关系,居住类型,登记日期,地址,职业,工作单位";
    static final String[] RELATIONS = {"户主", "配偶", "子女", "子女", "父母"};
    static final String[] OCCUPATIONS = {"农民", "个体经营", "工人", "教师", "学生", "退休", "司机", "厨师", "无业", "公司职员"};
    static final String[] WORKPLACES = {"灌南县人民医院", "新安镇中心小学", "县城建公司", "汤沟酒厂", "镇卫生院"};
    static final String[] TOWNS = {"新安镇", "堆沟港镇", "田楼镇", "北陈集镇", "张店镇", "三口镇", "孟兴庄镇", "汤沟镇", "百禄镇", "新集镇"};

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean again = args.length > 2 && args[2].equals("again");
        long benchStarted = System.nanoTime();
        Path dir = Files.createTempDirectory("fengqiao-import-bench");
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'C');
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                "--server.port=0", "--fengqiao.demo=true", "--fengqiao.personal-data.key=" + key,
                "--fengqiao.db.data-dir=" + dir.resolve("pg"), "--logging.level.root=WARN",
                "--logging.level.org.fengqiao.population.internal.PersonImport=" + System.getProperty("importLog", "WARN"));
        try {
            DataSource ds = app.getBean(DataSource.class);
            String tune = System.getProperty("pgTune");
            if (tune != null) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    for (String setting : tune.split(";")) {
                        s.execute("ALTER SYSTEM SET " + setting);
                    }
                    s.execute("SELECT pg_reload_conf()");
                }
                System.out.println("server settings for this run: " + tune);
            }
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Path csv = dir.resolve("persons.csv");
            long t = System.nanoTime();
            List<String> grids = grids(ds);
            Generated generated = generate(csv, persons, grids);
            System.out.printf(Locale.ROOT, "generated %,d persons in %,d households over %d grids: %s, %.0f MB, in %.1f s%n",
                    persons, generated.households(), grids.size(), csv.getFileName(), Files.size(csv) / 1e6,
                    (System.nanoTime() - t) / 1e9);
            String token = token(port);
            long postgres = Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid")).get(0).strip());
            System.out.printf(Locale.ROOT, "%-6s %-34s %10s %12s %12s %12s%n", "round", "path", "seconds", "rows/s",
                    "cpu java s", "cpu pg s");
            // Smaller imports of the same kind compile the import's code paths (the JIT would otherwise spend
            // processor seconds of the measured run), their rows removed again after each: at least two, then until
            // one compiles for less than a tenth of its time, at most five.
            Path warmUp = dir.resolve("warm-up.csv");
            generate(warmUp, Math.min(100_000, persons), grids);
            java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            for (int warmRound = 1; warmRound <= 5; warmRound++) {
                long compiled = jit.getTotalCompilationTime();
                Outcome warm = importThroughApi(port, token, warmUp);
                clear(ds);
                long compiling = jit.getTotalCompilationTime() - compiled;
                System.out.printf(Locale.ROOT, "warm-up %d: %,d persons imported and removed again, %.1f s, the JIT "
                        + "compiled for %.1f s%n", warmRound, warm.job().path("createdRows").asLong(), warm.seconds(),
                        compiling / 1e3);
                if (warmRound >= 2 && compiling < warm.seconds() * 100) {
                    break;
                }
            }
            for (int round = 1; round <= rounds; round++) {
                if (round > 1) {
                    clear(ds);
                }
                Cpu cpu = Cpu.now(postgres);
                double copy = plainCopy(ds, csv);
                report(round, "plain COPY into a bare table", copy, persons, cpu.since(postgres));
                cpu = Cpu.now(postgres);
                Server before = Server.now(ds);
                Map<String, Double> threads = threadCpu();
                Map<String, Double> pgKinds = Cpu.byKind(postgres);
                Outcome imported = importThroughApi(port, token, csv);
                report(round, "application import (HTTP job API)", imported.seconds(), persons, cpu.since(postgres));
                System.out.printf(Locale.ROOT, "%-6s   %s%n", "", Server.now(ds).since(before));
                System.out.printf(Locale.ROOT, "%-6s   java cpu s by thread: %s%n", "", since(threads));
                System.out.printf(Locale.ROOT, "%-6s   postgres cpu s by process: %s%n", "",
                        Cpu.byKindSince(pgKinds, Cpu.byKind(postgres)));
                System.out.printf(Locale.ROOT, "%-6s   upload %.1f s, job %.1f s; created %,d, updated %,d, unchanged %,d, "
                        + "failed %,d; ratio import/COPY time: %.1fx%n", "", imported.uploadSeconds(),
                        imported.seconds() - imported.uploadSeconds(), imported.job().path("createdRows").asLong(),
                        imported.job().path("updatedRows").asLong(), imported.job().path("unchangedRows").asLong(),
                        imported.job().path("failedRows").asLong(), imported.seconds() / copy);
                check(ds, imported.job(), persons);
                if (again) {
                    cpu = Cpu.now(postgres);
                    Outcome second = importThroughApi(port, token, csv);
                    report(round, "same file again (all unchanged)", second.seconds(), persons, cpu.since(postgres));
                    if (second.job().path("unchangedRows").asLong() != persons) {
                        throw new IllegalStateException("the second import changed something: " + second.job());
                    }
                }
            }
            long hold = Long.getLong("holdSeconds", 0);
            if (hold > 0) {
                // to look at the imported database (EXPLAIN, sizes) with psql before it is deleted
                try (Connection c = ds.getConnection()) {
                    System.out.printf(Locale.ROOT, "database kept for %d s: %s%n", hold, c.getMetaData().getURL());
                }
                Thread.sleep(hold * 1000);
            }
        } finally {
            app.close();
            deleteQuietly(dir);
        }
        System.out.println(KernelReclaim.describe());
        System.out.printf(Locale.ROOT, "wall time of the bench (start, demo load, generation, measurements): %.0f s%n",
                (System.nanoTime() - benchStarted) / 1e9);
    }

    /** The bench's database and files are gigabytes: they go when it ends. */
    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    record Generated(int households) {
    }

    record Outcome(double seconds, double uploadSeconds, JsonNode job) {
    }

    static void report(int round, String path, double seconds, int rows, Cpu cpu) {
        System.out.printf(Locale.ROOT, "%-6d %-34s %10.2f %,12.0f %12.1f %12.1f%n", round, path, seconds, rows / seconds,
                cpu.java(), cpu.postgres());
    }

    /**
     * Processor seconds spent by this JVM and by the PostgreSQL server (postmaster, its live processes, and those
     * that ended: their time is added to the postmaster's children's time). Other work on a shared machine
     * lengthens the wall time of a measurement much more than its processor time.
     */
    record Cpu(double java, double postgres) {
        static final double TICK = 100.0;

        static Cpu now(long postmaster) throws Exception {
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            double postgres = byKind(postmaster).values().stream().mapToDouble(Double::doubleValue).sum();
            return new Cpu(jvm, postgres);
        }

        Cpu since(long postmaster) throws Exception {
            Cpu now = now(postmaster);
            return new Cpu(now.java - java, now.postgres - postgres);
        }

        /**
         * PostgreSQL's processor seconds so far by kind of process: the backends (the application's connections)
         * together, each auxiliary process (WAL writer, checkpointer, ...) by its title, and the processes that
         * have ended (autovacuum workers, mostly) together.
         */
        static Map<String, Double> byKind(long postmaster) throws Exception {
            Map<String, Double> kinds = new java.util.TreeMap<>();
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String stat;
                    String title;
                    try {
                        stat = Files.readString(p.resolve("stat"));
                        title = Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip();
                    } catch (IOException gone) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster) {
                        kinds.merge("ended processes", (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICK, Double::sum);
                        kinds.merge("postmaster", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK, Double::sum);
                    } else if (ppid == postmaster) {
                        String kind = title.startsWith("postgres: ") ? title.substring(10) : title;
                        // "user database host(port) STATEMENT" for a backend; "walwriter", "autovacuum worker" otherwise
                        kind = kind.matches("\\S+ \\S+ \\S+\\(\\d+\\).*") ? "backends" : kind.replaceAll("\\s+\\S*\\d.*$", "");
                        kinds.merge(kind, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK, Double::sum);
                    }
                }
            }
            return kinds;
        }

        static String byKindSince(Map<String, Double> before, Map<String, Double> after) {
            StringBuilder out = new StringBuilder();
            after.forEach((kind, seconds) -> {
                double d = seconds - before.getOrDefault(kind, 0.0);
                if (d >= 0.05) {
                    out.append(out.length() == 0 ? "" : ", ").append(kind).append(' ')
                            .append(String.format(Locale.ROOT, "%.1f", d));
                }
            });
            return out.toString();
        }
    }

    static List<String> grids(DataSource ds) throws Exception {
        List<String> codes = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT code FROM grid WHERE network = 'POLICE' ORDER BY code")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /** Households of one to five persons, the head first, each with its address in one grid. */
    static Generated generate(Path csv, int count, List<String> grids) throws Exception {
        Random random = new Random(2026);
        int households = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(256);
            int i = 0;
            while (i < count) {
                households++;
                int size = Math.min(count - i, 1 + random.nextInt(5));
                String grid = grids.get(households % grids.size());
                String number = "B724-" + (10_000_000 + households);
                String town = TOWNS[households % TOWNS.length];
                String address = "江苏省连云港市灌南县" + town + "第" + (1 + households / 2000 % 50) + "村" + (1 + households / 100 % 20)
                        + "组" + (1 + households % 100) + "号-" + households;
                String surname = SearchBenchmark.SURNAME_LIST[SearchBenchmark.draw(SearchBenchmark.SURNAME_CUMULATIVE, random)];
                boolean floating = random.nextInt(8) == 0;
                for (int member = 0; member < size; member++, i++) {
                    // (birth day, sequence) is unique per i: 29,000 days (about 80 years) times up to 500 per day
                    LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 29_000);
                    boolean male = random.nextBoolean();
                    int order = (i / 29_000) * 2 + (male ? 1 : 0);
                    String body = "320724" + birth.toString().replace("-", "") + (char) ('0' + order / 100)
                            + (char) ('0' + order / 10 % 10) + (char) ('0' + order % 10);
                    String id = body + IdentityNumber.checkCharacter(body);
                    String given = givenCharacter(random)
                            + (random.nextInt(3) == 0 ? "" : givenCharacter(random));
                    String name = (member == 1 ? SearchBenchmark.SURNAME_LIST[SearchBenchmark.draw(SearchBenchmark.SURNAME_CUMULATIVE, random)]
                            : surname) + given;
                    line.setLength(0);
                    line.append(name).append(',').append(id).append(',').append(male ? "男" : "女").append(',')
                            .append(random.nextBoolean() ? birth.toString() : "").append(',')
                            .append(random.nextInt(20) == 0 ? "回族" : "汉").append(',');
                    if (random.nextInt(10) < 7) {
                        line.append('1').append(3 + random.nextInt(7)).append(Long.toString(1_000_000_000L + random.nextInt(1_000_000_000)),
                                1, 10);
                    }
                    line.append(',').append(grid).append(',').append(number).append(',').append(RELATIONS[member]).append(',')
                            .append(floating ? "流动" : "常住").append(',')
                            .append(floating ? LocalDate.of(2024, 1, 1).plusDays(random.nextInt(600)).toString() : "").append(',')
                            .append(address).append(',')
                            .append(random.nextInt(10) < 6 ? OCCUPATIONS[random.nextInt(OCCUPATIONS.length)] : "").append(',')
                            .append(random.nextInt(5) == 0 ? WORKPLACES[random.nextInt(WORKPLACES.length)] : "").append('\n');
                    out.append(line);
                }
            }
        }
        return new Generated(households);
    }

    /** The baseline: the same file, streamed by COPY (CSV, with its header) into a table of text columns and no index. */
    static double plainCopy(DataSource ds, Path csv) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_plain");
            s.execute("CREATE TABLE bench_plain (name text, id_number text, sex text, birth_date text, ethnicity text, "
                    + "phone text, grid_code text, household text, relation text, residence text, registered_on text, "
                    + "address text, occupation text, workplace text)");
            long started = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                long rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_plain FROM STDIN WITH (FORMAT csv, HEADER true)", in);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (rows <= 0) {
                    throw new IllegalStateException("COPY wrote no rows");
                }
                return seconds;
            }
        }
    }

    static String token(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bureau\",\"password\":\"Fengqiao-2026\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).get("token").asText();
    }

    /** From the first byte of the upload until the job says it is done. */
    static Outcome importThroughApi(int port, String token, Path csv) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String boundary = "----bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\nfalse\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"persons.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest upload = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.send(upload, HttpResponse.BodyHandlers.ofString());
        double uploaded = (System.nanoTime() - started) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String id = json.readTree(accepted.body()).get("id").asText();
        HttpRequest poll = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports/" + id))
                .header("Authorization", "Bearer " + token).build();
        while (true) {
            JsonNode job = json.readTree(http.send(poll, HttpResponse.BodyHandlers.ofString()).body());
            String status = job.path("status").asText();
            if (status.equals("DONE") || status.equals("FAILED")) {
                double seconds = (System.nanoTime() - started) / 1e9;
                if (status.equals("FAILED")) {
                    throw new IllegalStateException("the import failed: " + job);
                }
                return new Outcome(seconds, uploaded, job);
            }
            Thread.sleep(250);
        }
    }

    /** Processor seconds of this JVM's threads so far, grouped by what they do (from /proc/self/task). */
    static Map<String, Double> threadCpu() throws IOException {
        Map<String, Double> groups = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / Cpu.TICK;
                String group = name.startsWith("person-import") || name.startsWith("ForkJoinPool") ? name.replaceAll("-\\d+$", "")
                        : name.startsWith("GC Thread") || name.startsWith("G1") ? "gc"
                        : name.startsWith("C1 ") || name.startsWith("C2 ") ? "jit"
                        : name.startsWith("http-nio") ? "http" : "other";
                groups.merge(group, seconds, Double::sum);
            }
        }
        return groups;
    }

    static String since(Map<String, Double> before) throws IOException {
        StringBuilder b = new StringBuilder();
        threadCpu().forEach((group, seconds) -> {
            double used = seconds - before.getOrDefault(group, 0.0);
            if (used >= 0.05) {
                b.append(b.length() == 0 ? "" : ", ").append(group).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", used));
            }
        });
        return b.toString();
    }

    /** What the server did besides: write-ahead log written, checkpoints, pages read and written by backends. */
    record Server(long walBytes, long checkpoints, long reads, long writes, long walRecords, long fullPages) {
        static Server now(DataSource ds) throws Exception {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
                                   (SELECT num_timed + num_requested FROM pg_stat_checkpointer),
                                   (SELECT coalesce(sum(reads), 0) FROM pg_stat_io WHERE backend_type = 'client backend'),
                                   (SELECT coalesce(sum(writes), 0) FROM pg_stat_io WHERE backend_type = 'client backend'),
                                   (SELECT wal_records FROM pg_stat_wal), (SELECT wal_fpi FROM pg_stat_wal)""")) {
                rs.next();
                return new Server(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
            }
        }

        String since(Server before) {
            return String.format(Locale.ROOT, "server: %,d MB of WAL in %,d records (%,d full-page images), %d checkpoints, "
                    + "backends read %,d and wrote %,d pages", (walBytes - before.walBytes) >> 20, walRecords - before.walRecords,
                    fullPages - before.fullPages, checkpoints - before.checkpoints, reads - before.reads, writes - before.writes);
        }
    }

    /** Every generated person is in the table, once, in a household. */
    static void check(DataSource ds, JsonNode job, int persons) throws Exception {
        if (job.path("createdRows").asLong() != persons || job.path("failedRows").asLong() != 0) {
            throw new IllegalStateException("expected " + persons + " created and none failed: " + job);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(household_id) FROM person WHERE id_masked LIKE '320724%'")) {
            rs.next();
            if (rs.getLong(1) != persons || rs.getLong(2) != persons) {
                throw new IllegalStateException("stored " + rs.getLong(1) + " persons, " + rs.getLong(2) + " in a household");
            }
        }
    }

    /** Removes the bench's persons, households and addresses so that the next round starts as the first did. */
    static void clear(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM person WHERE id_masked LIKE '320724%'");
            s.execute("DELETE FROM household WHERE number LIKE 'B724-%'");
            s.execute("DELETE FROM address WHERE full_text LIKE '江苏省连云港市灌南县%'");
            s.execute("VACUUM ANALYZE person");
            s.execute("VACUUM ANALYZE household");
            s.execute("VACUUM ANALYZE address");
        }
    }

    /** One character of a given name, drawn with the search bench's frequencies. */
    static String givenCharacter(Random random) {
        return new String(Character.toChars(
                SearchBenchmark.GIVEN_CODEPOINTS[SearchBenchmark.draw(SearchBenchmark.GIVEN_CUMULATIVE, random)]));
    }
}
