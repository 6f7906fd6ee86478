package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonIdsTests {

    @Test
    void idsAreVersion7UuidsThatSortByTheTimeTheyWereMadeAndNeverRepeat() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(PersonIds.next());
        }
        Thread.sleep(3);
        UUID later = PersonIds.next();
        Set<UUID> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(ids.size());
        for (UUID id : ids) {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            // PostgreSQL orders uuids by their bytes, which for the high half is unsigned order
            assertThat(Long.compareUnsigned(id.getMostSignificantBits() >>> 16, later.getMostSignificantBits() >>> 16))
                    .isLessThan(0);
        }
        long millis = ids.get(0).getMostSignificantBits() >>> 16;
        assertThat(Math.abs(millis - System.currentTimeMillis())).isLessThan(60_000);
    }
}
