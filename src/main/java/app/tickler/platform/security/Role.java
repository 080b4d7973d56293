package app.tickler.platform.security;

/** What a user may do in a workspace. */
public enum Role {
    /** Users, teams, settings, import/export, backup — and everything a manager does. */
    ADMIN,
    /** Sees the whole workspace; reviews journals, designs cadences, policies and pipelines. */
    MANAGER,
    /** Works own and team records. */
    REP,
    /** Service, support, shipping: reads customers, logs interactions and promises, refers leads. */
    STAFF;

    public String authority() {
        return "ROLE_" + name();
    }
}
