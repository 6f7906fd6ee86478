/**
 * Stolen property recovered and returned (追赃挽损, seed 001: 破案必追、追赃必还): a recovery file per case with its
 * owning officer (谁主办、谁负责) and the investigating department's verification, the victims and what each lost,
 * the suspects, the assets traced, seized or frozen, each return to a victim with a signed receipt, collective
 * return events (集中返赃) and revisits to victims; recovery and return rates per file, station and year. Amounts
 * always reconcile: nothing is returned that was not recovered. Reads incidents and persons through their modules'
 * public facts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stolen property recovery")
package org.fengqiao.recovery;
