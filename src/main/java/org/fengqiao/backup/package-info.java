/**
 * Backups of the embedded database while the platform runs: a copy of the whole data directory (the database and the
 * personal-data key kept beside it) taken with PostgreSQL's backup functions, every night and when the system
 * administrator asks, the oldest beyond the number kept removed. Restoring is putting a copy back as the data
 * directory and starting the platform (README). An outside database is backed up with PostgreSQL's own tools.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backups")
package org.fengqiao.backup;
