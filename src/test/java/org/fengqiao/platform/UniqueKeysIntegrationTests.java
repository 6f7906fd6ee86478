package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every unique key a module declares as checked names a unique index of the schema: a constraint renamed by a
 * migration would otherwise silently bring back the generic answer to the loser of a race.
 */
class UniqueKeysIntegrationTests extends IntegrationTest {

    @Autowired
    List<UniqueKey> keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSource messages;

    @Test
    void everyCheckedUniqueKeyNamesAUniqueIndexOfTheSchema() {
        assertThat(keys).extracting(UniqueKey::constraint).contains("household_number_key",
                "building_grid_id_name_key", "force_team_unit_id_name_key", "force_team_member_open",
                "security_company_licence_number_key",
                "organisation_licence_no_key", "staff_username_key", "grid_role_no_double", "unit_code_key");
        for (UniqueKey key : keys) {
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE c.relname = ? AND i.indisunique AND pg_table_is_visible(c.oid)""")
                    .param(key.constraint()).query(Long.class).single()).as(key.constraint()).isOne();
            // and its check's line reads in both languages
            String chinese = messages.getMessage(key.key(), new Object[] {"X"}, Locale.SIMPLIFIED_CHINESE);
            String english = messages.getMessage(key.key(), new Object[] {"X"}, Locale.ENGLISH);
            assertThat(chinese).as(key.key()).isNotEqualTo(english).containsPattern("\\p{IsHan}");
            assertThat(english).as(key.key()).doesNotContainPattern("\\p{IsHan}");
        }
    }
}
