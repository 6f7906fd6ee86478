package org.fengqiao.population;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid GB 11643 identity numbers for tests, each one new within a run. */
public final class TestIdentityNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 400));

    private TestIdentityNumbers() {
    }

    public static String of(String division, LocalDate birth, int sequence, Sex sex) {
        int order = sequence * 2 + (sex == Sex.MALE ? 1 : 0);
        String body = division + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", order % 1000);
        return body + check(body);
    }

    /**
     * A fresh number of 东海县 (320722). The sequence digits follow a counter, so 500 numbers in a
     * row differ in their last four characters too, and tests can tell them apart by the masked form.
     * The birth dates are those the demo never gives a resident (DemoResidents.couldBeATestNumber:
     * (year − 1950) mod 12 = month − 1 and (year − 1950) mod 4 = (day − 1) mod 4), so a test's person
     * is never refused as a demo resident's number already registered; 210,000 numbers before one repeats.
     */
    public static String next(Sex sex) {
        int n = SEQUENCE.incrementAndGet();
        int block = n / 500;
        int years = block % 60;
        LocalDate birth = LocalDate.of(1950 + years, 1 + years % 12, 1 + years % 4 + 4 * ((block / 60) % 7));
        return of("320722", birth, n % 500, sex);
    }

    /**
     * A fresh number of a person born in the 1950s, 60 or older from 2020 on: who may be an elderly person living alone
     * (ElderlyAlonePolicy), which {@link #next} does not promise once a run has drawn a few thousand numbers. The birth
     * dates are of {@link #next}'s pattern, so never a demo resident's, on days 5–28, which {@link #next} gives only
     * after 30,000 numbers: 3,000 numbers before one repeats.
     */
    public static String elderly(Sex sex) {
        int n = SEQUENCE.incrementAndGet();
        int block = n / 500;
        int years = block % 10;
        LocalDate birth = LocalDate.of(1950 + years, 1 + years % 12, 1 + years % 4 + 4 * (1 + (block / 10) % 6));
        return of("320722", birth, n % 500, sex);
    }

    /**
     * A fresh number of a child of about ten (born 9 to 12 years before this year): who may be a left-behind child,
     * which nobody of 16 or older may be. The birth dates are those the demo never gives a child
     * (DemoResidents.couldBeATestNumber: from 2010 on, days 1–28 of every month where (year − 1950) mod 4 =
     * (day − 1) mod 4), so a test's child is never refused as a demo resident's number already registered; 168,000
     * numbers before one repeats, none of them one {@link #next} gives (born before 2010).
     */
    public static String child(Sex sex) {
        int n = SEQUENCE.incrementAndGet();
        int block = n / 500;
        int year = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() - 12 + block % 4;
        int month = 1 + (block / 4) % 12;
        int day = 1 + (year - 1950) % 4 + 4 * ((block / 48) % 7);
        return of("320722", LocalDate.of(year, month, day), n % 500, sex);
    }

    public static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
