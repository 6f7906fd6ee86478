package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.rows;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.BetweenPages;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.LedgerOffice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The persons export is the list as it stood when the export began: a person renamed by someone else while a large
 * export is read (he moves from the top of the list to its end) is neither written twice nor pushes another person out.
 */
class PersonExportSnapshotIntegrationTests extends IntegrationTest {

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

    LedgerOffice at;

    @BeforeEach
    void anOfficeOfItsOwn() {
        at = LedgerOffice.of(jurisdictions, staff, "PES", "人口快照", 124);
    }

    @AfterEach
    void theirPersonsGo() {
        jdbc.sql("DELETE FROM person WHERE grid_id = ?").param(at.gridId()).update();
    }

    @Test
    void aPersonRenamedWhileTheExportIsReadIsWrittenOnceAndNoneIsLeftOut() throws Exception {
        int count = PersonExport.PAGE + 1;
        // listed by name: 快照00001 first, 快照05001 last
        jdbc.sql("""
                INSERT INTO person (id, grid_id, name, name_initials, name_pinyin, residence, content_hash)
                SELECT gen_random_uuid(), :grid, '快照' || lpad(g::text, 5, '0'), 'kz', 'kuaizhao', 'PERMANENT',
                       'export-snapshot'
                FROM generate_series(1, :count) g""").param("grid", at.gridId()).param("count", count).update();
        // between the first page and the second, the first person is renamed and so listed last
        Persons between = BetweenPages.changing(Persons.class, persons, "exportPage", args -> args[2] != null,
                () -> jdbc.sql("UPDATE person SET name = '快照99999' WHERE grid_id = ? AND name = '快照00001'")
                        .param(at.gridId()).update());
        Caller officer = new Caller(at.officer().id().value(), at.username(), at.officer().name(),
                "COMMUNITY_OFFICER", List.of(at.unit().path()), Set.of("POPULATION_READ"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = new PersonExport(between, register, households, categories, events, messages, transactions)
                .write(new PersonQuery(null, null, null, null, null, null, null), officer, Locale.SIMPLIFIED_CHINESE,
                        out);

        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ? AND name = '快照99999'")
                .param(at.gridId()).query(Long.class).single()).as("the rename was committed while the export was read")
                .isEqualTo(1);
        List<List<String>> sheet = rows(out.toByteArray());
        assertThat(firstColumn(sheet)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, count).mapToObj(i -> "快照" + String.format("%05d", i)).toList());
        assertThat(written).isEqualTo(count);
    }
}
