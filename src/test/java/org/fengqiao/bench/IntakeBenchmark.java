package org.fengqiao.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.incident.internal.DuplicateProperties;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Intake through the full HTTP path — authentication (the 110 centre's API key, or a person's bearer token),
 * validation, the grid lookup of the location, routing, the incident row, its timeline, the events, the audit
 * entry, the commit — with N concurrent clients (default 50) on kept-alive HTTP/1.1 connections, each sending
 * its next report as soon as the last is answered, for a fixed time after a warm-up; beside it, in the same run
 * and with the same clients, {@code /actuator/health} of the same application, the fixed cost of a request.
 *
 * <p>The application runs on its own embedded PostgreSQL (fsync and synchronous commit on, as the platform's
 * own server) in a temporary directory, with the demo district loaded; the reports' locations are points of
 * the demo's police grids, spread over all of them. {@code pg_stat_statements} is loaded, and the run prints
 * the statements that cost the database most during the measured intake. After the run every report answered
 * 201 is looked up: it must be stored once, with its timeline and its audit entry. Each path of the application runs
 * once unmeasured right before it is measured, for as long, and each report path files its reports into a duplicate
 * window of its own (they occurred three windows apart from the warm-up's and the other path's), so what its
 * duplicate check meets does not depend on how long the warm-up ran; {@code --window shared} files every report at
 * now, as before.
 *
 * <p>Usage: {@code bench/intake.sh [--clients N] [--seconds S] [--warmup S] [--paths 110,staff] [--jfr FILE]
 * [--data DIR] [--window apart|shared]}; paths {@code commit} and {@code audit} (default on) measure the floor under any
 * filing through JDBC, without the application: a commit of a plain row, and of an audit entry; with {@code --data} the database is kept in DIR and the next run reuses it (no demo load).
 */
public final class IntakeBenchmark {

    static final String KEY = Base64.getEncoder().encodeToString("fengqiao-intake-benchmark-key-32".getBytes(StandardCharsets.US_ASCII));
    static final String API_KEY = "demo-110-key";
    static final String PASSWORD = "Fengqiao-2026";

