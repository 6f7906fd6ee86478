package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic but plausible people: Chinese names drawn from common surnames and given-name
 * characters, mobile numbers in the 138 range, and start dates, all from one seeded random source
 * so that every demo load gives the same district. Names and numbers are never handed out twice.
 */
final class DemoPeople {

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭";
    private static final String GIVEN = "建国军华明伟强平志永春海红秀英兰芳玉桂凤云霞梅丽静敏燕小立新文德成福贵宝喜庆荣金银东西南北中山水林峰涛波洪亮光辉振兴学忠厚良善义礼仁勇俊杰佳欣怡雨晨";

    private final Random random;
    private final Set<String> names = new HashSet<>();
    private final Set<String> phones = new HashSet<>();

    DemoPeople(long seed) {
        this.random = new Random(seed);
    }

    /** A new name; with a preferred surname, about half the people get it, as in a village of one clan. */
    String name(String preferredSurname) {
        while (true) {
            char surname = preferredSurname != null && random.nextBoolean()
                    ? preferredSurname.charAt(0) : SURNAMES.charAt(random.nextInt(SURNAMES.length()));
            StringBuilder name = new StringBuilder().append(surname).append(GIVEN.charAt(random.nextInt(GIVEN.length())));
            if (random.nextInt(4) > 0) {
                name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
            }
            if (names.add(name.toString())) {
                return name.toString();
            }
        }
    }

    /** Claims a name given by hand so that no generated person gets it too. */
    String named(String name) {
        names.add(name);
        return name;
    }

    String phone() {
        while (true) {
            String phone = String.format("138%08d", random.nextInt(100_000_000));
            if (phones.add(phone)) {
                return phone;
            }
        }
    }

    /** Claims a number given by hand. */
    String phone(String phone) {
        phones.add(phone);
        return phone;
    }

    /** A day from {@code from} up to {@code to}, both included. */
    LocalDate between(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(random.nextInt((int) days + 1));
    }
}
