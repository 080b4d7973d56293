package app.tickler.platform.web;

import java.util.Set;

import app.tickler.platform.security.Role;

/**
 * A button one module contributes to another module's record page ("Log a touch", "New deal",
 * "Repeat proposal"). {@code path} may contain {@code {id}} for the record's id; {@code post} makes it
 * a form post instead of a link.
 */
public record RecordAction(String subjectType, int order, String labelKey, String path, boolean post,
        Set<Role> roles) {

    public record Link(String labelKey, String href, boolean post) {
    }

    Link link(long subjectId) {
        return new Link(labelKey, path.replace("{id}", Long.toString(subjectId)), post);
    }
}
