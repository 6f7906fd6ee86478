package org.fengqiao.review.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The review cards: one per officer and community, its code the stable public link printed as a QR code. A card is in
 * use while its officer is active and still the community's officer; a card of an officer who moved on answers as not
 * found on the public side, and the community's new officer gets a card of his own.
 */
@Component
public class Cards {

    /** A card with what the public page and the printed card show: the officer's name, the unit and community. */
    public record Card(UUID id, String code, UUID officerId, String officerName, boolean officerActive,
            UUID communityId, String communityName, UUID unitId, String unitName, String unitPath,
            UUID servingOfficerId, OffsetDateTime createdAt) {

        public boolean inUse() {
            return officerActive && officerId.equals(servingOfficerId);
        }
    }

    /** A community of the caller's scope with its officer and, when made, his card. */
    public record CommunityCard(UUID communityId, String communityName, String communityCode, UUID unitId,
            String unitName, UUID officerId, String officerName, UUID cardId, String code) {
    }

    private static final String CARD = """
            SELECT c.id, c.code, c.officer_id, s.name AS officer_name, s.active, c.community_id,
                   m.name AS community_name,
                   m.unit_id, u.name AS unit_name, u.path, m.officer_id AS serving, c.created_at
            FROM review_card c JOIN staff s ON s.id = c.officer_id JOIN community m ON m.id = c.community_id
            JOIN unit u ON u.id = m.unit_id""";

    private final JdbcClient jdbc;

    Cards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Card> byCode(String code) {
        return jdbc.sql(CARD + " WHERE c.code = ?").param(code).query(Cards::card).optional();
    }

    Optional<Card> of(UUID officer, UUID community) {
        return jdbc.sql(CARD + " WHERE c.officer_id = ? AND c.community_id = ?").params(officer, community)
                .query(Cards::card).optional();
    }

    /** Makes the card unless the officer has one for the community; answers whether it was made. */
    boolean insert(UUID id, String code, UUID officer, UUID community, OffsetDateTime at, String by) {
        return jdbc.sql("""
                INSERT INTO review_card (id, code, officer_id, community_id, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (officer_id, community_id) DO NOTHING""")
                .params(id, code, officer, community, at, by).update() == 1;
    }

    /**
     * The communities in the subtrees of {@code scope}, each with its officer and his card, in the order of the tree;
     * only those of {@code officer} when given.
     */
    List<CommunityCard> communities(String[] scope, UUID officer) {
        return jdbc.sql("""
                SELECT m.id, m.name, m.code, u.id, u.name, m.officer_id, s.name, c.id, c.code
                FROM community m JOIN unit u ON u.id = m.unit_id LEFT JOIN staff s ON s.id = m.officer_id
                LEFT JOIN review_card c ON c.community_id = m.id AND c.officer_id = m.officer_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[]))
                  AND (CAST(:officer AS uuid) IS NULL OR m.officer_id = :officer)
                ORDER BY u.path, m.code""")
                .param("scope", scope).param("officer", officer)
                .query((rs, n) -> new CommunityCard(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7),
                        rs.getObject(8, UUID.class), rs.getString(9)))
                .list();
    }

    private static Card card(ResultSet rs, int n) throws SQLException {
        return new Card(rs.getObject("id", UUID.class), rs.getString("code"), rs.getObject("officer_id", UUID.class),
                rs.getString("officer_name"), rs.getBoolean("active"), rs.getObject("community_id", UUID.class),
                rs.getString("community_name"), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("path"), rs.getObject("serving", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
