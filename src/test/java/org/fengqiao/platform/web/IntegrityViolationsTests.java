package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.UniqueKey;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class IntegrityViolationsTests {

    static IntegrityViolations.Refusal refusal(String sqlState) {
        DataIntegrityViolationException e = new DataIntegrityViolationException("refused",
                new SQLException("refused", sqlState));
        return IntegrityViolations.refusal(e, new MockHttpServletRequest("POST", "/api/v1/x")).orElse(null);
    }

    @Test
    void aClashWithAnotherPersonsChangeIsAConflictAndAValueLetThroughIsBadInput() {
        assertThat(refusal("23503")).isEqualTo(new IntegrityViolations.Refusal(HttpStatus.CONFLICT,
                "error.integrity.reference"));
        assertThat(refusal("23505")).isEqualTo(new IntegrityViolations.Refusal(HttpStatus.CONFLICT,
                "error.integrity.unique"));
        assertThat(refusal("23P01")).isEqualTo(new IntegrityViolations.Refusal(HttpStatus.CONFLICT,
                "error.integrity.overlap"));
        assertThat(refusal("23514")).isEqualTo(new IntegrityViolations.Refusal(HttpStatus.BAD_REQUEST,
                "error.integrity.rule"));
        assertThat(refusal("23502")).isEqualTo(new IntegrityViolations.Refusal(HttpStatus.BAD_REQUEST,
                "error.integrity.rule"));
    }

    /** The import's own violation (a record removed while it ran) and the database's other failures stay failures. */
    @Test
    void aViolationTheDatabaseDidNotNameIsNotTranslated() {
        assertThat(IntegrityViolations.refusal(new DataIntegrityViolationException("the import refers to a grid "
                + "that no longer exists"), new MockHttpServletRequest("POST", "/api/v1/x"))).isEmpty();
        assertThat(refusal("40001")).isNull();
        assertThat(refusal(null)).isNull();
    }

    static DataIntegrityViolationException unique(String constraint, String detail) {
        String fields = "SERROR\0C23505\0Mduplicate key value violates unique constraint\0"
                + (detail == null ? "" : "D" + detail + "\0") + "n" + constraint + "\0tsome_table\0";
        return new DataIntegrityViolationException("refused", new PSQLException(new ServerErrorMessage(fields)));
    }

    static final Map<String, UniqueKey> KEYS = IntegrityViolations.byConstraint(List.of(
            UniqueKey.field("building_grid_id_name_key", "name", "housing.building.nameTaken", true),
            UniqueKey.field("staff_username_key", "username", "account.username.taken", false),
            UniqueKey.conflict("unit_code_key", "jurisdiction.unit.codeTaken", true)));

    /** The loser of a race for a checked name reads the check's line, naming the value as it was stored. */
    @Test
    void aUniqueKeyTheCodeChecksIsAnsweredAsItsCheckNamingTheValueTaken() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/x");
        Invalid building = (Invalid) IntegrityViolations.checked(unique("building_grid_id_name_key",
                "Key (grid_id, name)=(5f0c4a52-0b7e-4a43-9f39-1c2d3e4f5a6b, 一号楼, 东侧) already exists."), request, KEYS)
                .orElseThrow();
        assertThat(building.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("name");
            assertThat(p.key()).isEqualTo("housing.building.nameTaken");
            assertThat(p.args()).containsExactly("一号楼, 东侧");
        });
        Invalid username = (Invalid) IntegrityViolations.checked(unique("staff_username_key",
                "Key (username)=(li.ming) already exists."), request, KEYS).orElseThrow();
        assertThat(username.problems()).singleElement().satisfies(p -> assertThat(p.args()).isEmpty());
        // a server in Chinese words its detail otherwise; the brackets say the same
        Conflict code = (Conflict) IntegrityViolations.checked(unique("unit_code_key",
                "键值\"(code)=(JWD-FS-1-01)\" 已经存在"), request, KEYS).orElseThrow();
        assertThat(code.key()).isEqualTo("jurisdiction.unit.codeTaken");
        assertThat(code.args()).containsExactly("JWD-FS-1-01");
    }

    /** Another constraint, or a detail not showing the value a message names, keeps the generic answer. */
    @Test
    void aUniqueKeyNotCheckedOrNotShownKeepsTheGenericAnswer() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/x");
        assertThat(IntegrityViolations.checked(unique("grid_network_code_key", "Key (network, code)=(POLICE, X) "
                + "already exists."), request, KEYS)).isEmpty();
        assertThat(IntegrityViolations.checked(unique("unit_code_key", null), request, KEYS)).isEmpty();
        assertThat(IntegrityViolations.refusal(unique("unit_code_key", null), request).orElseThrow().key())
                .isEqualTo("error.integrity.unique");
    }
}
