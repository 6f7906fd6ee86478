/**
 * Shared platform: the embedded or outside PostgreSQL, the caller and its jurisdiction scope,
 * errors as RFC 9457 problem details in the caller's language, locale resolution and page layout.
 * Every feature module may use it; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fengqiao.platform;
