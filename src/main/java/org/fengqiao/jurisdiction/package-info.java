/**
 * The jurisdiction tree (bureau, station, central police office, workstation, work point) with a
 * materialised path, the communities and villages each unit answers for, their grids with
 * boundaries and the codes of the matching grids of the other networks, the groupings that cut
 * across (police districts, cooperation zones, joint-patrol zones), GeoJSON import and export,
 * and the in-memory spatial index that answers which grid a point lies in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jurisdiction")
package org.fengqiao.jurisdiction;
