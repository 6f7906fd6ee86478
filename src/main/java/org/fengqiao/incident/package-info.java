/**
 * Incidents (事项): what the 110 centre pushes, what staff, volunteers and informants report from the
 * field (and, later, residents from the public page). Each is routed by the classified-handling policy of
 * seed 002 to a named person of its grid's roster, escalates through the four levels of seed 004
 * (workstation, central police office, station, bureau) when a deadline passes, and keeps the quick-
 * response times of seed 003. While open, every incident has exactly one owning unit and one named person.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package org.fengqiao.incident;
