package app.tickler.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices;

/**
 * Remember-me cookies signed with the installation secret over the user's password hash and security
 * stamp, so that a new password, a password reset and a deactivation (even one undone since) void
 * every cookie issued before.
 */
final class StampedRememberMeServices extends TokenBasedRememberMeServices {

    StampedRememberMeServices(String key, ActorResolver users) {
        super(key, email -> users.loadUserByUsername(email).withStampedPassword(), RememberMeTokenAlgorithm.SHA256);
        setMatchingAlgorithm(RememberMeTokenAlgorithm.SHA256);
    }

    /** Never the bare hash of the signed-in principal: the cookie is always signed over hash and stamp. */
    @Override
    protected String retrievePassword(Authentication authentication) {
        return null;
    }
}