    record Options(int clients, int seconds, int warmup, List<String> paths, Path jfr, Path data, boolean keep,
            boolean sharedWindow) {

        static Options parse(String[] args) throws IOException {
            int clients = 50;
            int seconds = 20;
            int warmup = 5;
            List<String> paths = List.of("110", "staff", "commit", "audit");
            Path jfr = null;
            Path data = null;
            boolean sharedWindow = false;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--paths" -> paths = List.of(value.split(","));
                    case "--jfr" -> jfr = Path.of(value).toAbsolutePath();
                    case "--data" -> data = Path.of(value).toAbsolutePath();
                    case "--window" -> sharedWindow = switch (value) {
                        case "apart" -> false;
                        case "shared" -> true;
                        default -> throw new IllegalArgumentException("--window apart or shared, not " + value);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --clients --seconds --warmup --paths --jfr --data --window)");
                }
            }
            boolean keep = data != null;
            if (data == null) {
                data = Files.createTempDirectory("fengqiao-intake-bench");
            }
            return new Options(clients, seconds, warmup, paths, jfr, data, keep, sharedWindow);
        }
    }

    public static void main(String[] args) throws Exception {
        long runStarted = System.nanoTime();
        Options options = Options.parse(args);
        // with --data the database (and the demo district in it) is kept for the next run
        Files.createDirectories(options.data());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(options.data().resolve("pg"))
                .setCleanDataDirectory(false).setLocaleConfig("locale", "C.UTF-8").setLocaleConfig("encoding", "UTF8")
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("timezone", "Asia/Shanghai")
                .setServerConfig("shared_buffers", "512MB").setServerConfig("max_connections", "100")
                .setServerConfig("max_wal_size", "4GB").setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // planning counted apart: a statement planned at every execution shows its cost there
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            long started = System.nanoTime();
            ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                    "--server.port=0", "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                    "--fengqiao.db.password=postgres", "--fengqiao.demo=true", "--fengqiao.personal-data.key=" + KEY,
                    "--fengqiao.db.data-dir=" + options.data().resolve("app"), "--logging.level.root=WARN",
                    // no escalation sweep: items of earlier runs fall due and its moves would be measured with the intake
                    "--fengqiao.incident.escalation.sweep-cron=-");
            System.out.printf(Locale.ROOT, "application with the demo district up in %.0f s%n", (System.nanoTime() - started) / 1e9);
            System.out.println(KernelReclaim.describe());
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                new Run(options, port, c, url, options.data().resolve("pg"), points(app.getBean(Jurisdictions.class), c),
                        app.getBean(DuplicateProperties.class).window()).go();
            } finally {
                app.close();
            }
        } finally {
            if (!options.keep()) {
                SearchBenchmark.deleteTree(options.data());
            }
        }
        System.out.printf(Locale.ROOT, "bench run time %.0f s%n", (System.nanoTime() - runStarted) / 1e9);
    }

    record Point(double lon, double lat, UUID grid) {
    }

    /** Up to 8 points of each police grid of the demo, each checked to be located in its own grid. */
    static List<Point> points(Jurisdictions jurisdictions, Connection c) throws Exception {
        List<Point> points = new ArrayList<>();
        int grids = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, min_lon, min_lat, max_lon, max_lat FROM grid WHERE network = 'POLICE' ORDER BY code")) {
            while (rs.next()) {
                grids++;
                UUID grid = rs.getObject(1, UUID.class);
                int found = 0;
                for (int i = 1; i < 10 && found < 8; i++) {
                    for (int j = 1; j < 10 && found < 8; j += 2) {
                        double lon = rs.getDouble(2) + (rs.getDouble(4) - rs.getDouble(2)) * i / 10;
                        double lat = rs.getDouble(3) + (rs.getDouble(5) - rs.getDouble(3)) * ((j + i) % 10) / 10;
                        var located = jurisdictions.locate(lat, lon, GridNetwork.POLICE).map(Grid::id);
                        if (located.isPresent() && located.get().value().equals(grid)) {
                            points.add(new Point(lon, lat, grid));
                            found++;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d points in %d police grids%n", points.size(), grids);
        return points;
    }

    // ------------------------------------------------------------------------------------------------

    /** A minimal HTTP/1.1 client on one kept-alive socket (see SearchBenchmark.LeanHttp), with POST. */
    static final class LeanHttp {
        final int port;
        java.net.Socket socket;
        java.io.BufferedInputStream in;
        OutputStream out;
        String body;

        LeanHttp(int port) {
            this.port = port;
        }

        /** Sends a request and answers its status; the body is left in {@link #body}. */
        int send(String method, String path, String header, String json) throws IOException {
            if (socket == null) {
                socket = new java.net.Socket("localhost", port);
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
            }
            byte[] payload = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: localhost\r\n");
            if (header != null) {
                head.append(header).append("\r\n");
            }
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
            String status = line();
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream(4096);
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    b.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                b.write(in.readNBytes(length));
            }
            if (close) {
                socket.close();
                socket = null;
            }
            body = b.toString(StandardCharsets.UTF_8);
            return Integer.parseInt(status.substring(9, 12));
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

    /** One measurement of a path: latencies of its requests, the time and the CPU it took. */
    record Result(String path, int n, int errors, long[] sorted, double seconds, double cpuApp, double cpuDb,
            double cpuClients, double load) {
        double percentile(double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }

        double rate() {
            return n / seconds;
        }
    }

    /** One request of a client; answers the HTTP status. */
    interface Call {
        int apply(LeanHttp http, int client, long sequence) throws Exception;
    }

    static final class Run {
        static final String[] CATEGORIES = {"HELP", "HELP", "DISPUTE", "TRAFFIC", "CASE", "COMPLAINT", "DISASTER"};

        final Options options;
        final int port;
        final Connection c;
        final String url;
        final Path pgData;
        final List<Point> points;
        final List<Result> results = new ArrayList<>();
        final String run = Long.toString(System.currentTimeMillis(), 36);
        /** The incidents answered 201, by idempotency key (the 110 case number, the staff key). */
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final AtomicLong sequence = new AtomicLong();
        final LeanHttp[] connections;
        String token;
        /**
         * How long before now the reports being filed occurred: each measured path files into a duplicate window of
         * its own, apart from the warm-up's and the other path's (see {@link #go}); null with {@code --window shared}.
         */
        volatile Duration before;
        static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();
        /** Whether the reports answered now are measured (and checked after the run). */
        volatile boolean measuring;
        /** Three duplicate windows: the reports of two phases this far apart never meet. */
        final Duration apart;

        Run(Options options, int port, Connection c, String url, Path pgData, List<Point> points, Duration window) {
            this.options = options;
            this.port = port;
            this.c = c;
            this.url = url;
            this.pgData = pgData;
            this.points = points;
            this.apart = window.multipliedBy(3);
            this.connections = new LeanHttp[options.clients()];
            for (int i = 0; i < connections.length; i++) {
                connections[i] = new LeanHttp(port);
            }
        }

        void go() throws Exception {
            LeanHttp http = new LeanHttp(port);
            int status = http.send("POST", "/api/v1/auth/token", null,
                    "{\"username\":\"bureau\",\"password\":\"" + PASSWORD + "\"}");
            Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(http.body);
            if (status != 200 || !m.find()) {
                throw new IllegalStateException("no token: " + status + " " + http.body);
            }
            token = m.group(1);
            Map<String, Call> calls = new LinkedHashMap<>();
            calls.put("health", health());
            for (String p : options.paths()) {
                calls.put(p, switch (p) {
                    case "110" -> push();
                    case "staff" -> staff();
                    case "commit" -> commit(false);
                    case "audit" -> commit(true);
                    default -> throw new IllegalArgumentException("unknown path " + p + " (known: 110, staff, commit, audit)");
                });
            }
            // Each measured path files into a duplicate window of its own: its reports occurred a multiple of three
            // windows before now, so they meet only those of its settling run (below), each other and the demo's open
            // reports, never the warm-up's nor the other path's. Filed at now, as before this option (--window
            // shared), a measured path met every open report of the warm-up at its 720 points: 38,000-100,000 of them,
            // as many as the JIT took rounds to settle, so a slow phase of the machine also made the duplicate check
            // of the measured reports costlier.
            List<String> measured = calls.keySet().stream().filter(p -> p.equals("110") || p.equals("staff")).toList();
            Duration warmUpWindow = options.sharedWindow() ? null : apart.multipliedBy(measured.size() + 1);
            before = warmUpWindow;
            // every path for --warmup seconds a round (the JDBC floors only in the first), until the JIT has settled
            // up to 16 rounds: with the group commit's writers the JIT of this application compiled for most of
            // each of the first eight rounds
            SearchBenchmark.warmUp(16, round -> {
                for (Map.Entry<String, Call> e : calls.entrySet()) {
                    boolean app = e.getKey().equals("health") || measured.contains(e.getKey());
                    if (app || round == 1) {
                        measure(e.getKey(), e.getValue(), app ? options.warmup() : 1, false);
                    }
                }
            });
            // The warm-up wrote some 150,000 reports in two to three minutes: autovacuum's first passes over their
            // five tables fell due together and ran in the first measured path's 20 s (the 110 push's, forty-sixth
            // session: its database time per report 1.09-1.13 ms against 0.78 in its settling run just before, the
            // staff path after it meeting none). Paid here, so that each measured path meets only the vacuums its
            // own reports bring due, as a sustained load spreads them.
            long vacuumed = System.nanoTime();
            execute("VACUUM (ANALYZE)");
            System.out.printf(Locale.ROOT, "the warm-up's reports vacuumed and analysed in %.1f s%n",
                    (System.nanoTime() - vacuumed) / 1e9);
            execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // the application's paths first, recorded and with their statements counted, then the JDBC floors
            Recording recording = null;
            if (options.jfr() != null) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                recording.start();
            }
            for (Map.Entry<String, Call> e : calls.entrySet()) {
                boolean app = e.getKey().equals("health") || measured.contains(e.getKey());
                if (!app) {
                    recording = stopped(recording);
                }
                if (app) {
                    // Right before it is measured, each path runs once for as long, into its own window: the measured
                    // reports then meet a backlog of one such run whatever the warm-up's length, and the JIT has
                    // compiled for that state. Measured into an empty window right after the warm-up's full one, a
                    // first 110 path compiled for 2-4 s of its 15-20 (0.13-0.29 ms of a report), also after a
                    // settling run in the warm-up's window, and with the code cache's flushing off.
                    int k = measured.indexOf(e.getKey());
                    before = options.sharedWindow() || k < 0 ? null : apart.multipliedBy(k);
                    long compiled = JIT.getTotalCompilationTime();
                    measure(e.getKey(), e.getValue(), options.seconds(), false);
                    System.out.printf(Locale.ROOT, "           the JIT compiled for %d ms of the %s path's settling run%n",
                            JIT.getTotalCompilationTime() - compiled, e.getKey());
                    execute("SELECT pg_stat_statements_reset()");
                    measuring = true;
                    SearchBenchmark.profile();
                }
                measure(e.getKey(), e.getValue(), options.seconds(), true);
                if (app) {
                    SearchBenchmark.profiled(e.getKey());
                    measuring = false;
                    before = warmUpWindow;
                    if (!e.getKey().equals("health")) {
                        java.io.StringWriter out = new java.io.StringWriter();
                        statements(e.getKey(), new java.io.PrintWriter(out, true));
                        statements += out.toString();
                    }
                }
            }
            stopped(recording);
            for (Connection own : jdbc.values()) {
                own.close();
            }
            print();
            System.out.print(statements);
            verify();
        }

        void execute(String sql) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        Call health() {
            return (http, client, n) -> http.send("GET", "/actuator/health", null, null);
        }

        String report(long n, String keyField, String key) {
            Point p = points.get((int) ((n * 7919) % points.size()));
            String category = CATEGORIES[(int) (n % CATEGORIES.length)];
            return "{\"" + keyField + "\":\"" + key + "\",\"category\":\"" + category + "\""
                    + (category.equals("CASE") ? ",\"subtype\":\"PUBLIC_ORDER\"" : "")
                    + ",\"description\":\"压测报告 " + n + "：路口有人需要帮助\",\"lon\":" + p.lon() + ",\"lat\":" + p.lat()
                    + ",\"address\":\"测试路" + (n % 500) + "号\"" + occurred();
        }

        /**
         * When the report occurred: now less {@link #before}, also when that is nothing (the first measured path), so
         * that every report of the run has the same fields. None with {@code --window shared}.
         */
        String occurred() {
            Duration b = before;
            return b == null ? ""
                    : ",\"occurredAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC).minus(b).truncatedTo(ChronoUnit.MILLIS) + "\"";
        }

        final Map<Integer, Connection> jdbc = new ConcurrentHashMap<>();

        /**
         * The floor under any filing, without the application: each client's own JDBC connection commits one row
         * per transaction, with fsync on. {@code commit}: a row of a plain table (commits of concurrent clients
         * share a flush). {@code audit}: an audit entry, numbered by its trigger and listed for the sealer (V150; before,
         * chained under a lock held until the commit had been flushed, so these commits followed one another).
         */
        Call commit(boolean audit) throws Exception {
            execute("CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY, client int, n bigint, at timestamptz DEFAULT now())");
            String sql = audit
                    ? "INSERT INTO audit_entry (actor, action, record_type, record_id, unit_path, after) "
                            + "VALUES ('intake-bench', 'CREATE', 'bench-commit', ?, '/', CAST('{\"bench\":true}' AS jsonb))"
                    : "INSERT INTO bench_commit (client, n) VALUES (0, ?)";
            return (http, client, n) -> {
                Connection own = jdbc.computeIfAbsent(client, k -> {
                    try {
                        Connection opened = DriverManager.getConnection(url, "postgres", "postgres");
                        opened.setAutoCommit(false);
                        return opened;
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (java.sql.PreparedStatement p = own.prepareStatement(sql)) {
                    if (audit) {
                        p.setString(1, Long.toString(n));
                    } else {
                        p.setLong(1, n);
                    }
                    p.executeUpdate();
                }
                own.commit();
                return 200;
            };
        }

        /** The 110 centre's push: the demo key of the bureau, its case number the idempotency key. */
        Call push() {
            return (http, client, n) -> {
                String key = "BENCH-" + run + "-" + n;
                int status = http.send("POST", "/api/v1/incidents/110", "X-Api-Key: " + API_KEY,
                        report(n, "caseNumber", key) + ",\"callerName\":\"张先生\",\"callerPhone\":\"1391234" + String.format(Locale.ROOT, "%04d", n % 10000) + "\"}");
                if (status == 201 && measuring) {
                    acknowledged.put(key, "110");
                }
                return status;
            };
        }

        /** A report from the field by the bureau's commander (bearer token), with an Idempotency-Key. */
        Call staff() {
            return (http, client, n) -> {
                String key = "BENCH-" + run + "-" + n;
                int status = http.send("POST", "/api/v1/incidents", "Authorization: Bearer " + token + "\r\nIdempotency-Key: " + key,
                        report(n, "reporterName", "李四") + "}");
                if (status == 201 && measuring) {
                    acknowledged.put(key, "staff");
                }
                return status;
            };
        }

        void measure(String path, Call call, int seconds, boolean keep) throws Exception {
            int clients = options.clients();
            long[][] latencies = new long[clients][];
            int[] counts = new int[clients];
            LongAdder errors = new LongAdder();
            LongAdder clientCpu = new LongAdder();
            Map<String, String> firstError = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(clients);
            long processCpu = SearchBenchmark.Cpu.process();
            long compiled = JIT.getTotalCompilationTime();
            Map<Long, Long> dbCpu = SearchBenchmark.Cpu.database(pgData);
            Map<String, Long> background = keep ? background() : Map.of();
            long started = System.nanoTime();
            long end = started + seconds * 1_000_000_000L;
            for (int t = 0; t < clients; t++) {
                int client = t;
                Thread thread = new Thread(() -> {
                    long cpu = SearchBenchmark.Cpu.THREADS.getCurrentThreadCpuTime();
                    long[] mine = new long[4096];
                    int n = 0;
                    LeanHttp http = connections[client];
                    try {
                        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                            long s = sequence.getAndIncrement();
                            int status = call.apply(http, client, s);
                            long took = System.nanoTime() - now;
                            if (status >= 300) {
                                errors.increment();
                                firstError.putIfAbsent(path, status + " " + http.body);
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = took;
                        }
                    } catch (Exception e) {
                        errors.increment();
                        firstError.putIfAbsent(path, e.toString());
                    } finally {
                        latencies[client] = mine;
                        counts[client] = n;
                        clientCpu.add(SearchBenchmark.Cpu.THREADS.getCurrentThreadCpuTime() - cpu);
                        done.countDown();
                    }
                }, "intake-client-" + t);
                thread.start();
            }
            done.await();
            double took = (System.nanoTime() - started) / 1e9;
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < clients; t++) {
                System.arraycopy(latencies[t], 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            double cpuApp = (SearchBenchmark.Cpu.process() - processCpu - clientCpu.sum()) / 1e6 / Math.max(1, total);
            Map<String, Long> dbRoles = SearchBenchmark.Cpu.databaseByRole(dbCpu, pgData);
            double cpuDb = dbCpu.isEmpty() ? -1 : SearchBenchmark.Cpu.databaseSince(dbCpu, pgData) / 1e6 / Math.max(1, total);
            Result r = new Result(path, total, (int) errors.sum(), all, took, cpuApp, cpuDb,
                    clientCpu.sum() / 1e6 / Math.max(1, total), SearchBenchmark.Cpu.load());
            if (!firstError.isEmpty()) {
                System.out.println("  first error of " + path + ": " + firstError.get(path));
            }
            System.out.printf(Locale.ROOT, "  %-8s %-8s %7d req %8.0f req/s  p50 %7.2f  p99 %7.2f ms  errors %d  cpu/req app %.2f db %.2f client %.2f ms%n",
                    keep ? "measure" : "warm-up", path, r.n(), r.rate(), r.percentile(0.5), r.percentile(0.99), r.errors(),
                    cpuApp, cpuDb, r.cpuClients());
            if (keep) {
                // the JIT's compiler threads count in the application's processor time: with the JIT settled they
                // should be a small part of it
                long compiling = JIT.getTotalCompilationTime() - compiled;
                System.out.printf(Locale.ROOT, "           the JIT compiled for %d ms of the %.0f s (%.2f ms per request)%n",
                        compiling, took, (double) compiling / Math.max(1, total));
            }
            if (keep && !dbRoles.isEmpty()) {
                StringBuilder line = new StringBuilder("           database CPU ms per request by process:");
                dbRoles.forEach((role, nanos) -> line.append(String.format(Locale.ROOT, " %s %.2f,", role,
                        nanos / 1e6 / Math.max(1, total))));
                System.out.println(line.substring(0, line.length() - 1));
            }
            if (keep) {
                System.out.println("           ran meanwhile: " + meanwhile(background));
                results.add(r);
            }
        }

        /**
         * PostgreSQL's checkpoints and its autovacuum and autoanalyze runs by table, counted so far: a measured path
         * that meets them (the warm-up wrote some 150,000 reports just before) pays for them in its database time.
         */
        Map<String, Long> background() throws Exception {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT 'checkpoints', num_timed + num_requested FROM pg_stat_checkpointer
                    UNION ALL SELECT 'autovacuum ' || relname, autovacuum_count FROM pg_stat_all_tables
                    UNION ALL SELECT 'autoanalyze ' || relname, autoanalyze_count FROM pg_stat_all_tables""")) {
                while (rs.next()) {
                    counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
            return counts;
        }

        /** What of {@link #background()} ran since {@code before}, or "nothing". */
        String meanwhile(Map<String, Long> before) throws Exception {
            StringBuilder ran = new StringBuilder();
            background().forEach((what, n) -> {
                long more = n - before.getOrDefault(what, 0L);
                if (more > 0) {
                    ran.append(ran.isEmpty() ? "" : ", ").append(more > 1 ? more + " × " : "").append(what);
                }
            });
            return ran.isEmpty() ? "nothing" : ran.toString();
        }

        void print() {
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.println();
            System.out.printf(Locale.ROOT, "Intake, %d concurrent clients (closed loop, kept-alive HTTP/1.1), %d s per path, %d cores%n",
                    options.clients(), options.seconds(), cores);
            System.out.println(KernelReclaim.describe());
            System.out.printf(Locale.ROOT, "%-8s %8s %8s %7s %7s %7s %8s %6s %27s %5s%n", "path", "n", "req/s", "p50 ms",
                    "p99 ms", "max ms", "errors", "", "CPU ms/req app+db+client", "load");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "%-8s %8d %8.0f %7.2f %7.2f %7.1f %8d %6s %27s %5.1f%n", r.path(), r.n(),
                        r.rate(), r.percentile(0.5), r.percentile(0.99), r.percentile(1.0), r.errors(), "",
                        String.format(Locale.ROOT, "%.2f + %.2f + %.2f", Math.max(0, r.cpuApp()), r.cpuDb(), r.cpuClients()),
                        r.load());
            }
            Result health = results.get(0);
            Map<String, Result> byPath = new LinkedHashMap<>();
            results.forEach(r -> byPath.put(r.path(), r));
            for (Result r : results.subList(1, results.size())) {
                if (!r.path().equals("110") && !r.path().equals("staff")) {
                    continue;
                }
                double cpu = Math.max(0, r.cpuApp()) + Math.max(0, r.cpuDb()) + r.cpuClients();
                System.out.printf(Locale.ROOT, "%-8s reports/s %,.0f (%s 1,000), p99 %.1f ms (%s 100); health / intake: "
                        + "%.1fx the rate, %.1fx the CPU; CPU bound: %d cores / %.2f ms = %,.0f req/s%n", r.path(), r.rate(),
                        r.rate() >= 1000 ? ">=" : "<", r.percentile(0.99), r.percentile(0.99) < 100 ? "<" : ">=",
                        health.rate() / r.rate(), cpu / (Math.max(0, health.cpuApp()) + Math.max(0, health.cpuDb())
                                + health.cpuClients()), cores, cpu, cores * 1000 / cpu);
            }
            Result commit = byPath.get("commit");
            Result audit = byPath.get("audit");
            if (commit != null && audit != null) {
                System.out.printf(Locale.ROOT, "JDBC floor, one row per transaction, %d clients: %,.0f commits/s of a plain row, "
                        + "%,.0f of an audit entry (%.1fx fewer)%n",
                        options.clients(), commit.rate(), audit.rate(), commit.rate() / audit.rate());
                // with the group commit (docs/adr/0008) reports share a transaction, so the audit floor of one entry per
                // transaction no longer caps intake: it shows what one report per transaction could reach at most
                for (String path : List.of("110", "staff")) {
                    Result r = byPath.get(path);
                    if (r != null) {
                        System.out.printf(Locale.ROOT, "%-8s at %.0f%% of the audit floor (one audit entry per transaction)%n",
                                path, 100 * r.rate() / audit.rate());
                    }
                }
            }
        }

        String statements = "";

        /** Ends the flight recording and notes the statements of the application's paths; answers true. */
        /** Stops and writes the flight recording of the application's paths, if there is one; answers none left. */
        Recording stopped(Recording recording) throws Exception {
            if (recording != null) {
                recording.stop();
                recording.dump(options.jfr());
                recording.close();
                System.out.println("flight recording of the application's paths in " + options.jfr());
            }
            return null;
        }

        /** The statements that cost PostgreSQL most while one path of the application was measured. */
        void statements(String path, java.io.PrintWriter out) throws Exception {
            out.println();
            out.println("pg_stat_statements while the " + path + " path was measured (top 15 by total time):");
            out.printf(Locale.ROOT, "%10s %9s %9s %9s %7s %9s  %s%n", "calls", "total ms", "mean ms", "plan ms", "plans",
                    "rows/call", "query");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT calls, total_exec_time, mean_exec_time, mean_plan_time, plans,
                           regexp_replace(query, '\\s+', ' ', 'g'), rows::float8 / greatest(calls, 1)
                    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15""")) {
                while (rs.next()) {
                    String q = rs.getString(6);
                    out.printf(Locale.ROOT, "%10d %9.0f %9.3f %9.3f %7d %9.1f  %s%n", rs.getLong(1), rs.getDouble(2),
                            rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getDouble(7),
                            q.length() > 150 ? q.substring(0, 150) + "…" : q);
                }
            }
            // every statement is a round trip between two processes, which on these virtual cores costs more
            // processor time (system calls, wake-ups) than most of the statements themselves
            out.println();
            out.println("the same statements by number of calls (top 25), and all of them:");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT calls, sum(calls) OVER (), regexp_replace(query, '\\s+', ' ', 'g')
                    FROM pg_stat_statements ORDER BY calls DESC LIMIT 25""")) {
                while (rs.next()) {
                    String q = rs.getString(3);
                    out.printf(Locale.ROOT, "%10d  %s%n", rs.getLong(1), q.length() > 150 ? q.substring(0, 150) + "…" : q);
                    if (rs.isLast()) {
                        out.printf(Locale.ROOT, "%10d  statements in all%n", rs.getLong(2));
                    }
                }
            }
        }

        /** Every report answered 201 is stored once, with its timeline and its audit entry. */
        void verify() throws Exception {
            long stored = 0;
            long events = 0;
            long audited = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT count(*), sum((SELECT count(*) FROM incident_event e WHERE e.incident_id = i.id)),
                           sum((SELECT count(*) FROM audit_entry a WHERE a.record_type = 'incident' AND a.record_id = i.id::text))
                    FROM incident i WHERE i.idempotency_key LIKE 'BENCH-""" + run + "-%'")) {
                rs.next();
                stored = rs.getLong(1);
                events = rs.getLong(2);
                audited = rs.getLong(3);
            }
            System.out.printf(Locale.ROOT, "check: %,d reports answered 201 while measured; %,d stored with this run's keys "
                    + "(warm-up included), %,d timeline steps, %,d audit entries%n", acknowledged.size(), stored, events, audited);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT idempotency_key FROM incident WHERE idempotency_key LIKE 'BENCH-" + run + "-%'")) {
                java.util.Set<String> keys = new java.util.HashSet<>();
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
                long missing = acknowledged.keySet().stream().filter(k -> !keys.contains(k)).count();
                System.out.printf(Locale.ROOT, "check: %d acknowledged reports missing (expected 0); every stored report has "
                        + "an audit entry: %s%n", missing, audited == stored);
            }
        }
    }
}
