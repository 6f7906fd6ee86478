package org.fengqiao.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.internal.Persons;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where PostgreSQL spends its processor time when persons are copied in, one schema variant per run, with no
 * application pipeline around it: {@code java -cp ... org.fengqiao.bench.ImportExperiment 300000 VARIANTS [batch]}
 * where VARIANTS is a comma-separated list of {@code base}, {@code replica} (foreign-key triggers off, as the
 * import runs), {@code sql=STATEMENT;STATEMENT} (run first, e.g. an ALTER TABLE) or {@code drop=a+b} (indexes,
 * {@code trg:name} to disable a trigger, {@code con:table.constraint}). Variants in one run share one database,
 * which grows from one to the next: compare variants in separate runs (see bench/README.md).
 */
public final class ImportExperiment {

    static UUID v7() {
        long millis = System.currentTimeMillis();
        Random r = java.util.concurrent.ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (r.nextInt(4096));
        long low = 0x8000_0000_0000_0000L | (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String[] variants = args[1].split(",");
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path dir = Files.createTempDirectory("fengqiao-import-exp");
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'C');
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                "--server.port=0", "--fengqiao.demo=true", "--fengqiao.personal-data.key=" + key,
                "--fengqiao.db.data-dir=" + dir.resolve("pg"), "--logging.level.root=WARN");
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid")).get(0).strip());
        DataSource ds = app.getBean(DataSource.class);
        Persons persons = app.getBean(Persons.class);
        List<UUID> grids = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM grid WHERE network = 'POLICE'")) {
            while (rs.next()) {
                grids.add(rs.getObject(1, UUID.class));
            }
        }
        int division = 320730;
        for (String variant : variants) {
            division++;
            boolean replica = variant.startsWith("replica");
            if (variant.startsWith("sql=")) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    for (String sql : variant.substring(4).split(";")) {
                        s.execute(sql);
                    }
                }
            }
            if (variant.startsWith("drop=")) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    for (String ix : variant.substring(5).split("\\+")) {
                        if (ix.startsWith("trg:")) {
                            s.execute("ALTER TABLE person DISABLE TRIGGER " + ix.substring(4));
                        } else if (ix.startsWith("con:")) {
                            String[] tc = ix.substring(4).split("\\.");
                            s.execute("ALTER TABLE " + tc[0] + " DROP CONSTRAINT " + tc[1]);
                        } else {
                            s.execute("DROP INDEX " + ix);
                        }
                    }
                }
            }
            Random random = new Random(1);
            int householdCount = n / 3 + 1;
            String[] addressRows = new String[householdCount];
            String[] householdRows = new String[householdCount];
            List<UUID> households = new ArrayList<>();
            for (int i = 0; i < householdCount; i++) {
                UUID id = v7();
                UUID address = v7();
                households.add(id);
                addressRows[i] = address + "\t" + grids.get(i % grids.size()) + "\t江苏省连云港市灌南县新安镇第" + (i % 50) + "村"
                        + (i % 20) + "组" + i + "号-" + division + "\n";
                householdRows[i] = id + "\t" + grids.get(i % grids.size()) + "\t" + address + "\tX" + division + "-" + i + "\n";
            }
            List<byte[]> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 29_000);
                String body = division + birth.toString().replace("-", "") + String.format("%03d", i / 29_000);
                IdentityNumber id = IdentityNumber.parse(body + IdentityNumber.checkCharacter(body));
                String name = SearchBenchmark.SURNAME_LIST[SearchBenchmark.draw(SearchBenchmark.SURNAME_CUMULATIVE, random)]
                        + new String(Character.toChars(SearchBenchmark.GIVEN_CODEPOINTS[SearchBenchmark.draw(SearchBenchmark.GIVEN_CUMULATIVE, random)]));
                int h = i / 3;
                Persons.Fields f = new Persons.Fields(grids.get(h % grids.size()), households.get(h),
                        name, id, random.nextInt(10) < 7 ? "139" + String.format("%08d", random.nextInt(100_000_000)) : null,
                        id.sex().name(), id.birthDate(), "01", Relation.HEAD, Residence.PERMANENT, null, null, "农民", null, null);
                lines.add(persons.preparer().prepare(f, v7(), null).copyLine());
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                ImportBenchmark.Cpu cpu = ImportBenchmark.Cpu.now(postmaster);
                long t = System.nanoTime();
                for (int from = 0; from < n; from += batch) {
                    int to = Math.min(n, from + batch);
                    int hFrom = (from + 2) / 3;
                    int hTo = (to + 2) / 3;
                    if (replica) {
                        s.execute("SET LOCAL session_replication_role = replica");
                        java.sql.PreparedStatement p = c.prepareStatement("SELECT id FROM grid WHERE id = ANY(?) FOR KEY SHARE");
                        p.setArray(1, c.createArrayOf("uuid", grids.toArray()));
                        p.executeQuery().close();
                    }
                    StringBuilder ad = new StringBuilder();
                    StringBuilder hh = new StringBuilder();
                    for (int h = hFrom; h < hTo; h++) {
                        ad.append(addressRows[h]);
                        hh.append(householdRows[h]);
                    }
                    var api = c.unwrap(PGConnection.class).getCopyAPI();
                    api.copyIn("COPY address (id, grid_id, full_text) FROM STDIN", new java.io.StringReader(ad.toString()));
                    api.copyIn("COPY household (id, grid_id, address_id, number) FROM STDIN", new java.io.StringReader(hh.toString()));
                    CopyIn in = api.copyIn("COPY person (id, grid_id, household_id, name, "
                            + "name_initials, name_pinyin, id_cipher, id_index, id_last6, id_masked, "
                            + "phone_cipher, phone_index, phone_masked, sex, birth_date, ethnicity, relation, residence, "
                            + "registered_on, left_on, occupation, workplace, note, content_hash) FROM STDIN");
                    for (int i = from; i < to; i++) {
                        byte[] line = lines.get(i);
                        in.writeToCopy(line, 0, line.length);
                    }
                    in.endCopy();
                    c.commit();
                }
                double wall = (System.nanoTime() - t) / 1e9;
                ImportBenchmark.Cpu used = cpu.since(postmaster);
                System.out.printf(Locale.ROOT, "%-12s persons+households: wall %6.2f s, postgres cpu %6.2f s, %6.1f us cpu/person%n",
                        variant, wall, used.postgres(), used.postgres() * 1e6 / n);
            }
        }
        app.close();
    }
}
