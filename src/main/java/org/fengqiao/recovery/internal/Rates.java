package org.fengqiao.recovery.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recovery and return rates (挽损率, 返还率): recovered / lost, returned / lost and returned / recovered, per file,
 * and per station and year (the year the file was registered), over the caller's files only (the scope inside the
 * SQL). Sums in fen; each rate a percentage with one decimal, rounded half up, or none when nothing was lost (or
 * nothing recovered). What a file recovered counts towards its recovery rate only up to what its victims lost:
 * an asset seized may be worth more than the loss (a car for a fraud of a quarter of its price), and a rate of
 * 400 % says nothing a chief can explain; the part beyond each file's loss is shown beside the rate instead, file
 * by file (one file's surplus makes up for no other file's loss).
 */
@Service
public class Rates {

    /**
     * Money of one file or a group of files, with its three rates in percent (null where the base is 0);
     * {@code recoveredBeyondLossFen} is the part of what was recovered above each file's loss, which the recovery
     * rate leaves out, so it never reads above 100 %.
     */
    @Schema(name = "RecoveryFigures")
    public record Figures(long lostFen, long recoveredFen, long returnedFen, BigDecimal recoveryRate,
            BigDecimal returnRate, BigDecimal returnOfRecovered, long recoveredBeyondLossFen) {

        /** One file's money. */
        public static Figures of(long lostFen, long recoveredFen, long returnedFen) {
            return of(lostFen, recoveredFen, returnedFen, Math.max(0, recoveredFen - lostFen));
        }

        /** A group of files' money, with the sum of what each recovered beyond its own loss. */
        public static Figures of(long lostFen, long recoveredFen, long returnedFen, long recoveredBeyondLossFen) {
            return new Figures(lostFen, recoveredFen, returnedFen,
                    percent(recoveredFen - recoveredBeyondLossFen, lostFen), percent(returnedFen, lostFen),
                    percent(returnedFen, recoveredFen), recoveredBeyondLossFen);
        }
    }

    /** One station's files of one year. */
    @Schema(name = "RecoveryRateRow")
    public record Row(UUID unitId, String unitCode, String unitName, int year, long files, Figures figures) {
    }

    public record Table(List<Row> rows, Figures total, long files) {
    }

    private final JdbcClient jdbc;

    Rates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code part / whole} in percent with one decimal, half up; null when whole is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }

    public static Figures of(RecoveryFiles.File f) {
        return Figures.of(f.lostFen(), f.recoveredFen(), f.returnedFen());
    }

    /** Per station and year, newest year first; {@code year} null for every year, one out of range refused. */
    public Table byStationAndYear(Integer year, List<String> scopePaths) {
        RecoveryFiles.checkedYear(year);
        List<Row> rows = jdbc.sql("""
                WITH f AS (
                  SELECT extract(year FROM f.registered_on)::int AS year,
                         coalesce((SELECT s.id FROM unit s WHERE s.kind = 'STATION' AND u.path LIKE s.path || '%'
                                   ORDER BY s.depth DESC LIMIT 1), u.id) AS station,
                         (SELECT coalesce(sum(l.amount_fen), 0) FROM recovery_loss l WHERE l.file_id = f.id) AS lost,
                         (SELECT coalesce(sum(a.value_fen), 0) FROM recovery_asset a
                           WHERE a.file_id = f.id AND a.state IN ('SEIZED', 'FROZEN', 'RETURNED')) AS recovered,
                         (SELECT coalesce(sum(r.amount_fen), 0) FROM recovery_return r WHERE r.file_id = f.id) AS returned
                  FROM recovery_file f JOIN grid g ON g.id = f.grid_id JOIN unit u ON u.id = g.unit_id
                  WHERE u.path LIKE ANY(CAST(:scope AS text[]))
                    AND (CAST(:year AS int) IS NULL OR (f.registered_on >= make_date(CAST(:year AS int), 1, 1)
                         AND f.registered_on < make_date(CAST(:year AS int) + 1, 1, 1))))
                SELECT f.station, s.code, s.name, f.year, count(*) AS files, sum(f.lost) AS lost,
                       sum(f.recovered) AS recovered, sum(f.returned) AS returned,
                       sum(greatest(f.recovered - f.lost, 0)) AS beyond
                FROM f JOIN unit s ON s.id = f.station
                GROUP BY f.station, s.code, s.name, f.year ORDER BY f.year DESC, s.code""")
                .param("scope", RecoveryFiles.patterns(scopePaths)).param("year", year)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), Figures.of(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9))))
                .list();
        long lost = rows.stream().mapToLong(r -> r.figures().lostFen()).sum();
        long recovered = rows.stream().mapToLong(r -> r.figures().recoveredFen()).sum();
        long returned = rows.stream().mapToLong(r -> r.figures().returnedFen()).sum();
        long beyond = rows.stream().mapToLong(r -> r.figures().recoveredBeyondLossFen()).sum();
        return new Table(rows, Figures.of(lost, recovered, returned, beyond), rows.stream().mapToLong(Row::files).sum());
    }
}
