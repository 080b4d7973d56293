package app.tickler;

import app.tickler.platform.security.Role;

/** A workspace made for one test, with its admin; makes colleagues and teams on demand. */
public record TestWorkspace(Fixtures fixtures, long id, TestUser admin, long number) {

    public TestUser user(Role role) {
        return fixtures.user(this, role, null);
    }

    public TestUser user(Role role, String teamId) {
        return fixtures.user(this, role, teamId);
    }

    /** Creates a team and returns its id. */
    public String team(String name) {
        return fixtures.team(this, name);
    }
}
