/**
 * Supervision (督导检查机制, seed 004): an inspector (督察) or the bureau's command records a finding against a unit
 * of his jurisdiction (a station, central office or workstation), naming the responsible leader and officer, and
 * issues it as a numbered notice (督察通报, 督通〔2026〕12号, a sequence per bureau and year) to the unit, whose chief
 * and responsible officer find it in their inbox ({@link org.fengqiao.supervision.SupervisionNoticeIssued}). The
 * unit answers with its rectification (整改情况), which the inspector accepts or sends back; a notice past its
 * deadline without rectification is marked overdue by a daily job, and the inspector may then record accountability
 * (追究责任) against the responsible leader or officer. Each change goes through a guarded method of the notice and
 * its {@code RectificationPolicy}, and is audited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supervision")
package org.fengqiao.supervision;
