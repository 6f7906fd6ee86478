package org.fengqiao.platform.crypto;

import org.fengqiao.platform.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform starts only with the key its stored personal data was sealed under. Another key (a fresh
 * FENGQIAO_DATA_KEY set over a demo's generated one, a second instance given its own, a data directory restored
 * without its personal-data.key, which the demo then generates anew) reads none of the identity numbers and phones
 * stored before and seals new ones under itself, so the data would be split between two keys. The first start keeps
 * the key's check value in the database (the JdbcClient waits for the migrations); every later start compares.
 */
@Component
class PersonalDataKeyCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeyCheck.class);

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    PersonalDataKeyCheck(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void afterPropertiesSet() {
        String mine = cipher.keyCheck();
        if (jdbc.sql("INSERT INTO personal_data_key_check (check_value) VALUES (?) ON CONFLICT (id) DO NOTHING")
                .param(mine).update() == 1) {
            log.info("The personal data key is now this database's: a start with another key will be refused");
            return;
        }
        String kept = jdbc.sql("SELECT check_value FROM personal_data_key_check").query(String.class).single();
        if (!kept.equals(mine)) {
            // a demo key generated just now for a data directory restored without its own: not left as if it were
            cipher.discardGeneratedKey();
            throw new StartRefused("The personal data key (FENGQIAO_DATA_KEY, or personal-data.key in the data "
                    + "directory) is not the key this database's identity numbers "
                    + "and phones are stored under, which alone reads them",
                    "Start with that key (FENGQIAO_DATA_KEY as it was set, or the personal-data.key of the data "
                    + "directory or backup the database came from).");
        }
    }
}
