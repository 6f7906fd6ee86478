package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Whatever a value holds, PostgreSQL reads back from COPY exactly what was written. */
class CopyTextIntegrationTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    record Values(UUID id, String text, String[] array, byte[] bytes, LocalDate day) {
    }

    @Test
    void textArraysByteaUuidsDatesAndNullsComeBackAsTheyWereWritten() throws Exception {
        List<Values> rows = new ArrayList<>();
        rows.add(new Values(UUID.randomUUID(), "张三", new String[] {"张三"}, new byte[] {0, 1, (byte) 0xFF}, LocalDate.of(1980, 1, 31)));
        rows.add(new Values(UUID.randomUUID(), "back\\slash\ttab\nnew\rline \"quoted\" {braces}, comma",
                new String[] {"a\"b", "c\\d", "e,f", "{g}", "tab\there", "", "NULL"}, new byte[0], null));
        // a name with a character outside the Basic Multilingual Plane (𠮷, a surrogate pair in Java)
        rows.add(new Values(UUID.randomUUID(), "𠮷野家\u00e9\u0001", new String[] {"𠮷野", "野家"}, null, LocalDate.of(2000, 2, 29)));
        rows.add(new Values(new UUID(0, 0), null, null, new byte[] {92, 120}, LocalDate.of(1900, 1, 1)));
        rows.add(new Values(new UUID(-1, -1), "\\N", new String[] {"\\N"}, null, null));
        CopyText copy = new CopyText(16);
        for (Values v : rows) {
            copy.uuid(v.id()).text(v.text()).array(v.array()).bytea(v.bytes()).date(v.day()).endRow();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE copy_text_test (id uuid, t text, a text[], b bytea, d date)");
            assertThat(copy.copyInto(c, "COPY copy_text_test FROM STDIN")).isEqualTo(rows.size());
            for (Values v : rows) {
                try (ResultSet rs = s.executeQuery("SELECT t, a, b, d FROM copy_text_test WHERE id = '" + v.id() + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(v.text());
                    java.sql.Array array = rs.getArray(2);
                    assertThat(array == null ? null : (String[]) array.getArray()).isEqualTo(v.array());
                    assertThat(rs.getBytes(3)).isEqualTo(v.bytes());
                    java.sql.Date day = rs.getDate(4);
                    assertThat(day == null ? null : day.toLocalDate()).isEqualTo(v.day());
                }
            }
        }
        assertThat(Arrays.copyOf(new CopyText(4).uuid(rows.get(0).id()).endRow().toByteArray(), 36))
                .asString().isEqualTo(rows.get(0).id().toString());
    }
}
