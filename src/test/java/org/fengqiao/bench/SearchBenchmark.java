package org.fengqiao.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.sql.DataSource;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.internal.ChineseNames;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Person search over N generated persons (default 1,000,000) through the HTTP API with 8 concurrent
 * clients — a two-character name fragment, pinyin initials, the last 6 characters of an identity
 * number — beside the same questions put to a plain pg_trgm ILIKE in the same run and the same
 * database (over plaintext columns of a bare table, as a system without the blind indexes and
 * name bigrams would store them). Prints p50/p99 and throughput of each.
 */
public final class SearchBenchmark {

    static final String[] SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单仇").split("");
    static final String[] GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰志强德华海燕红梅国强文婷晓东晓燕丹丹海波春梅玉梅桂兰凤英淑珍秀珍子涵浩然欣怡宇轩梓涵一诺俊杰雨欣思远家豪诗涵").split("");

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requestsPerKind = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("fengqiao-search-bench");
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setLocaleConfig("locale", "C.UTF-8").setLocaleConfig("encoding", "UTF8")
                .setServerConfig("shared_buffers", "512MB").setServerConfig("max_connections", "100").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                    "--server.port=0", "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                    "--fengqiao.db.password=postgres", "--fengqiao.demo=true", "--fengqiao.personal-data.key=" + key,
                    "--fengqiao.db.data-dir=" + dir.resolve("data"), "--logging.level.root=WARN");
            try {
                DataSource ds = app.getBean(DataSource.class);
                PersonalDataCipher cipher = app.getBean(PersonalDataCipher.class);
                Generated data = generate(ds, cipher, persons);
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                run(port, ds, data, requestsPerKind);
            } finally {
                app.close();
            }
        }
    }

    record Generated(List<String> fragments, List<String> initials, List<String> last6) {
    }

    static Generated generate(DataSource ds, PersonalDataCipher cipher, int count) throws Exception {
        Random random = new Random(2026);
        long started = System.nanoTime();
        List<String> fragments = new ArrayList<>();
        List<String> initials = new ArrayList<>();
        List<String> last6 = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<UUID> grids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM grid WHERE network = 'POLICE'")) {
                while (rs.next()) {
                    grids.add(rs.getObject(1, UUID.class));
                }
            }
            s.execute("CREATE TABLE bench_plain (name text, initials text, id_number text)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            int batch = 50_000;
            for (int from = 0; from < count; from += batch) {
                StringBuilder persons = new StringBuilder(batch * 400);
                StringBuilder plain = new StringBuilder(batch * 60);
                for (int i = from; i < Math.min(count, from + batch); i++) {
                    String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                            + (random.nextInt(3) == 0 ? "" : GIVEN[random.nextInt(GIVEN.length)]);
                    // (birth day, sequence) is unique per i: 29,000 days (about 80 years) times up to 999 per day; the
                    // division 320723 keeps them apart from the demo population (320722)
                    LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 29_000);
                    String body = "320723" + birth.toString().replace("-", "") + String.format("%03d", i / 29_000);
                    String number = body + IdentityNumber.checkCharacter(body);
                    IdentityNumber id = IdentityNumber.parse(number);
                    String[] grams = ChineseNames.grams(name);
                    String inits = ChineseNames.initials(name);
                    persons.append(UUID.randomUUID()).append('\t').append(grids.get(i % grids.size())).append('\t')
                            .append(name).append('\t').append(pgArray(grams)).append('\t').append(inits).append('\t')
                            .append(ChineseNames.fullPinyin(name)).append('\t')
                            .append("\\\\x").append(java.util.HexFormat.of().formatHex(cipher.encrypt(number))).append('\t')
                            .append(cipher.blindIndex("id", number)).append('\t')
                            .append(cipher.blindIndex("id-last4", id.last4())).append('\t')
                            .append(cipher.blindIndex("id-last6", id.last6())).append('\t')
                            .append(id.masked()).append('\t').append(id.sex()).append('\t').append(birth).append('\t')
                            .append("PERMANENT\tbench").append('\n');
                    plain.append(name).append('\t').append(inits).append('\t').append(number).append('\n');
                    if (i % 997 == 0) {
                        int[] cps = name.codePoints().toArray();
                        fragments.add(new String(cps, cps.length - 2, 2));
                        initials.add(inits.substring(0, 2));
                        last6.add(id.last6());
                    }
                }
                copy.copyIn("COPY person (id, grid_id, name, name_grams, name_initials, name_pinyin, id_cipher, id_index, "
                        + "id_last4, id_last6, id_masked, sex, birth_date, residence, content_hash) FROM STDIN",
                        new StringReader(persons.toString()));
                copy.copyIn("COPY bench_plain FROM STDIN", new StringReader(plain.toString()));
            }
            s.execute("CREATE INDEX bench_plain_name ON bench_plain USING gin (name gin_trgm_ops)");
            s.execute("CREATE INDEX bench_plain_initials ON bench_plain USING gin (initials gin_trgm_ops)");
            s.execute("CREATE INDEX bench_plain_id ON bench_plain USING gin (id_number gin_trgm_ops)");
            s.execute("VACUUM ANALYZE person");
            s.execute("VACUUM ANALYZE bench_plain");
        }
        System.out.printf(Locale.ROOT, "generated %,d persons (encrypted, indexed) and the plain baseline table in %.1f s%n",
                count, (System.nanoTime() - started) / 1e9);
        return new Generated(fragments, initials, last6);
    }

    static String pgArray(String[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(values[i]).append('"');
        }
        return b.append('}').toString();
    }

    static void run(int port, DataSource ds, Generated data, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        String token = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bureau\",\"password\":\"Fengqiao-2026\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("token").asText();
        Map<String, List<String>> kinds = Map.of("two-character name fragment", data.fragments(),
                "pinyin initials", data.initials(), "last 6 of identity number", data.last6());
        Map<String, String> baselines = Map.of(
                "two-character name fragment", "SELECT name FROM bench_plain WHERE name ILIKE '%' || ? || '%' LIMIT 20",
                "pinyin initials", "SELECT name FROM bench_plain WHERE initials ILIKE ? || '%' LIMIT 20",
                "last 6 of identity number", "SELECT name FROM bench_plain WHERE id_number ILIKE '%' || ? LIMIT 20");
        System.out.printf(Locale.ROOT, "%-30s %-22s %10s %10s %10s %12s%n", "query", "path", "p50 ms", "p99 ms", "max ms", "queries/s");
        for (String kind : List.of("two-character name fragment", "pinyin initials", "last 6 of identity number")) {
            List<String> values = kinds.get(kind);
            measure(kind, "API over HTTP", requests, values, value -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/persons?size=20&q="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
                return null;
            });
            String sql = baselines.get(kind);
            measure(kind, "pg_trgm ILIKE (JDBC)", Math.max(200, requests / 10), values, value -> {
                try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
                    p.setString(1, value);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                }
                return null;
            });
        }
    }

    interface Call {
        Void apply(String value) throws Exception;
    }

    static int clients = 8;

    static void measure(String kind, String path, int requests, List<String> values, Call call) throws Exception {
        // warm-up
        for (int i = 0; i < 50; i++) {
            call.apply(values.get(i % values.size()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] latencies = new long[requests];
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = client; i < requests; i += clients) {
                    long t = System.nanoTime();
                    call.apply(values.get((i * 31) % values.size()));
                    latencies[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%-30s %-22s %10.2f %10.2f %10.2f %12.0f%n", kind, path,
                latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6, latencies[requests - 1] / 1e6,
                requests / seconds);
    }
}
