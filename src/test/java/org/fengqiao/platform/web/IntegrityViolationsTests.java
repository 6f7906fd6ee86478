package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
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
}
