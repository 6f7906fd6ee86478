/**
 * Dispute mediation (矛盾纠纷调解, seeds 001, 003, 004): a case per dispute (from a 110 push, a walk-in, a patrol or
 * the weekly screening), its parties and mediation team, many sessions, and one end: an agreement printed to
 * sign, a failure, or a referral with follow-up visits. The level where a dispute was settled feeds the ladder
 * 小事不出村、大事不出镇、矛盾不上交; a case flagged at risk of turning violent (民转刑) tells the station chief at
 * once ({@link org.fengqiao.mediation.DisputeAtRisk}); an agreement is announced for points
 * ({@link org.fengqiao.mediation.DisputeSettled}). Listens to the incident module's 110 disputes (the caller becomes
 * the case's first party), and tells it through its facade when such a dispute is settled, so that the 110 item is
 * resolved with the agreement.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispute mediation")
package org.fengqiao.mediation;
