/**
 * 一标三实: standard addresses, real population, real housing and real organisations; households
 * and persons with their categories (key persons, left-behind children, elderly living alone,
 * households in difficulty), buildings with floor plans, visits, and the import, export and search
 * of it all. Every record sits in a grid and so in the jurisdiction tree; identity numbers and
 * phones are encrypted at rest and shown masked unless the role needs them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Population and housing")
package org.fengqiao.population;
