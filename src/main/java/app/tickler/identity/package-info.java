/**
 * Identity and access: workspaces, teams, users and roles, sign-in (form, remember-me, API tokens),
 * first-run set-up and sign-up, and the security configuration that resolves the caller's
 * {@link app.tickler.platform.security.Actor} on every request. Other modules use {@link
 * app.tickler.identity.Directory} to look up users and listen to {@link app.tickler.identity.WorkspaceCreated}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access")
package app.tickler.identity;
