package org.fengqiao.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.review.ReviewLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 004's 群众评议: a card for every village and community officer, and residents' reviews of last month and this
 * one, most in 房山派出所's five villages (officer 李建国), fewer in 和平社区警务工作站's two communities (officer2). Most
 * residents know their officer and are satisfied; in 兴谷村 last month few had seen him (见警率 low), which reached the
 * station chief's inbox; one comment gives a phone number, for the chief to hide. The same reviews on every load of
 * the same district (a fixed seed).
 */
@Component
class DemoReviews extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_52455649L;
    private static final String BY = "demo";
    private static final List<String> COMMENTS = List.of("李警官经常来村里，很负责", "上次邻里纠纷调解得很公道",
            "希望晚上多巡逻几次", "电动车被盗的事一直没有消息", "民警态度很好，办事快", "村口路灯坏了，希望协调修一下",
            "防诈骗宣传讲得很清楚，老人都听懂了");

    private final ReviewLoader loader;

    DemoReviews(ReviewLoader loader, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.loader = loader;
    }

    @Override
    int loadOnce() {
        if (loader.any() || login("officer") == null) {
            return 0;
        }
        int reviews = 0;
        Random random = new Random(20261104L);
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        YearMonth now = YearMonth.from(today);
        List<Object[]> communities = jdbc.sql("""
                SELECT m.id, m.name, s.username FROM community m JOIN staff s ON s.id = m.officer_id ORDER BY m.code""")
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)}).list();
        for (Object[] c : communities) {
            String code = loader.card((UUID) c[0], BY);
            String officer = (String) c[2];
            if (code == null || !("officer".equals(officer) || "officer2".equals(officer))) {
                continue;
            }
            boolean rural = "officer".equals(officer);
            boolean rarelySeen = "兴谷村".equals(c[1]);
            reviews += month(code, now.minusMonths(1), rural ? 10 + random.nextInt(5) : 5, rarelySeen, today, random);
            reviews += month(code, now, rural ? 4 + random.nextInt(4) : 3, false, today, random);
        }
        String wuchang = jdbc.sql("""
                SELECT c.code FROM review_card c JOIN community m ON m.id = c.community_id WHERE m.name = '吴场村'""")
                .query(String.class).optional().orElse(null);
        if (wuchang != null) {
            loader.review(wuchang, now.minusMonths(1), at(now.minusMonths(1), 20, today), true, true, "HANDLED", 5,
                    "李警官帮我找回了电动车，谢谢！我的电话13912345678，身份证320722198805061234", "demo-phone", BY);
            reviews++;
        }
        return reviews;
    }

    /** {@code count} reviews of a month on a card; {@code rarelySeen}: few residents saw the officer that month. */
    private int month(String code, YearMonth month, int count, boolean rarelySeen, LocalDate today, Random random) {
        for (int i = 0; i < count; i++) {
            boolean seen = rarelySeen ? i % 4 == 0 : random.nextInt(10) < 8;
            boolean knows = seen || random.nextInt(10) < 7;
            int roll = random.nextInt(10);
            // where he is seen, matters are taken up; in 兴谷村 last month some were not
            String matter = roll < 5 ? "NONE" : roll < 8 ? "HANDLED" : roll < 9 || !rarelySeen ? "UNFINISHED"
                    : "IGNORED";
            int score = "IGNORED".equals(matter) ? 2 : seen || random.nextInt(4) > 0 ? 4 + random.nextInt(2) : 3;
            String comment = random.nextInt(3) == 0 ? COMMENTS.get(random.nextInt(COMMENTS.size())) : null;
            loader.review(code, month, at(month, 1 + random.nextInt(28), today), knows, seen, matter, score, comment,
                    "demo-" + code + "-" + month + "-" + i, BY);
        }
        return count;
    }

    /** A moment of the day in the month (China Standard Time), never after today. */
    private static OffsetDateTime at(YearMonth month, int day, LocalDate today) {
        LocalDate d = month.atDay(Math.min(day, month.lengthOfMonth()));
        if (!d.isBefore(today)) {
            return OffsetDateTime.now(LocalTimes.ZONE).minusMinutes(30 + day);
        }
        return d.atTime(9 + day % 10, 15).atZone(LocalTimes.ZONE).toOffsetDateTime();
    }

    @Override
    String loaded(int count) {
        return "Demo reviews: " + count + " reviews";
    }
}
