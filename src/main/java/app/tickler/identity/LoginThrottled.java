package app.tickler.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in attempt refused without checking the password: because of recent failures, or too many at once. */
final class LoginThrottled extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottled(Duration retryAfter) {
        this("Too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds", retryAfter);
    }

    private LoginThrottled(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    static LoginThrottled busy(Duration retryAfter) {
        return new LoginThrottled("Too many sign-ins at once; try again in " + Math.max(1, retryAfter.toSeconds())
                + " seconds", retryAfter);
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
