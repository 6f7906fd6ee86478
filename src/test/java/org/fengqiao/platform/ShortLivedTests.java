package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShortLivedTests {

    final AtomicInteger loads = new AtomicInteger();

    String load(String key) {
        loads.incrementAndGet();
        return key.equals("absent") ? null : key + loads.get();
    }

    @Test
    void remembersWithinItsTimeAndForgetsWhenCleared() {
        ShortLived<String, String> cache = new ShortLived<>(Duration.ofMinutes(1), 100);
        assertThat(cache.get("a", this::load)).isEqualTo("a1");
        assertThat(cache.get("a", this::load)).isEqualTo("a1");
        assertThat(loads).hasValue(1);
        cache.clear();
        assertThat(cache.get("a", this::load)).isEqualTo("a2");
    }

    @Test
    void anAbsentValueIsAskedForEveryTime() {
        ShortLived<String, String> cache = new ShortLived<>(Duration.ofMinutes(1), 100);
        assertThat(cache.get("absent", this::load)).isNull();
        assertThat(cache.get("absent", this::load)).isNull();
        assertThat(loads).hasValue(2);
    }

    @Test
    void expiresAndCanBeTurnedOff() throws InterruptedException {
        ShortLived<String, String> brief = new ShortLived<>(Duration.ofMillis(30), 100);
        brief.get("a", this::load);
        Thread.sleep(60);
        assertThat(brief.get("a", this::load)).isEqualTo("a2");
        ShortLived<String, String> off = new ShortLived<>(Duration.ZERO, 100);
        off.get("b", this::load);
        off.get("b", this::load);
        assertThat(loads).hasValue(4);
    }

    @Test
    void startsAfreshPastItsSize() {
        ShortLived<String, String> cache = new ShortLived<>(Duration.ofMinutes(1), 2);
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("c", this::load);
        assertThat(cache.get("a", this::load)).as("forgotten when c came in").isEqualTo("a4");
    }
}
