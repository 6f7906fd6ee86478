/**
 * The community officer's duty checklist (十五个一工作法, seed 000): the daily, weekly, monthly and quarterly duties of
 * the configured rhythm ({@code fengqiao.duty.items}, the seed's fifteen by default), what he recorded done (the day,
 * a note, where, how many took part), withdrawn the same day with a reason but never deleted. The work he records
 * elsewhere ticks its item without asking twice, from the other modules' events: a patrol shift he checked out of
 * ({@link org.fengqiao.forces.ShiftCompleted}), a visit reaching a key person
 * ({@link org.fengqiao.population.KeyPersonsReached}), a visit to a household in a rental or with a floating resident
 * ({@link org.fengqiao.population.HouseholdVisited}), a grid's dispute screening
 * ({@link org.fengqiao.mediation.DisputesScreened}), a fire-safety inspection of an organisation
 * ({@link org.fengqiao.population.FireSafetyInspected}), a contact in person with an informant he handles
 * ({@link org.fengqiao.forces.InformantContacted}). The
 * station chief and the bureau (inspectors read-only) see the overview of the officers of their jurisdiction (有督导):
 * per officer and period, what is done and due and what the last closed period missed. When a duty's period closes
 * (and its days for late records have passed) each officer who owed it is kept done or missed, as he and the rhythm
 * were then (DutyResultSweep, docs/adr/0011): the work figures' share of due duties done (职责完成率) rates those.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Duty checklist")
package org.fengqiao.duty;
