/**
 * Hard cases claimed (疑难案事件清单认领, seed 002): open disputes, incidents and hazards older than a configured age
 * stand on a board for their grid; anyone in the grid claims one, alone or as a team, with a deadline of his choosing;
 * the grid chief confirms completion, and a completion confirmed by the deadline is announced
 * ({@link org.fengqiao.claims.HardCaseCompleted}) so that points may be awarded. An expired or abandoned claim
 * returns the item to the board. Reads incidents and disputes only through their public facts and events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Hard cases claimed")
package org.fengqiao.claims;
