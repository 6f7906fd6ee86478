package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person written by the import's COPY path is stored exactly as one registered by hand: the same search
 * columns, blind indexes, masks and content hash, so a later import of the same row sees it unchanged and a
 * search finds it the same way.
 */
class PersonsCopyIntegrationTests extends IntegrationTest {

    @Autowired
    Persons persons;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    JdbcClient jdbc;

    Map<String, Object> stored(UUID id) throws java.sql.SQLException {
        Map<String, Object> row = new java.util.TreeMap<>(jdbc.sql("SELECT * FROM person WHERE id = ?").param(id)
                .query().singleRow());
        for (String column : List.of("id", "created_at", "updated_at")) {
            row.remove(column);
        }
        // ciphertexts differ by their random IVs: compare what they seal
        row.put("id_cipher", cipher.decrypt((byte[]) row.get("id_cipher")));
        row.put("phone_cipher", cipher.decrypt((byte[]) row.get("phone_cipher")));
        return row;
    }

    @Test
    void aPersonCopiedInIsStoredExactlyAsOneInsertedRowByRow() throws Exception {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01' AND network = 'POLICE'").query(UUID.class).single();
        IdentityNumber number = IdentityNumber.parse(TestIdentityNumbers.next(Sex.FEMALE));
        // a name with a character outside the Basic Multilingual Plane, a quote and a backslash; text with tab and line break
        Persons.Fields fields = new Persons.Fields(grid, null, "欧阳𠮷\"娜\\娜", number, "13812345678", "FEMALE",
                number.birthDate(), "01", Relation.SPOUSE, Residence.FLOATING, LocalDate.of(2024, 3, 1), null,
                "教师\t兼职", "县一中\n初中部", "备注");

        UUID inserted = persons.insert(fields);
        Map<String, Object> byInsert = stored(inserted);
        jdbc.sql("DELETE FROM person WHERE id = ?").param(inserted).update();

        UUID copiedId = PersonIds.next();
        Persons.Prepared prepared = persons.preparer().prepare(fields, copiedId, null);
        persons.insertCopy(List.of(prepared));
        Map<String, Object> byCopy = stored(copiedId);

        assertThat(byCopy).isEqualTo(byInsert);
        assertThat(prepared.hash()).isEqualTo(byInsert.get("content_hash"));
        assertThat(prepared.idIndex()).isEqualTo(byInsert.get("id_index"));
        assertThat(byCopy.get("name")).isEqualTo("欧阳𠮷\"娜\\娜");
        assertThat(byCopy.get("id_cipher")).isEqualTo(number.value());
        jdbc.sql("DELETE FROM person WHERE id = ?").param(copiedId).update();
    }

    @Test
    void anIdentityNumberIsStoredForOnePersonOnlyWhicheverWayTheSecondComesIn() {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01' AND network = 'POLICE'").query(UUID.class).single();
        IdentityNumber number = IdentityNumber.parse(TestIdentityNumbers.next(Sex.MALE));
        Persons.Fields first = new Persons.Fields(grid, null, "唯一号", number, null, "MALE", number.birthDate(), "01",
                null, Residence.PERMANENT, null, null, null, null, null);
        Persons.Fields second = new Persons.Fields(grid, null, "重号人", number, "13912345678", "MALE",
                number.birthDate(), "01", null, Residence.PERMANENT, null, null, null, null, null);
        UUID id = persons.insert(first);

        assertThatThrownBy(() -> persons.insert(second))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThatThrownBy(() -> persons.insertCopy(List.of(persons.preparer().prepare(second, PersonIds.next(), null))))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name IN ('唯一号', '重号人') AND id_masked = ?")
                .param(number.masked()).query(Long.class).single()).isEqualTo(1);
        assertThat(persons.idOfNumber(number)).contains(id);
        jdbc.sql("DELETE FROM person WHERE id = ?").param(id).update();
    }
}
