/**
 * People who work in the jurisdiction (police, auxiliaries, cadres, volunteers, informants, guards,
 * mediators, inspectors and the three separated administrators), their sign-in (form login with
 * sessions in the database, bearer tokens for API clients, password rules and lockout), the role
 * policy that turns roles into permissions, and the five-level grid roster with its history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts and roster")
package org.fengqiao.account;
