/**
 * The work figures (工作统计): what the jurisdiction's work came to over a month, a quarter, a year or chosen days, in
 * one unit's subtree, beside the same days a year before with the change in percent — 110 calls, disputes mediated
 * and settled, visits, information collected, hazards found and removed, clues, the residents' satisfaction (the
 * figures the seeds report, seed 003's monthly review). Each module counts its own records through
 * {@link org.fengqiao.platform.PeriodFigures}; this module only checks the unit against the caller's scope, asks each
 * for both periods and composes the page, the API and the xlsx, with each module's breakdowns (the cases by offence)
 * and the links to the lists of what a figure counts. It depends on platform and jurisdiction only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Work figures")
package org.fengqiao.figures;
