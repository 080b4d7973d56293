package app.tickler.platform.web;

import java.util.Set;

import app.tickler.platform.security.Role;

/** A tab of the settings pages, contributed as a bean by the module that owns the page. */
public record SettingsTab(int order, String id, String labelKey, String path, Set<Role> roles) {

    public boolean visibleTo(Role role) {
        return roles.contains(role);
    }
}
