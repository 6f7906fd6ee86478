package org.fengqiao.forces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The forces roster export writes every list whole, read a page at a time after the last row written: a station's
 * members used to be read as one list cut at 20,000 (teams, companies and posts at 500), and the file did not say so.
 * A list longer than a sheet holds ends in a row saying so, and the audit entry names the sheet cut.
 */
class ForcesExportStreamingIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ForcesDesk desk;
    @Autowired
    Teams teams;
    @Autowired
    Members members;
    @Autowired
    Companies companies;
    @Autowired
    Posts posts;
    @Autowired
    MessageSource messages;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    Caller chief;

    @BeforeEach
    void theDemoChief() {
        UUID id = jdbc.sql("SELECT id FROM staff WHERE username = 'chief'").query(UUID.class).single();
        String path = jdbc.sql("SELECT u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'chief'")
                .query(String.class).single();
        chief = new Caller(id, "chief", "所长", "STATION_CHIEF", List.of(path),
                Set.of("FORCES_READ", "INCIDENT_INFORMANT_IDENTITY"));
    }

    @Test
    void everyListIsWrittenWholePageAfterPageInTheListsOwnOrder() throws Exception {
        ForcesExport export = export();
        export.page = 3;
        List<String> listed = members.list(new Members.Filter(null, null, null, null, null, null),
                Visibility.of(chief), 100_000, 0).items().stream().map(Members.Member::name).toList();
        assertThat(listed).as("more members than a page").hasSizeGreaterThan(3 * export.page);
        List<String> teamsListed = teams.list(Visibility.of(chief), null, null, null).stream().map(Teams.Team::name)
                .toList();
        List<String> postsListed = posts.list(Visibility.of(chief), null, null).stream().map(Posts.Post::name).toList();

        try (XSSFWorkbook book = write(export)) {
            assertThat(column(book.getSheet("队员"))).containsExactlyElementsOf(listed);
            assertThat(column(book.getSheet("队伍"))).containsExactlyElementsOf(teamsListed);
            assertThat(column(book.getSheet("岗点与班次"))).containsExactlyElementsOf(postsListed);
        }
        assertThat(lastAudit()).contains("\"members\": " + listed.size(), "\"cut\": []");
    }

    @Test
    void aListLongerThanASheetHoldsEndsInARowSayingSoAndTheTrailNamesTheSheetCut() throws Exception {
        ForcesExport export = export();
        // a sheet holds a million rows; the test lowers the most rather than writing them
        export.most = 4;
        export.page = 3;
        List<String> listed = members.list(new Members.Filter(null, null, null, null, null, null),
                Visibility.of(chief), 100_000, 0).items().stream().map(Members.Member::name).toList();

        try (XSSFWorkbook book = write(export)) {
            Sheet sheet = book.getSheet("队员");
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
            List<String> names = column(sheet);
            assertThat(names.subList(0, 4)).containsExactlyElementsOf(listed.subList(0, 4));
            assertThat(names.get(4)).isEqualTo("本表已达一个表格所能容纳的 4 行，其余未导出");
        }
        assertThat(lastAudit()).contains("\"members\": 4", "队员");
    }

    @Test
    void theCutRowReadsInEnglishForAnEnglishReader() throws Exception {
        ForcesExport export = export();
        export.most = 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(chief, Locale.ENGLISH, () -> out);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(book.getSheet("Members").getRow(2).getCell(0).getStringCellValue())
                    .isEqualTo("A sheet holds no more than 1 row: the rest of this list is not in this file.");
        }
    }

    private ForcesExport export() {
        return new ForcesExport(desk, teams, members, companies, posts, messages, events, transactions);
    }

    private XSSFWorkbook write(ForcesExport export) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(chief, Locale.SIMPLIFIED_CHINESE, () -> out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private String lastAudit() {
        return jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE record_type = 'force_roster' ORDER BY seq DESC LIMIT 1""")
                .query(String.class).single();
    }

    private static List<String> column(Sheet sheet) {
        List<String> values = new ArrayList<>();
        for (Row row : sheet) {
            if (row.getRowNum() > 0) {
                values.add(row.getCell(0).getStringCellValue());
            }
        }
        return values;
    }
}
