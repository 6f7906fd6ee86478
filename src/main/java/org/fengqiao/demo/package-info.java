/**
 * The demo district: a synthetic county bureau faithful to the seeds, loaded into an empty
 * database when demo mode is on, with the demo logins printed at start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo district")
package org.fengqiao.demo;
