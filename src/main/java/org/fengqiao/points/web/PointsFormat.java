package org.fengqiao.points.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.fengqiao.points.internal.Leaderboards;

/** What the points pages print: moments in China's time, fen as yuan. */
public final class PointsFormat {

    static final PointsFormat INSTANCE = new PointsFormat();
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Leaderboards.ZONE);

    public String at(Instant i) {
        return i == null ? "" : AT.format(i);
    }

    public String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
