package app.tickler.identity;

import app.tickler.platform.security.Role;

/** A user as stored, with the secrets that never leave this module. */
record User(long workspaceId, long id, String email, String displayName, Role role, Long teamId, String timeZone,
        boolean active, String passwordHash, long securityStamp, long version) {

    User withProfile(String newEmail, String newName, Role newRole, Long newTeam, String newZone) {
        return new User(workspaceId, id, newEmail, newName, newRole, newTeam, newZone, active, passwordHash,
                securityStamp, version);
    }

    User withActive(boolean nowActive, long newStamp) {
        return new User(workspaceId, id, email, displayName, role, teamId, timeZone, nowActive, passwordHash, newStamp,
                version);
    }

    User withPassword(String newHash, long newStamp) {
        return new User(workspaceId, id, email, displayName, role, teamId, timeZone, active, newHash, newStamp, version);
    }

    /** The audited fields; secrets are left out of every diff. */
    record Audited(String email, String displayName, Role role, Long teamId, String timeZone, boolean active) {
    }

    Audited audited() {
        return new Audited(email, displayName, role, teamId, timeZone, active);
    }
}
