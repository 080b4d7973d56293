package app.tickler.platform.web;

import java.util.Set;

import app.tickler.platform.security.Role;

/**
 * An entry of the main navigation. Each capability contributes its own as a bean, so an entry
 * appears once its capability exists.
 *
 * @param order position from the left (Today 10, Pipeline 20, Accounts 30 … Settings 90)
 * @param labelKey message key of the label
 */
public record NavigationItem(int order, String labelKey, String path, Set<Role> roles) {

    public static NavigationItem forEveryone(int order, String labelKey, String path) {
        return new NavigationItem(order, labelKey, path, Set.of(Role.values()));
    }

    public boolean visibleTo(Role role) {
        return roles.contains(role);
    }

    /** Whether the current page belongs to this entry. */
    public boolean isActive(String requestPath) {
        return requestPath.equals(path) || (!path.equals("/") && requestPath.startsWith(path + "/"));
    }
}
