package org.fengqiao.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.stream.LongStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.internal.ChineseNames;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Person search over a generated county of N persons (default 1,000,000) through the HTTP API with 8
 * concurrent clients — a two-character name fragment, two or three letters of pinyin initials, the last 6
 * characters of an identity number — beside the same questions put through JDBC with 8 threads to a plain
 * pg_trgm {@code ILIKE} over a bare table holding the same persons in the clear, in the same run and the
 * same database. Also measured in the same run: {@code /actuator/health} (no sign-in) and
 * {@code /api/v1/me} (bearer token, one query, JSON), the fixed cost of any API request.
 *
 * <p>Usage: {@code bench/search.sh [--persons N] [--requests N] [--clients N] [--users bureau,chief]
 * [--data DIR]}. With {@code --data} the database is kept in DIR and reused by the next run with the
 * same number of persons; without it, it lives in a temporary directory removed at the end.
 */
public final class SearchBenchmark {

    /** Bump when the generated data changes, so a kept data directory is loaded again. */
    static final int GENERATOR_VERSION = 5;
    static final String KEY = Base64.getEncoder().encodeToString("fengqiao-search-benchmark-key-32".getBytes(StandardCharsets.US_ASCII));
    static final String PASSWORD = "Fengqiao-2026";
    static final int PAGE_SIZE = 20;

