package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.rows;
import static org.mockito.Mockito.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.LedgerOffice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.AdditionalAnswers;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A county's persons exported at once are written as they are read: each page of the list goes to a temporary file
 * on disk as it comes (only a small window of rows stays in memory, not the whole sheet), the file says every person
 * with his numbers masked, and nothing is left on disk after. A list longer than a sheet holds ends in a row saying so
 * rather than failing half-way through the download.
 */
class PersonExportStreamingIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Persons persons;
    @Autowired
    PersonRegister register;
    @Autowired
    Households households;
    @Autowired
    PersonCategories categories;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    MessageSource messages;
    @Autowired
    PlatformTransactionManager transactions;

    @TempDir
    Path poiFiles;

    LedgerOffice at;
    Caller officer;

    @BeforeEach
    void anOfficeOfItsOwnAndTemporaryFilesToWatch() {
        at = LedgerOffice.of(jurisdictions, staff, "PST", "人口流式", 125);
        officer = new Caller(at.officer().id().value(), at.username(), at.officer().name(), "COMMUNITY_OFFICER",
                List.of(at.unit().path()), Set.of("POPULATION_READ"));
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiFiles.toFile()));
    }

    @AfterEach
    void theirPersonsGo() {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        jdbc.sql("DELETE FROM person WHERE grid_id = ?").param(at.gridId()).update();
        jdbc.sql("DELETE FROM household WHERE grid_id = ?").param(at.gridId()).update();
        jdbc.sql("DELETE FROM address WHERE grid_id = ?").param(at.gridId()).update();
    }

    @Test
    void thousandsOfPersonsGoToDiskPageByPageMaskedAndTheTemporaryFileIsRemovedAfter() throws Exception {
        int count = 2 * PersonExport.PAGE + 500;
        persons(count);
        // how much of the sheet is on disk each time the export asks for its next page
        List<Long> onDisk = new ArrayList<>();
        Answer<Object> through = AdditionalAnswers.delegatesTo(persons);
        Persons watched = mock(Persons.class, invocation -> {
            if (invocation.getMethod().getName().equals("exportPage")) {
                onDisk.add(bytesOnDisk());
            }
            return through.answer(invocation);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = new PersonExport(watched, register, households, categories, events, messages, transactions)
                .write(new PersonQuery(null, null, null, null, null, null, null), officer, Locale.SIMPLIFIED_CHINESE,
                        out);

        assertThat(written).isEqualTo(count);
        assertThat(onDisk).as("three pages asked for").hasSize(3);
        assertThat(onDisk.get(2)).as("by the third page the first two are on disk, not in memory")
                .isGreaterThan(onDisk.get(1)).isGreaterThan(0L);
        assertThat(bytesOnDisk()).as("the temporary file removed once written").isZero();
        assertThat(files()).isEmpty();
        List<List<String>> sheet = rows(out.toByteArray());
        assertThat(sheet).hasSize(count + 1);
        assertThat(sheet.get(0).subList(0, 2)).containsExactly("姓名", "身份证号");
        assertThat(sheet.subList(1, sheet.size())).allSatisfy(r -> {
            assertThat(r.get(1)).as("the identity number masked").isEqualTo("320722********0019");
            assertThat(r.get(5)).as("the phone masked").isEqualTo("138****5678");
        });
        assertThat(sheet.get(count).get(0)).isEqualTo(String.format("流式%05d", count));
    }

    @Test
    void aListLongerThanASheetHoldsEndsInARowSayingSoAndTheTrailSaysItWasCut() throws Exception {
        persons(5);
        PersonExport export = new PersonExport(persons, register, households, categories, events, messages,
                transactions);
        // a sheet holds a million rows; the test lowers the most rather than writing them
        export.most = 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = export.write(new PersonQuery(null, null, null, null, null, null, null), officer,
                Locale.SIMPLIFIED_CHINESE, out);

        assertThat(written).isEqualTo(3);
        List<List<String>> sheet = rows(out.toByteArray());
        assertThat(sheet).hasSize(5);
        assertThat(sheet.subList(1, 4)).extracting(r -> r.get(0)).containsExactly("流式00001", "流式00002", "流式00003");
        assertThat(sheet.get(4).get(0)).contains("已达一个表格所能容纳的 3 人", "其余未导出");
        String after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE record_type = 'person-export' ORDER BY seq DESC LIMIT 1""")
                .query(String.class).single();
        assertThat(after).contains("\"rows\": 3", "\"cut\": true");
    }

    /**
     * Each page is read after the last person written (keyset), not from an offset: the file holds the persons the
     * list shows, in its order, whichever way the list walks them: by name (persons of one name in id order), by
     * initials and then the Latin names whose word the letters start, and door by door for an address alone, where a
     * page ends in the middle of one address's persons.
     */
    @Test
    void pageAfterPageTheFileHoldsThePersonsTheListShowsInItsOrder() throws Exception {
        String n = at.n();
        for (int i = 0; i < 3; i++) {
            person("键集同名", "jjtm", null);
        }
        for (int i = 0; i < 4; i++) {
            person("键集" + (char) ('甲' + i), "jj", null);
        }
        for (int i = 0; i < 3; i++) {
            person("Anna Jjx" + (char) ('a' + i), "aj", null);
        }
        for (int door : new int[] {10, 2, 1}) {
            UUID address = UUID.randomUUID();
            jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)").params(address, at.gridId(),
                    "键集村" + n + "1组" + door + "号").update();
            UUID household = UUID.randomUUID();
            jdbc.sql("INSERT INTO household (id, grid_id, number, address_id) VALUES (?, ?, ?, ?)").params(household,
                    at.gridId(), "JJ" + n + "-" + door, address).update();
            for (int i = 0; i < 3; i++) {
                person("门序" + door + (char) ('甲' + i), "mx", household);
            }
        }
        PersonExport export = new PersonExport(persons, register, households, categories, events, messages,
                transactions);
        export.page = 2;

        for (PersonQuery query : new PersonQuery[] {new PersonQuery(null, null, null, null, null, null, null),
                new PersonQuery("jj", null, null, null, null, null, null),
                new PersonQuery(null, "键集村" + n, null, null, null, null, null)}) {
            List<String> listed = persons.search(register.readAs(query, officer), officer, Persons.COUNT_CAP, 0).rows()
                    .stream().map(r -> r.id().toString()).toList();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long written = export.write(query, officer, Locale.SIMPLIFIED_CHINESE, out);
            List<String> ids = rows(out.toByteArray()).stream().skip(1).map(r -> r.get(r.size() - 1)).toList();
            assertThat(listed).as(query.toString()).hasSizeGreaterThan(3 * export.page);
            assertThat(ids).as(query.toString()).containsExactlyElementsOf(listed);
            assertThat(written).isEqualTo(listed.size());
        }
        // the Latin names the letters start a word of, after the initials' own matches, are in the file
        assertThat(persons.search(new PersonQuery("jj", null, null, null, null, null, null), officer, 50, 0).rows())
                .extracting(Persons.Row::name).endsWith("Anna Jjxa", "Anna Jjxb", "Anna Jjxc");
    }

    private void person(String name, String initials, UUID household) {
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, residence, content_hash)
                VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, 'PERMANENT', 'export-keyset')""")
                .params(at.gridId(), household, name, initials, initials).update();
    }

    private void persons(int count) {
        jdbc.sql("""
                INSERT INTO person (id, grid_id, name, name_initials, name_pinyin, residence, id_masked, phone_masked,
                                    content_hash)
                SELECT gen_random_uuid(), :grid, '流式' || lpad(g::text, 5, '0'), 'ls', 'liushi', 'PERMANENT',
                       '320722********0019', '138****5678', 'export-streaming'
                FROM generate_series(1, :count) g""").param("grid", at.gridId()).param("count", count).update();
    }

    private List<Path> files() {
        try (Stream<Path> all = Files.walk(poiFiles)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long bytesOnDisk() {
        return files().stream().mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0;
            }
        }).sum();
    }
}
