/**
 * The community's own forces (群防群治, issue 5): teams of volunteers by kind (dispute mediation,
 * information, fire-safety and compound patrol, red-scarf publicity, 平安志愿者 at fixed posts, 五老人员,
 * public-order activists, village police, mediators, informants), each member's roster profile (contact
 * encrypted, grid or zone, skills, trainings, availability, status), security companies with their licences,
 * joint-patrol zones and guards, and fixed posts with shifts checked in and out on the phone. An informant's
 * profile is known only to his handler and the station chief ({@link org.fengqiao.forces.InformantIdentityPolicy});
 * other modules ask {@link org.fengqiao.forces.Informants} before they name a person who may be one (an award's holder,
 * a clue's giver, a step's actor) and show "信息员" instead. A checked-out shift is published as
 * {@link org.fengqiao.forces.ShiftCompleted} for whoever rewards patrol hours.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Community forces")
package org.fengqiao.forces;
