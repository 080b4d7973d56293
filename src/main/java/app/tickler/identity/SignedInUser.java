package app.tickler.identity;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.ActorPrincipal;

/**
 * The principal of a signed-in user. {@code securityStamp} ties a session to the password and active
 * state it was opened with: when either changes the session ends on its next request.
 */
final class SignedInUser implements UserDetails, CredentialsContainer, ActorPrincipal {

    private final Actor actor;
    private final String email;
    private final long securityStamp;
    private final boolean active;
    private String passwordHash;

    SignedInUser(Actor actor, String email, long securityStamp, boolean active, String passwordHash) {
        this.actor = actor;
        this.email = email;
        this.securityStamp = securityStamp;
        this.active = active;
        this.passwordHash = passwordHash;
    }

    @Override
    public Actor actor() {
        return actor;
    }

    long securityStamp() {
        return securityStamp;
    }

    /** This user with hash and stamp as the "password" that remember-me cookies are signed over. */
    SignedInUser withStampedPassword() {
        return new SignedInUser(actor, email, securityStamp, active, passwordHash + ":" + securityStamp);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(actor.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInUser that && that.actor.workspaceId() == actor.workspaceId()
                && that.actor.userId() == actor.userId();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(actor.userId());
    }

    @Override
    public String toString() {
        return "SignedInUser[" + actor.userId() + "]";
    }
}