    record Options(int persons, int requests, int baselineRequests, int clients, double rate, List<String> users, Path data,
            boolean keep, boolean loadOnly, boolean openOnly, List<Kind> kinds, boolean baselines) {

        static Options parse(String[] args) throws IOException {
            int persons = 1_000_000;
            int requests = 4_000;
            int baseline = 400;
            int clients = 8;
            double rate = 200;
            List<String> users = List.of("bureau", "chief");
            Path data = null;
            boolean loadOnly = false;
            boolean openOnly = false;
            List<Kind> kinds = List.of(Kind.values());
            boolean baselines = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--load-only")) {
                    loadOnly = true;
                    continue;
                }
                if (a.equals("--open-only")) {
                    openOnly = true;
                    continue;
                }
                if (a.equals("--no-baseline")) {
                    baselines = false;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--persons" -> persons = Integer.parseInt(value);
                    case "--requests" -> requests = Integer.parseInt(value);
                    case "--baseline-requests" -> baseline = Integer.parseInt(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--users" -> users = List.of(value.split(","));
                    case "--data" -> data = Path.of(value).toAbsolutePath();
                    case "--kinds" -> kinds = java.util.Arrays.stream(value.split(","))
                            .map(k -> Kind.valueOf(k.trim().toUpperCase(Locale.ROOT))).toList();
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (known: --persons --requests --baseline-requests --clients --rate --users --data --kinds --load-only --open-only "
                            + "--no-baseline)");
                }
                i++;
            }
            boolean keep = data != null;
            if (data == null) {
                data = Files.createTempDirectory("fengqiao-search-bench");
            }
            return new Options(persons, requests, baseline, clients, rate, users, data, keep, loadOnly, openOnly, kinds,
                    baselines);
        }
    }

    public static void main(String[] args) throws Exception {
        long runStarted = System.nanoTime();
        Options options = Options.parse(args);
        boolean reuse = reusable(options);
        if (!reuse) {
            deleteTree(options.data());
        }
        Files.createDirectories(options.data());
        // The settings of the platform's own embedded server (fsync and synchronous commit on, C.UTF-8),
        // with shared buffers sized for a million persons as a county deployment would be.
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(options.data().resolve("pg"))
                .setCleanDataDirectory(false).setLocaleConfig("locale", "C.UTF-8").setLocaleConfig("encoding", "UTF8")
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("timezone", "Asia/Shanghai")
                .setServerConfig("shared_buffers", "512MB").setServerConfig("max_connections", "100")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                    "--server.port=0", "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                    "--fengqiao.db.password=postgres", "--fengqiao.demo=true", "--fengqiao.personal-data.key=" + KEY,
                    "--fengqiao.db.data-dir=" + options.data().resolve("app"), "--logging.level.root=WARN",
                    // no escalation sweep: the kept database's demo reports fall due between runs, and the sweep's
                    // minute-by-minute moves of that backlog ran beside the first rows (a sixth of a core)
                    "--fengqiao.incident.escalation.sweep-cron=-");
            try {
                PersonalDataCipher cipher = app.getBean(PersonalDataCipher.class);
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                    double loadSeconds = 0;
                    if (reuse) {
                        System.out.printf(Locale.ROOT, "reusing the %,d persons in %s%n", options.persons(), options.data());
                    } else {
                        loadSeconds = new Loader(c, cipher, options.persons()).load();
                        writeMarker(options);
                    }
                    if (options.loadOnly()) {
                        return;
                    }
                    new Run(options, url, port, c, cipher).go(loadSeconds);
                }
            } finally {
                app.close();
            }
        } finally {
            if (!options.keep()) {
                deleteTree(options.data());
            }
        }
        System.out.printf(Locale.ROOT, "bench run time %.0f s%n", (System.nanoTime() - runStarted) / 1e9);
    }

    static boolean reusable(Options options) throws IOException {
        Path marker = options.data().resolve("bench.properties");
        if (!options.keep() || !Files.exists(marker)) {
            return false;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            p.load(in);
        }
        return String.valueOf(options.persons()).equals(p.getProperty("persons"))
                && String.valueOf(GENERATOR_VERSION).equals(p.getProperty("generator"));
    }

    static void writeMarker(Options options) throws IOException {
        if (!options.keep()) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("persons", String.valueOf(options.persons()));
        p.setProperty("generator", String.valueOf(GENERATOR_VERSION));
        try (OutputStream out = Files.newOutputStream(options.data().resolve("bench.properties"))) {
            p.store(out, "SearchBenchmark data; delete this file to load again");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The generated county

    /**
     * Surnames with their approximate share of the population in percent (Ministry of Public Security
     * figures of recent years), ending with rarer ones including those with special readings.
     */
    static final String SURNAMES = "王7.1 李7.0 张6.7 刘5.4 陈4.6 杨3.2 黄2.4 赵2.2 吴2.0 周1.9 徐1.6 孙1.5 马1.3 朱1.3 胡1.2 "
            + "郭1.1 何1.1 高1.0 林1.0 罗0.9 郑0.9 梁0.8 谢0.7 宋0.7 唐0.6 许0.6 韩0.6 冯0.6 邓0.6 曹0.6 彭0.5 曾0.5 "
            + "肖0.5 田0.5 董0.5 袁0.5 潘0.5 于0.5 蒋0.5 蔡0.4 余0.4 杜0.4 叶0.4 程0.4 苏0.4 魏0.4 吕0.4 丁0.4 任0.4 "
            + "沈0.3 姚0.3 卢0.3 姜0.3 崔0.3 钟0.3 谭0.3 陆0.3 汪0.3 范0.3 金0.2 石0.2 廖0.2 贾0.2 夏0.2 韦0.2 付0.2 "
            + "方0.2 白0.2 邹0.2 孟0.1 熊0.1 秦0.1 邱0.1 江0.1 尹0.1 薛0.1 闫0.1 段0.1 雷0.1 侯0.1 龙0.1 史0.1 陶0.1 "
            + "黎0.1 贺0.1 顾0.1 毛0.1 郝0.1 龚0.1 邵0.1 万0.1 钱0.1 严0.1 覃0.1 武0.1 戴0.1 莫0.1 孔0.1 向0.1 汤0.1 "
            + "单0.05 仇0.03 解0.03 区0.01 朴0.02 查0.02 盖0.02 欧阳0.05 诸葛0.01";
    /**
     * Characters of given names, most used first; drawn with Zipf weights (s = 0.6), which makes the most
     * common two-character fragments (李伟, 张伟, 王伟) match about 5,000 persons in a million.
     */
    static final String GIVEN = "伟秀英华建国玉文明志军海兰平红春桂金云芳丽敏静强磊洋勇艳杰娟涛超霞刚德燕梅婷晓东丹波凤淑珍"
            + "子涵浩然欣怡宇轩梓一诺俊雨思远家豪诗佳嘉鑫鹏辉斌飞宁玲琳萍颖雪慧荣林成新晨阳博晶莉倩欢凯龙峰翔亮"
            + "立永胜光福生祥宏小维瑞泽睿铭昊天翠芬琴惠振庆卫亮秋菊冬夏梦琪若曦航萱鸣语嫣雅紫熙沐宸昕彤可安乐心"
            + "桐奕辰皓懿煜城烨苑弘运君展花";
    static final String[] SURNAME_LIST;
    static final double[] SURNAME_CUMULATIVE;
    static final int[] GIVEN_CODEPOINTS = GIVEN.codePoints().distinct().toArray();
    static final double[] GIVEN_CUMULATIVE;

    static {
        String[] entries = SURNAMES.split(" ");
        SURNAME_LIST = new String[entries.length];
        SURNAME_CUMULATIVE = new double[entries.length];
        double sum = 0;
        for (int i = 0; i < entries.length; i++) {
            Matcher m = Pattern.compile("(\\D+)([0-9.]+)").matcher(entries[i]);
            if (!m.matches()) {
                throw new IllegalStateException(entries[i]);
            }
            SURNAME_LIST[i] = m.group(1);
            sum += Double.parseDouble(m.group(2));
            SURNAME_CUMULATIVE[i] = sum;
        }
        for (int i = 0; i < entries.length; i++) {
            SURNAME_CUMULATIVE[i] /= sum;
        }
        GIVEN_CUMULATIVE = new double[GIVEN_CODEPOINTS.length];
        double total = 0;
        for (int i = 0; i < GIVEN_CODEPOINTS.length; i++) {
            total += Math.pow(i + 1, -0.6);
            GIVEN_CUMULATIVE[i] = total;
        }
        for (int i = 0; i < GIVEN_CODEPOINTS.length; i++) {
            GIVEN_CUMULATIVE[i] /= total;
        }
    }

    static int draw(double[] cumulative, Random random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, i < 0 ? -i - 1 : i);
    }

    /** A surname and one (a quarter of people) or two characters of given name, rarely the same one twice. */
    static String name(Random random) {
        StringBuilder name = new StringBuilder(SURNAME_LIST[draw(SURNAME_CUMULATIVE, random)]);
        int first = GIVEN_CODEPOINTS[draw(GIVEN_CUMULATIVE, random)];
        name.appendCodePoint(first);
        if (random.nextInt(4) != 0) {
            int second = GIVEN_CODEPOINTS[draw(GIVEN_CUMULATIVE, random)];
            while (second == first && random.nextInt(20) != 0) {
                second = GIVEN_CODEPOINTS[draw(GIVEN_CUMULATIVE, random)];
            }
            name.appendCodePoint(second);
        }
        return name.toString();
    }

    /** Days of birth (80 years) times sequence numbers 001-999: each person i gets a distinct pair. */
    static final long BODIES = 29_200L * 999;
    static final String[] DIVISIONS = {"320723", "320723", "320723", "320724", "320706", "320721", "320703", "321322"};

    /** A valid identity number, distinct for every i below 29 million (none in 320722, the demo's county). */
    static String idNumber(int i) {
        long x = Math.floorMod(i * 1_000_003L + 7_777L, BODIES);
        LocalDate birth = LocalDate.of(1936, 1, 1).plusDays(x / 999);
        String body = DIVISIONS[(int) (x % DIVISIONS.length)] + birth.toString().replace("-", "")
                + String.format(Locale.ROOT, "%03d", x % 999 + 1);
        return body + IdentityNumber.checkCharacter(body);
    }

    /** Loads the county: addresses, households and persons through COPY, and the plain baseline table. */
    static final class Loader {
        static final int CHUNK = 20_000;
        static final String PERSON_COLUMNS = "id, grid_id, household_id, name, name_initials, name_pinyin, "
                + "id_cipher, id_index, id_last6, id_masked, phone_cipher, phone_index, phone_masked, sex, "
                + "birth_date, ethnicity, relation, residence, registered_on, content_hash";
        static final String[] RELATIONS = {"HEAD", "SPOUSE", "CHILD", "CHILD", "PARENT"};

        final Connection c;
        final PersonalDataCipher cipher;
        final int count;
        List<UUID> grids;
        List<String> gridCodes;

        Loader(Connection c, PersonalDataCipher cipher, int count) {
            this.c = c;
            this.cipher = cipher;
            this.count = count;
        }

        record Chunk(String addresses, String households, String persons, String plain) {
        }

        double load() throws Exception {
            long started = System.nanoTime();
            grids = new ArrayList<>();
            gridCodes = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, code FROM grid WHERE network = 'POLICE' ORDER BY code")) {
                while (rs.next()) {
                    grids.add(rs.getObject(1, UUID.class));
                    gridCodes.add(rs.getString(2));
                }
            }
            List<String> indexes = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_plain");
                s.execute("CREATE TABLE bench_plain (name text, initials text, id_number text, grid_id uuid)");
                // Secondary indexes are dropped for the load and built again after it from their own
                // definitions, so whatever the migrations define is what the search runs on.
                try (ResultSet rs = s.executeQuery("""
                        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                          FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                         WHERE t.relname IN ('person', 'household', 'address') AND t.relnamespace = 'public'::regnamespace
                           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")) {
                    while (rs.next()) {
                        indexes.add(rs.getString(2));
                        try (Statement d = c.createStatement()) {
                            d.execute("DROP INDEX " + rs.getString(1));
                        }
                    }
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            ArrayBlockingQueue<Future<Chunk>> pending = new ArrayBlockingQueue<>(4);
            int chunks = (count + CHUNK - 1) / CHUNK;
            int submitted = 0;
            for (int done = 0; done < chunks; done++) {
                while (submitted < chunks && pending.remainingCapacity() > 0) {
                    int from = submitted++ * CHUNK;
                    pending.add(pool.submit(() -> chunk(from, Math.min(count, from + CHUNK))));
                }
                Chunk chunk = pending.take().get();
                copy.copyIn("COPY address (id, grid_id, full_text) FROM STDIN", new StringReader(chunk.addresses()));
                copy.copyIn("COPY household (id, grid_id, address_id) FROM STDIN", new StringReader(chunk.households()));
                copy.copyIn("COPY person (" + PERSON_COLUMNS + ") FROM STDIN", new StringReader(chunk.persons()));
                copy.copyIn("COPY bench_plain FROM STDIN", new StringReader(chunk.plain()));
            }
            pool.shutdown();
            double copied = (System.nanoTime() - started) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("SET maintenance_work_mem = '512MB'");
                s.execute("SET max_parallel_maintenance_workers = 2");
                for (String index : indexes) {
                    s.execute(index);
                }
                s.execute("CREATE INDEX bench_plain_name ON bench_plain USING gin (name gin_trgm_ops)");
                s.execute("CREATE INDEX bench_plain_initials ON bench_plain USING gin (initials gin_trgm_ops)");
                s.execute("CREATE INDEX bench_plain_id ON bench_plain USING gin (id_number gin_trgm_ops)");
                s.execute("VACUUM ANALYZE");
                s.execute("CHECKPOINT");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "loaded %,d persons (encrypted numbers and phones, blind indexes, households "
                    + "and addresses) and the plain table in %.0f s (COPY %.0f s, indexes and VACUUM ANALYZE %.0f s)%n",
                    count, seconds, copied, seconds - copied);
            return seconds;
        }

        /** Persons from..to, in households of 1 to 5 in one grid each; deterministic per chunk. */
        Chunk chunk(int from, int to) {
            Random random = new Random(2026L * 1_000_003L + from);
            StringBuilder addresses = new StringBuilder();
            StringBuilder households = new StringBuilder();
            StringBuilder persons = new StringBuilder((to - from) * 420);
            StringBuilder plain = new StringBuilder((to - from) * 80);
            HexFormat hex = HexFormat.of();
            int i = from;
            while (i < to) {
                int size = Math.min(to - i, 1 + random.nextInt(5));
                int g = random.nextInt(grids.size());
                UUID grid = grids.get(g);
                UUID address = UUID.randomUUID();
                UUID household = UUID.randomUUID();
                addresses.append(address).append('\t').append(grid).append('\t').append("江苏省连云港市东海县")
                        .append(gridCodes.get(g)).append("网格幸福路").append(i).append("号").append('\n');
                households.append(household).append('\t').append(grid).append('\t').append(address).append('\n');
                for (int k = 0; k < size; k++, i++) {
                    String name = name(random);
                    String number = idNumber(i);
                    IdentityNumber id = IdentityNumber.parse(number);
                    String phone = "1" + "3578".charAt(random.nextInt(4)) + String.format(Locale.ROOT, "%09d", random.nextInt(1_000_000_000));
                    String initials = ChineseNames.initials(name);
                    boolean floating = random.nextInt(10) == 0;
                    persons.append(UUID.randomUUID()).append('\t').append(grid).append('\t').append(household).append('\t')
                            .append(name).append('\t')
                            .append(initials).append('\t').append(ChineseNames.fullPinyin(name)).append('\t')
                            .append("\\\\x").append(hex.formatHex(cipher.encrypt(number))).append('\t')
                            .append(cipher.blindIndex("id", number)).append('\t')
                            .append(cipher.blindIndex("id-last6", id.last6())).append('\t')
                            .append(id.masked()).append('\t')
                            .append("\\\\x").append(hex.formatHex(cipher.encrypt(phone))).append('\t')
                            .append(cipher.blindIndex("phone", phone)).append('\t')
                            .append(phone, 0, 3).append("****").append(phone, 7, 11).append('\t')
                            .append(id.sex()).append('\t').append(id.birthDate()).append('\t').append("01").append('\t')
                            .append(RELATIONS[Math.min(k, RELATIONS.length - 1)]).append('\t')
                            .append(floating ? "FLOATING" : "PERMANENT").append('\t')
                            .append(floating ? "2025-0" + (1 + random.nextInt(9)) + "-15" : "\\N").append('\t')
                            .append("bench").append('\n');
                    plain.append(name).append('\t').append(initials).append('\t').append(number).append('\t')
                            .append(grid).append('\n');
                }
            }
            return new Chunk(addresses.toString(), households.toString(), persons.toString(), plain.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The measurements

    /**
     * A minimal HTTP/1.1 client on one kept-alive socket, one per client thread: GET, a status line, headers,
     * a body by length or in chunks. The JDK's HttpURLConnection costs the shared cores several times more per
     * request, which would be charged to the server it measures; real clients run on other machines.
     */
    static final class LeanHttp {
        final int port;
        java.net.Socket socket;
        java.io.BufferedInputStream in;
        OutputStream out;

        LeanHttp(int port) {
            this.port = port;
        }

        /** The body of a 200 answer; anything else throws. */
        String get(String path, String token) throws IOException {
            if (socket == null) {
                socket = new java.net.Socket("localhost", port);
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 4096);
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String status = line();
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("connection:") && h.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            }
            if (close) {
                socket.close();
                socket = null;
            }
            String text = body.toString(StandardCharsets.UTF_8);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(status + " " + text);
            }
            return text;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    /** CPU time of this JVM, of the embedded database's processes (Linux /proc), and the load average. */
    static final class Cpu {
        static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

        static long process() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** user + system time of the postmaster and of every process it started, by pid, in nanoseconds (empty without /proc). */
        static Map<Long, Long> database(Path dataDir) {
            Map<Long, Long> cpu = new java.util.HashMap<>();
            try {
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
                try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                    for (Path proc : (Iterable<Path>) procs::iterator) {
                        if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                            continue;
                        }
                        String stat;
                        try {
                            stat = Files.readString(proc.resolve("stat"));
                        } catch (IOException gone) {
                            continue;
                        }
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(proc.getFileName().toString());
                        if (pid == postmaster) {
                            // with what its children that ended used (autovacuum workers come and go): the
                            // postmaster reaps them, and the kernel adds their time to its children's time
                            cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                                    + Long.parseLong(f[14])) * NANOS_PER_TICK);
                        } else if (Long.parseLong(f[1]) == postmaster) {
                            cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                cpu.clear();
            }
            return cpu;
        }

        /**
         * CPU the database's processes used between two snapshots; a process that ended meanwhile is counted once the
         * postmaster has reaped it (as its child), less what it had used before the first snapshot.
         */
        static long databaseSince(Map<Long, Long> before, Path dataDir) {
            return databaseByRole(before, dataDir).values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * What the processes of the first snapshot that have ended since had used by then: the postmaster's children
         * time now holds all of theirs, the part before the snapshot included, which must not be counted again. (A
         * search bench row after the pg_trgm baseline, whose eight connections were closed, was charged with all
         * their processor time: 13 ms a search.)
         */
        static long endedBefore(Map<Long, Long> before, Map<Long, Long> now, long postmaster) {
            long ended = 0;
            for (Map.Entry<Long, Long> then : before.entrySet()) {
                if (then.getKey() != postmaster && !now.containsKey(then.getKey())) {
                    ended += then.getValue();
                }
            }
            return ended;
        }

        /**
         * The same CPU by kind of process, from each one's title: the connections' backends, the WAL writer, the
         * checkpointer, the background writer, autovacuum workers, and the postmaster with the children it reaped.
         */
        static Map<String, Long> databaseByRole(Map<Long, Long> before, Path dataDir) {
            Map<String, Long> roles = new java.util.TreeMap<>();
            long postmaster;
            try {
                postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            } catch (IOException | RuntimeException e) {
                return roles;
            }
            Map<Long, Long> current = database(dataDir);
            roles.merge("postmaster and ended children", -endedBefore(before, current, postmaster), Long::sum);
            for (Map.Entry<Long, Long> now : current.entrySet()) {
                String title;
                try {
                    title = Files.readString(Path.of("/proc", String.valueOf(now.getKey()), "cmdline")).replace('\0', ' ');
                } catch (IOException gone) {
                    title = "";
                }
                String role = now.getKey() == postmaster ? "postmaster and ended children"
                        : title.contains("autovacuum") ? "autovacuum"
                        : title.contains("walwriter") ? "WAL writer"
                        : title.contains("checkpointer") ? "checkpointer"
                        : title.contains("background writer") ? "background writer"
                        : title.contains("(") ? "backends" : "other";
                roles.merge(role, now.getValue() - before.getOrDefault(now.getKey(), 0L), Long::sum);
            }
            return roles;
        }

        static double load() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** One round of a bench's warm-up. */
    interface WarmUpRound {
        void run(int round) throws Exception;
    }

    /** Where async-profiler writes the profiles of measured rows (-Dbench.asprof=DIR), or null: none. */
    static final String ASPROF = System.getProperty("bench.asprof");

    /**
     * Starts sampling the JVM's threads (processor time, every millisecond) for a measured row, with async-profiler,
     * whose jar must then be on the boot class path (see bench/README.md): unlike a flight recording, it throws no
     * compiled code away when it starts. Nothing without -Dbench.asprof.
     */
    static void profile() throws Exception {
        asprof("start,event=cpu,interval=1ms,threads");
    }

    /** Stops sampling and writes the row's collapsed stacks, with thread names, to DIR/row.collapsed. */
    static void profiled(String row) throws Exception {
        asprof("stop,collapsed,file=" + ASPROF + "/" + row + ".collapsed");
    }

    private static void asprof(String command) throws Exception {
        if (ASPROF == null) {
            return;
        }
        Class<?> type = Class.forName("one.profiler.AsyncProfiler");
        Object profiler = type.getMethod("getInstance").invoke(null);
        Object answer = type.getMethod("execute", String.class).invoke(profiler, command);
        System.out.println("async-profiler " + command + ": " + answer);
    }

    /**
     * Runs a bench's warm-up in rounds until the JIT has settled: at least three rounds, then until a round compiles
     * for less than a seventh of its time (it never stops altogether: about a tenth from the fourth round on), at
     * most eight. A fixed warm-up left C2 compiling for two more minutes of processor time on these 2 cores, through
     * the measured rows: charged to the requests' CPU and taking the cores from them (a health check measured
     * 0.87 ms of application CPU after one round, 0.24 after eight).
     */
    static void warmUp(WarmUpRound each) throws Exception {
        warmUp(8, each);
    }

    /** Rounds of {@code each} until one compiles for less than a seventh of its time (at least 3, at most {@code rounds}). */
    static void warmUp(int rounds, WarmUpRound each) throws Exception {
        long warm = System.nanoTime();
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean settled = false;
        for (int round = 1; round <= rounds && !settled; round++) {
            long started = System.nanoTime();
            long compiled = jit.getTotalCompilationTime();
            each.run(round);
            long compiling = jit.getTotalCompilationTime() - compiled;
            double millis = (System.nanoTime() - started) / 1e6;
            System.out.printf(Locale.ROOT, "warm-up round %d: %.1f s, the JIT compiled for %d ms%n", round, millis / 1000,
                    compiling);
            settled = round >= 3 && compiling < millis / 7;
        }
        System.out.printf(Locale.ROOT, "warm-up %.0f s%s%n", (System.nanoTime() - warm) / 1e9,
                settled ? "" : ", the JIT still compiling (the figures below count its processor time)");
    }

    enum Kind {
        NAME("two-character name fragment", "SELECT name FROM bench_plain WHERE name ILIKE ? ORDER BY name LIMIT 20"),
        INITIALS("pinyin initials (2-3 letters)", "SELECT name FROM bench_plain WHERE initials ILIKE ? ORDER BY name LIMIT 20"),
        ID_LAST6("last 6 of identity number", "SELECT name FROM bench_plain WHERE id_number ILIKE ? ORDER BY name LIMIT 20");

        final String label;
        final String baseline;

        Kind(String label, String baseline) {
            this.label = label;
            this.baseline = baseline;
        }

        String pattern(String value) {
            return switch (this) {
                case NAME -> "%" + value + "%";
                case INITIALS -> value + "%";
                case ID_LAST6 -> "%" + value;
            };
        }
    }

    /**
     * One measurement. cpu* are CPU milliseconds per request, which shared cores disturb far less than
     * latencies: the application (its JVM less the client threads), the database (the embedded server's
     * processes), the clients; load is the machine's one-minute load average when it ended.
     */
    record Result(String query, String path, double rate, int n, long[] sorted, double seconds, double meanTotal, double lowerBounds,
            double cpuApp, double cpuDb, double cpuClients, double load) {
        double percentile(double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    /** One request of a measurement: returns the number of matches it reported, or -1 when none is reported. */
    interface Call {
        long apply(int client, String value) throws Exception;
    }

    static final class Run {
        final Options options;
        final String url;
        final int port;
        final Connection c;
        final PersonalDataCipher cipher;
        final List<Result> results = new ArrayList<>();
        final Map<String, String> tokens = new LinkedHashMap<>();
        final Path pgData;

        Run(Options options, String url, int port, Connection c, PersonalDataCipher cipher) {
            this.options = options;
            this.pgData = options.data().resolve("pg");
            this.url = url;
            this.port = port;
            this.c = c;
            this.cipher = cipher;
        }

        void go(double loadSeconds) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            long persons = single("SELECT count(*) FROM person");
            Map<String, Long> visible = new LinkedHashMap<>();
            Map<String, Map<Kind, List<String>>> values = new LinkedHashMap<>();
            for (String user : options.users()) {
                tokens.put(user, token(user));
                visible.put(user, single("SELECT count(*) FROM person p JOIN grid g ON g.id = p.grid_id "
                        + "JOIN unit u ON u.id = g.unit_id WHERE u.path LIKE (" + unitPath(user) + ") || '%'"));
                values.put(user, sample(user));
            }
            System.out.printf(Locale.ROOT, "%,d persons in the database (%,d generated, the rest the demo district's); %d "
                    + "clients; %s%n", persons, options.persons(), options.clients(), visible.entrySet().stream()
                    .map(e -> e.getKey() + " sees " + String.format(Locale.ROOT, "%,d", e.getValue())).toList());
            System.out.println(KernelReclaim.describe());
            check(options.users().get(0), values.get(options.users().get(0)));

            // warm-up: every path, every kind, as every user, closed and open loop, in rounds until the JIT has settled
            String first = options.users().get(0);
            warmUp(round -> {
                for (Kind kind : Kind.values()) {
                    for (String user : options.users()) {
                        measure(kind.label, "warm-up", options.requests() / 4, values.get(user).get(kind), api(user, kind), false);
                        measure(kind.label, "warm-up", options.requests() / 8, values.get(user).get(kind), api(user, kind),
                                false, options.rate() > 0 ? options.rate() * 2 : 0);
                    }
                }
                measure("health", "warm-up", options.requests() / 4, List.of(""), health(), false);
                measure("me", "warm-up", options.requests() / 4, List.of(""), me(first), false);
            });

            measure("health (no sign-in)", "HTTP /actuator/health", options.requests(), List.of(""), health(), true);
            measure("me (bearer, 1 query)", "HTTP /api/v1/me", options.requests(), List.of(""), me(first), true);
            if (options.rate() > 0) {
                measure("health (no sign-in)", "HTTP /actuator/health", options.requests(), List.of(""), health(), options.rate());
                for (Kind kind : options.kinds()) {
                    for (String user : options.users()) {
                        measure(kind.label, "API as " + user, options.requests(), values.get(user).get(kind), api(user, kind),
                                options.rate());
                    }
                }
            }
            List<Kind> closed = options.openOnly() ? List.<Kind>of() : options.kinds();
            for (Kind kind : closed) {
                for (String user : options.users()) {
                    profile();
                    measure(kind.label, "API as " + user, options.requests(), values.get(user).get(kind), api(user, kind), true);
                    profiled("closed-" + kind.name().toLowerCase(Locale.ROOT) + "-" + user);
                }
            }
            // the baselines after every API row: the fragments' ILIKE walks the whole table for minutes on eight
            // connections, and the API row right after it came out slower than the others (its caches, its load)
            for (Kind kind : options.baselines() ? closed : List.<Kind>of()) {
                measure(kind.label, "pg_trgm ILIKE (JDBC)", kind == Kind.NAME ? options.baselineRequests()
                        : options.requests(), values.get(first).get(kind), baseline(kind), true);
                for (Connection own : baselineConnections) {
                    own.close();
                }
                baselineConnections.clear();
            }
            print(loadSeconds);
        }

        String unitPath(String user) {
            return "SELECT u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = '" + user + "'";
        }

        long single(String sql) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /**
         * Query values taken from generated persons the user sees, so frequent names are asked for as often
         * as they occur: a name fragment is the surname with the first given character (王伟) or, for half
         * of them, any other two consecutive characters of the name (伟芳); initials are the first two or
         * three letters; identity numbers their last six characters.
         */
        Map<Kind, List<String>> sample(String user) throws Exception {
            Map<Kind, List<String>> values = new LinkedHashMap<>();
            for (Kind k : Kind.values()) {
                values.put(k, new ArrayList<>());
            }
            Random random = new Random(7);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT b.name, b.initials, b.id_number FROM bench_plain b TABLESAMPLE BERNOULLI (1) REPEATABLE (2026)
                      JOIN grid g ON g.id = b.grid_id JOIN unit u ON u.id = g.unit_id
                     WHERE u.path LIKE (%s) || '%%' LIMIT 2000""".formatted(unitPath(user)))) {
                while (rs.next()) {
                    int[] name = rs.getString(1).codePoints().toArray();
                    int at = random.nextBoolean() ? 0 : random.nextInt(name.length - 1);
                    values.get(Kind.NAME).add(new String(name, at, 2));
                    String initials = rs.getString(2);
                    values.get(Kind.INITIALS).add(initials.substring(0, Math.min(initials.length(), 2 + random.nextInt(2))));
                    values.get(Kind.ID_LAST6).add(rs.getString(3).substring(12));
                }
            }
            return values;
        }

        /**
         * Before measuring: for 20 values of each kind, the total the API reports is what the plain table
         * and the demo district's persons give by direct SQL (capped the way the API caps it).
         */
        void check(String user, Map<Kind, List<String>> values) throws Exception {
            int checked = 0;
            int differ = 0;
            for (Kind kind : Kind.values()) {
                for (String value : values.get(kind).subList(0, 20)) {
                    String body = get(user, "/api/v1/persons?size=" + PAGE_SIZE + "&q=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                    long total = total(body);
                    boolean lower = body.contains("\"totalIsLowerBound\":true");
                    long expected = expected(kind, value);
                    boolean agrees = lower ? expected >= total : expected == total;
                    checked++;
                    if (!agrees) {
                        differ++;
                        System.out.printf(Locale.ROOT, "  differs: %s %s: API %d%s, SQL %d%n", kind, value, total,
                                lower ? "+" : "", expected);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "check: %d searches as %s, %d totals differ from direct SQL (expected: 0)%n",
                    checked, user, differ);
        }

        long expected(Kind kind, String value) throws Exception {
            String plain = "SELECT count(*) FROM bench_plain WHERE " + switch (kind) {
                case NAME -> "strpos(name, ?) > 0";
                case INITIALS -> "starts_with(initials, ?)";
                case ID_LAST6 -> "right(id_number, 6) = ?";
            };
            String demo = "SELECT count(*) FROM person WHERE content_hash <> 'bench' AND " + switch (kind) {
                case NAME -> "strpos(name, ?) > 0";
                case INITIALS -> "starts_with(name_initials, ?)";
                case ID_LAST6 -> "id_last6 = ?";
            };
            String demoValue = kind == Kind.ID_LAST6 ? cipher.blindIndex("id-last6", value) : value;
            long n = 0;
            for (String[] q : new String[][] {{plain, value}, {demo, demoValue}}) {
                try (PreparedStatement p = c.prepareStatement(q[0])) {
                    p.setString(1, q[1]);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
            }
            return n;
        }

        static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

        static long total(String body) {
            Matcher m = TOTAL.matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        Call api(String user, Kind kind) {
            return (client, value) -> {
                String body = get(user, "/api/v1/persons?size=" + PAGE_SIZE + "&q=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                long total = total(body);
                return body.contains("\"totalIsLowerBound\":true") ? -total - 2 : total;
            };
        }

        Call health() {
            return (client, value) -> {
                get(null, "/actuator/health");
                return -1;
            };
        }

        Call me(String user) {
            return (client, value) -> {
                get(user, "/api/v1/me");
                return -1;
            };
        }

        final List<Connection> baselineConnections = new ArrayList<>();

        Call baseline(Kind kind) throws Exception {
            List<PreparedStatement> statements = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                Connection own = DriverManager.getConnection(url, "postgres", "postgres");
                baselineConnections.add(own);
                statements.add(own.prepareStatement(kind.baseline));
            }
            return (client, value) -> {
                PreparedStatement p = statements.get(client);
                p.setString(1, kind.pattern(value));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                return -1;
            };
        }

        String token(String user) throws IOException {
            HttpURLConnection http = (HttpURLConnection) URI.create("http://localhost:" + port + "/api/v1/auth/token").toURL().openConnection();
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = http.getOutputStream()) {
                out.write(("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            String body = read(http);
            Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no token for " + user + ": " + body);
            }
            return m.group(1);
        }

        /** Each client thread's own kept-alive connection. */
        final ThreadLocal<LeanHttp> connections = ThreadLocal.withInitial(this::connection);

        LeanHttp connection() {
            return new LeanHttp(port);
        }

        String get(String user, String path) throws IOException {
            return connections.get().get(path, user == null ? null : tokens.get(user));
        }

        static String read(HttpURLConnection http) throws IOException {
            int status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
                if (in != null) {
                    in.transferTo(out);
                }
                String body = out.toString(StandardCharsets.UTF_8);
                if (status != 200) {
                    throw new IllegalStateException(status + " " + body);
                }
                return body;
            }
        }

        /** Closed loop: each client sends its next request when the last one answered. */
        void measure(String query, String path, int requests, List<String> values, Call call, boolean keep) throws Exception {
            measure(query, path, requests, values, call, keep, 0);
        }

        /**
         * Open loop: requests arrive at {@code rate} per second in all, as a Poisson process split over the
         * clients (each client its own stream of rate / clients), whether or not earlier ones have been
         * answered. A request's latency runs from the moment it was due, so a request its client could not
         * send on time (the previous one still waiting) counts the delay too.
         */
        void measure(String query, String path, int requests, List<String> values, Call call, double rate) throws Exception {
            measure(query, path, requests, values, call, true, rate);
        }

        void measure(String query, String path, int requests, List<String> values, Call call, boolean keep, double rate)
                throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(options.clients());
            long[] latencies = new long[requests];
            long[] totals = new long[requests];
            long[] dues = new long[requests];
            Background background = new Background(c);
            long[] sentAt = new long[requests];
            AtomicInteger next = new AtomicInteger();
            LongAdder clientCpu = new LongAdder();
            long processCpu = Cpu.process();
            Map<Long, Long> dbCpu = Cpu.database(pgData);
            long started = System.nanoTime();
            if (keep) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_stat_statements_reset()");
                }
            }
            List<Future<?>> futures = new ArrayList<>();
            int clients = options.clients();
            for (int t = 0; t < clients; t++) {
                int client = t;
                futures.add(pool.submit(() -> {
                    long cpu = Cpu.THREADS.getCurrentThreadCpuTime();
                    if (rate > 0) {
                        // each client its share of the requests, on its own exponential inter-arrival times
                        Random arrivals = new Random(31L * client + 17);
                        double meanGapNanos = 1e9 * clients / rate;
                        long due = started;
                        for (int i = client; i < requests; i += clients) {
                            due += (long) (-Math.log(1 - arrivals.nextDouble()) * meanGapNanos);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                                while (System.nanoTime() < due) {
                                    Thread.onSpinWait();
                                }
                            }
                            String value = values.get((int) ((i * 7919L) % values.size()));
                            long sent = System.nanoTime();
                            totals[i] = call.apply(client, value);
                            latencies[i] = System.nanoTime() - due;
                            dues[i] = due - started;
                            // what the request itself took, apart from any wait for its client
                            sentAt[i] = sent - due;
                        }
                        clientCpu.add(Cpu.THREADS.getCurrentThreadCpuTime() - cpu);
                        return null;
                    }
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String value = values.get((int) ((i * 7919L) % values.size()));
                        long t0 = System.nanoTime();
                        totals[i] = call.apply(client, value);
                        latencies[i] = System.nanoTime() - t0;
                        dues[i] = t0 - started;
                    }
                    clientCpu.add(Cpu.THREADS.getCurrentThreadCpuTime() - cpu);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuApp = (Cpu.process() - processCpu - clientCpu.sum()) / 1e6 / requests;
            double cpuDb = dbCpu.isEmpty() ? -1 : Cpu.databaseSince(dbCpu, pgData) / 1e6 / requests;
            double cpuClients = clientCpu.sum() / 1e6 / requests;
            pool.shutdown();
            if (!keep) {
                return;
            }
            slowest(values, latencies, dues, sentAt, call);
            System.out.println("      meanwhile: " + background.since());
            Arrays.sort(latencies);
            double sum = 0;
            int lower = 0;
            int reported = 0;
            for (long t : totals) {
                if (t >= 0) {
                    sum += t;
                    reported++;
                } else if (t <= -2) {
                    sum += -t - 2;
                    lower++;
                    reported++;
                }
            }
            Result r = new Result(query, path, rate, requests, latencies, seconds, reported == 0 ? -1 : sum / reported,
                    reported == 0 ? -1 : (double) lower / reported, cpuApp, cpuDb, cpuClients, Cpu.load());
            results.add(r);
            System.out.printf(Locale.ROOT, "  %-30s %-24s %-10s p50 %6.2f  p99 %7.2f ms  %6.0f req/s  cpu/req app %.2f db %.2f ms%n",
                    query, path, rate > 0 ? String.format(Locale.ROOT, "%.0f/s", rate) : "closed", r.percentile(0.50), r.percentile(0.99), r.n() / r.seconds(), cpuApp, cpuDb);
            statements(requests);
        }

        /**
         * What ran beside a row and can stall every request at once: the JVM's collections, PostgreSQL's
         * checkpoints and its autovacuum and autoanalyze runs.
         */
        static final class Background {
            private final Connection c;
            private final long gcCount;
            private final long gcMillis;
            private final long[] server;
            /** When the row began, in the JVM's uptime: the time stamps of target/search-bench-gc.log. */
            private final long uptime;

            Background(Connection c) throws Exception {
                this.c = c;
                long count = 0;
                long millis = 0;
                for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                    count += gc.getCollectionCount();
                    millis += gc.getCollectionTime();
                }
                this.gcCount = count;
                this.gcMillis = millis;
                this.server = server();
                this.uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            }

            private long[] server() throws Exception {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                        SELECT (SELECT num_timed + num_requested FROM pg_stat_checkpointer),
                               (SELECT coalesce(sum(autovacuum_count), 0) FROM pg_stat_all_tables),
                               (SELECT coalesce(sum(autoanalyze_count), 0) FROM pg_stat_all_tables)""")) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            }

            String since() throws Exception {
                Background now = new Background(c);
                return String.format(Locale.ROOT, "%d collections (%d ms in all), %d checkpoints, %d autovacuums, "
                        + "%d autoanalyzes (the row began at %.3f s of the JVM's uptime)", now.gcCount - gcCount, now.gcMillis - gcMillis, now.server[0] - server[0],
                        now.server[1] - server[1], now.server[2] - server[2], uptime / 1e3);
            }
        }

        /**
         * A row's slowest requests: when each was due (the open loop) or sent (the closed loop), what it asked for, how
         * long it waited for its client (the open loop) and then took; then each of their values asked again alone, to
         * tell a slow query from a slow moment.
         */
        void slowest(List<String> values, long[] latencies, long[] dues, long[] sentAt, Call call) throws Exception {
            Integer[] order = new Integer[latencies.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(latencies[b], latencies[a]));
            int shown = Math.max(1, latencies.length / 100);
            StringBuilder line = new StringBuilder("      slowest 1%: ");
            for (int k = 0; k < shown; k++) {
                int i = order[k];
                String value = values.get((int) ((i * 7919L) % values.size()));
                line.append(String.format(Locale.ROOT, "%s%.0f ms at %.2f s%s", k == 0 ? "" : ", ", latencies[i] / 1e6,
                        dues[i] / 1e9, value.isEmpty() ? "" : " (" + value + (sentAt[i] > 1_000_000
                                ? String.format(Locale.ROOT, ", waited %.0f", sentAt[i] / 1e6) : "") + ")"));
            }
            System.out.println(line);
            if (values.get(0).isEmpty()) {
                return;
            }
            // the main thread's kept-alive connection may have been closed by the server while idle
            connections.remove();
            StringBuilder again = new StringBuilder("      the same alone: ");
            for (int k = 0; k < Math.min(shown, 10); k++) {
                String value = values.get((int) ((order[k] * 7919L) % values.size()));
                long best = Long.MAX_VALUE;
                for (int r = 0; r < 3; r++) {
                    long t0 = System.nanoTime();
                    call.apply(0, value);
                    best = Math.min(best, System.nanoTime() - t0);
                }
                again.append(String.format(Locale.ROOT, "%s%s %.1f ms", k == 0 ? "" : ", ", value, best / 1e6));
            }
            System.out.println(again);
        }

        /**
         * What PostgreSQL ran for the row just measured, per request: calls and time of its costliest statements
         * (the server's own time, not the round trips), so a row's database CPU can be told apart.
         */
        void statements(int requests) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT calls, total_exec_time + total_plan_time, regexp_replace(query, '\\s+', ' ', 'g')
                    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
                    ORDER BY total_exec_time + total_plan_time DESC LIMIT 4""")) {
                while (rs.next()) {
                    String q = rs.getString(3);
                    System.out.printf(Locale.ROOT, "      %5.2f statements of %6.3f ms per request: %s%n",
                            rs.getLong(1) / (double) requests, rs.getDouble(2) / rs.getLong(1),
                            q.length() > 110 ? q.substring(0, 110) + "…" : q);
                }
            }
        }

        void table(String title, List<Result> rows) {
            System.out.println();
            System.out.printf(Locale.ROOT, "Person search, %,d generated persons, %d concurrent clients, %s%n",
                    options.persons(), options.clients(), title);
            System.out.println(KernelReclaim.describe());
            System.out.printf(Locale.ROOT, "%-30s %-24s %5s %7s %7s %7s %7s %6s %11s %25s %5s%n", "query", "path", "n",
                    "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "matches", "CPU ms/req app+db+client", "load");
            for (Result r : rows) {
                String matches = r.meanTotal() < 0 ? "" : String.format(Locale.ROOT, "%,.0f%s", r.meanTotal(),
                        r.lowerBounds() > 0 ? String.format(Locale.ROOT, " (%.0f%%+)", 100 * r.lowerBounds()) : "");
                System.out.printf(Locale.ROOT, "%-30s %-24s %5d %7.2f %7.2f %7.2f %7.1f %6.0f %11s %25s %5.1f%n", r.query(),
                        r.path(), r.n(), r.percentile(0.50), r.percentile(0.95), r.percentile(0.99), r.percentile(1.0),
                        r.n() / r.seconds(), matches, r.cpuDb() < 0 ? "" : String.format(Locale.ROOT, "%.2f + %.2f + %.2f",
                                Math.max(0, r.cpuApp()), r.cpuDb(), r.cpuClients()), r.load());
            }
        }

        void print(double loadSeconds) {
            int cores = Runtime.getRuntime().availableProcessors();
            table("closed loop (each client sends its next request when the last is answered: the machine saturated)",
                    results.stream().filter(r -> r.rate() == 0).toList());
            System.out.printf(Locale.ROOT, "  saturated, a request waits for the others' CPU: mean latency is about %d clients x CPU ms per "
                    + "request / %d cores%n", options.clients(), cores);
            for (Result r : results) {
                if (r.rate() == 0 && r.cpuDb() >= 0 && !r.path().startsWith("pg_trgm")) {
                    double cpu = Math.max(0, r.cpuApp()) + r.cpuDb() + r.cpuClients();
                    System.out.printf(Locale.ROOT, "  %-30s %-24s mean %6.2f ms, %d x %.2f / %d = %6.2f ms%n", r.query(), r.path(),
                            LongStream.of(r.sorted()).average().orElse(0) / 1e6, options.clients(), cpu, cores,
                            options.clients() * cpu / cores);
                }
            }
            List<Result> open = results.stream().filter(r -> r.rate() > 0).toList();
            if (!open.isEmpty()) {
                table(String.format(Locale.ROOT, "open loop (%.0f requests/s arriving at random over the %d clients, latency from when each was due)",
                        open.get(0).rate(), options.clients()), open);
                for (Result r : open) {
                    if (r.path().startsWith("API")) {
                        System.out.printf(Locale.ROOT, "  %-30s %-24s p99 %s 20 ms at %.0f req/s%n", r.query(), r.path(),
                                r.percentile(0.99) < 20 ? "<" : ">=", r.rate());
                    }
                }
            }
            System.out.println("ratio pg_trgm ILIKE / API (higher is better for the API):");
            for (Kind kind : Kind.values()) {
                // an open-only run, or one with --no-baseline or without this kind, has no baseline to compare with
                Result base = results.stream().filter(r -> r.query().equals(kind.label) && r.path().startsWith("pg_trgm"))
                        .findFirst().orElse(null);
                if (base == null) {
                    continue;
                }
                for (Result r : results) {
                    if (r.rate() == 0 && r.query().equals(kind.label) && r.path().startsWith("API")) {
                        System.out.printf(Locale.ROOT, "  %-30s %-24s p50 %6.1fx   p99 %6.1fx   p99 %s 20 ms%n", kind.label,
                                r.path(), base.percentile(0.5) / r.percentile(0.5), base.percentile(0.99) / r.percentile(0.99),
                                r.percentile(0.99) < 20 ? "<" : ">=");
                    }
                }
            }
            if (loadSeconds > 0) {
                System.out.printf(Locale.ROOT, "load %.0f s%n", loadSeconds);
            }
        }
    }
}
