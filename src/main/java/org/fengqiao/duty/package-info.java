/**
 * The community officer's duty checklist (十五个一工作法, seed 000): the daily, weekly, monthly and quarterly duties of
 * the configured rhythm ({@code fengqiao.duty.items}, the seed's fifteen by default), what he recorded done (the day,
 * a note, where, how many took part), withdrawn the same day with a reason but never deleted; a patrol shift he
 * checked out of in the forces module ({@link org.fengqiao.forces.ShiftCompleted}) ticks his patrol without asking
 * twice. The station chief and the bureau (inspectors read-only) see the overview of the officers of their
 * jurisdiction (有督导): per officer and period, what is done and due and what the last closed period missed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Duty checklist")
package org.fengqiao.duty;
