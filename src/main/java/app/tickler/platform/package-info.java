/**
 * Cross-cutting plumbing every capability uses: ids, time, database dialects, the caller's
 * {@link app.tickler.platform.security.Actor}, visibility, audit, pagination and error mapping.
 * Open so that its sub-packages are usable by all modules; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        displayName = "Platform")
package app.tickler.platform;
