package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tickler.MutableClock;

class LoginThrottleTests {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    LoginThrottleTests() {
        clock.set(Instant.parse("2026-06-01T08:00:00Z"));
    }

    @Test
    void theFirstFewMistakesCostNothing() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann@acme.test", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void eachFurtherMistakeDoublesTheWaitUpToFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ann@acme.test", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("ann@acme.test", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            throttle.failed("ann@acme.test", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(LoginThrottle.MAX_WAIT);
        clock.advance(LoginThrottle.MAX_WAIT);
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void anAttackerElsewhereSlowsTheAccountLessThanTheirOwnAddress() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("ann@acme.test", "203.0.113.9");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "203.0.113.9")).isPositive();
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void aSuccessClearsTheAccount() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("ann@acme.test", "10.0.0.1");
        }
        throttle.succeeded("ann@acme.test", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }
}
