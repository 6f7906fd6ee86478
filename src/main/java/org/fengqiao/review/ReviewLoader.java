package org.fengqiao.review;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.UUID;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.NotFound;
import org.fengqiao.review.internal.ReviewDesk;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may do with the reviews, through the desk's own checks: make a community officer's card,
 * and record reviews residents gave in past months (each from a device of its own).
 */
@Service
public class ReviewLoader {

    private final ReviewDesk desk;
    private final Jurisdictions jurisdictions;
    private final JdbcClient jdbc;

    ReviewLoader(ReviewDesk desk, Jurisdictions jurisdictions, JdbcClient jdbc) {
        this.desk = desk;
        this.jurisdictions = jurisdictions;
        this.jdbc = jdbc;
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM review_card)").query(Boolean.class).single();
    }

    /** The card of the community's officer (made when missing); answers its code, null without an officer. */
    @Transactional
    public String card(UUID community, String by) {
        var c = jurisdictions.community(new CommunityId(community))
                .orElseThrow(() -> new NotFound("community", community));
        return c.officerId() == null ? null : desk.makeCard(c, by).code();
    }

    /** A review given on the card in a month; {@code matter}: NONE, HANDLED, UNFINISHED or IGNORED. */
    @Transactional
    public void review(String code, YearMonth month, OffsetDateTime at, boolean knows, boolean seen, String matter,
            int score, String comment, String device, String by) {
        desk.given(code, new ReviewDesk.Answers(knows, seen, matter, score, comment, ""), month, at, device, by);
    }
}
