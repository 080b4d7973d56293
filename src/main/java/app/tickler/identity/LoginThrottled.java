package app.tickler.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in attempt refused without checking the password because of recent failures. */
final class LoginThrottled extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottled(Duration retryAfter) {
        super("Too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
