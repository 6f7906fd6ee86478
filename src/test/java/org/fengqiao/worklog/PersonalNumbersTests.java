package org.fengqiao.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.worklog.internal.PersonalNumbers;
import org.fengqiao.worklog.internal.WorklogKind;
import org.junit.jupiter.api.Test;

/** What a text shared with the bureau must not hold, and the periods an analysis or a summary covers. */
class PersonalNumbersTests {

    @Test
    void anIdentityNumberIsFoundWithADigitOrAnXLastAndInFullWidth() {
        assertThat(PersonalNumbers.found("走访了李某（32072219800101123X），情况稳定"))
                .contains("worklog.error.identityNumber");
        assertThat(PersonalNumbers.found("身份证320722198001011234")).contains("worklog.error.identityNumber");
        assertThat(PersonalNumbers.found("号码３２０７２２１９８００１０１１２３４")).contains("worklog.error.identityNumber");
    }

    @Test
    void aMobileNumberIsFoundTogetherOrSpaced() {
        assertThat(PersonalNumbers.found("联系电话13805180001")).contains("worklog.error.mobile");
        assertThat(PersonalNumbers.found("电话 138 0518 0001 已回访")).contains("worklog.error.mobile");
        assertThat(PersonalNumbers.found("电话138-0518-0001")).contains("worklog.error.mobile");
    }

    @Test
    void otherNumbersPass() {
        assertThat(PersonalNumbers.found("发放宣传彩页80余份，走访12户，2026年5月1日，案号110-20260501-0001"))
                .isEmpty();
        // a landline, a 12-digit unit code, a longer run of digits that is no phone
        assertThat(PersonalNumbers.found("所里电话0518-87654321，单位代码320722010100，编号138051800012345"))
                .isEmpty();
        assertThat(PersonalNumbers.found(null)).isEmpty();
    }

    @Test
    void anAnalysisCoversItsWeekFromMondayAndASummaryItsMonthOrQuarter() {
        java.time.LocalDate thursday = java.time.LocalDate.of(2026, 5, 14);
        assertThat(WorklogKind.WEEKLY_ANALYSIS.start(thursday)).isEqualTo("2026-05-11");
        assertThat(WorklogKind.WEEKLY_ANALYSIS.end(WorklogKind.WEEKLY_ANALYSIS.start(thursday)))
                .isEqualTo("2026-05-17");
        assertThat(WorklogKind.MONTHLY_SUMMARY.start(thursday)).isEqualTo("2026-05-01");
        assertThat(WorklogKind.MONTHLY_SUMMARY.end(java.time.LocalDate.of(2026, 2, 1))).isEqualTo("2026-02-28");
        assertThat(WorklogKind.QUARTERLY_SUMMARY.start(thursday)).isEqualTo("2026-04-01");
        assertThat(WorklogKind.QUARTERLY_SUMMARY.end(java.time.LocalDate.of(2026, 4, 1))).isEqualTo("2026-06-30");
        assertThat(WorklogKind.DAILY.start(thursday)).isEqualTo(thursday);
    }
}
