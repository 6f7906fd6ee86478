package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the embedded database an import checks the grids, households and addresses its rows refer to once per key
 * and writes with the per-row foreign-key triggers off: a trigger added to person, household or address that
 * would not fire in that mode sends every import back to a query per row (it happened once, and doubled what
 * PostgreSQL spent on a million persons), so this test names the triggers the tables may carry: the name
 * dictionary's (V71) and the household's copy of its address's text (V154), all enabled ALWAYS.
 */
class PersonImportReferencesIntegrationTests extends IntegrationTest {

    @Autowired
    PersonImport imports;
    @Autowired
    JdbcClient jdbc;

    @Test
    void importsOnTheEmbeddedDatabaseCheckReferencesPerKeyAndTheNameDictionaryStillLearnsEveryName() {
        assertThat(imports.setBasedReferences()).isTrue();
        assertThat(jdbc.sql("""
                SELECT tgname || ':' || tgenabled::text FROM pg_trigger
                WHERE tgrelid IN ('person'::regclass, 'household'::regclass, 'address'::regclass) AND NOT tgisinternal
                ORDER BY tgname""").query(String.class).list())
                .containsExactly("address_text_to_households:A", "household_address_text_insert:A",
                        "household_address_text_update:A", "person_name_bigram_insert:A", "person_name_bigram_rename:A");
    }
}
