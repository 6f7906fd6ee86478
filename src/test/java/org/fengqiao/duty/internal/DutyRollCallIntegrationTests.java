package org.fengqiao.duty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The morning roll call notes every officer of the county who owes the duties of the day that closed: one statement
 * for the whole roll, however many officers, each noted with his name, unit and since as they were.
 */
class DutyRollCallIntegrationTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DutyRecords records;

    /** A day of its own, long before any the sweep takes, so no roll of the suite's is touched. */
    final LocalDate day = LocalDate.of(1990, 1, 1).plusDays(new Random().nextInt(3000));

    @AfterEach
    void dropTheRoll() {
        // a roll in 1990 left behind would be nobody's; the sweep takes the days after the last it took
        jdbc.sql("DELETE FROM duty_roll WHERE closed_on = ?").param(day).update();
        jdbc.sql("DELETE FROM duty_roll_day WHERE closed_on = ?").param(day).update();
    }

    /** The data source with every statement prepared on it noted, so the test sees how many the roll call sends. */
    DataSource counting(List<String> prepared) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (result instanceof Connection c) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                                        prepared.add(sql);
                                    }
                                    return invoke(m, c, a);
                                });
                    }
                    return result;
                });
    }

    static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theRollOfEveryOfficerIsWrittenInOneStatement() {
        List<DutyRecords.Officer> officers = records.officers("", new String[] {"%"});
        assertThat(officers).as("the demo county's officers").hasSizeGreaterThan(3);
        List<String> prepared = Collections.synchronizedList(new ArrayList<>());
        DutyResults results = new DutyResults(JdbcClient.create(counting(prepared)));

        int noted = results.rollCall(day, officers, OffsetDateTime.now(ZoneOffset.UTC));

        assertThat(noted).isEqualTo(officers.size());
        assertThat(prepared.stream().filter(sql -> sql.contains("INSERT INTO duty_roll ")).count())
                .as("statements writing the roll, for %d officers", officers.size()).isEqualTo(1);
        List<String> kept = jdbc.sql("""
                SELECT officer_id || ' ' || officer_name || ' ' || unit_id || ' ' || unit_path || ' ' || since
                FROM duty_roll WHERE closed_on = ?""").param(day).query(String.class).list();
        assertThat(kept).containsExactlyInAnyOrderElementsOf(officers.stream()
                .map(o -> o.id() + " " + o.name() + " " + o.unitId() + " " + o.unitPath() + " " + o.since()).toList());
        assertThat(results.rollCall(day, officers, OffsetDateTime.now(ZoneOffset.UTC)))
                .as("a day's roll is taken once").isZero();
    }
}
