package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.tickler.MutableClock;

class LoginThrottleTests {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 100, Duration.ofMillis(10));

    LoginThrottleTests() {
        clock.set(Instant.parse("2026-06-01T08:00:00Z"));
    }

    /** A wrong password: the attempt is let through and never marked as a success. */
    private void fail(String email, String address) {
        throttle.begin(email, address).close();
    }

    private void failAfterWaiting(String email, String address) {
        clock.advance(throttle.waitBeforeAttempt(email, address));
        fail(email, address);
    }

    @Test
    void theFirstFewMistakesCostNothing() {
        for (int i = 0; i < 4; i++) {
            fail("ann@acme.test", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void eachFurtherMistakeDoublesTheWaitUpToFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            fail("ann@acme.test", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        failAfterWaiting("ann@acme.test", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        failAfterWaiting("ann@acme.test", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            failAfterWaiting("ann@acme.test", "10.0.0.1");
            assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isLessThanOrEqualTo(LoginThrottle.MAX_WAIT);
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(LoginThrottle.MAX_WAIT);
        clock.advance(LoginThrottle.MAX_WAIT);
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void anAttemptDuringTheWaitIsRefusedWithoutCountingAndWithoutCheckingThePassword() {
        for (int i = 0; i < 6; i++) {
            failAfterWaiting("ann@acme.test", "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.begin("ann@acme.test", "10.0.0.1"))
                .isInstanceOfSatisfying(LoginThrottled.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anAttemptCountsAsAFailureFromTheMomentItIsLetThrough() {
        for (int i = 0; i < 5; i++) {
            // still checking the password: none of these has failed yet
            throttle.begin("ann@acme.test", "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.begin("ann@acme.test", "10.0.0.1")).isInstanceOf(LoginThrottled.class);
    }

    @Test
    void aSuccessUndoesItsOwnAttemptAndClearsTheAccount() {
        for (int i = 0; i < 4; i++) {
            fail("ann@acme.test", "10.0.0.1");
        }
        try (LoginThrottle.Attempt attempt = throttle.begin("ann@acme.test", "10.0.0.1")) {
            attempt.succeeded();
        }
        for (int i = 0; i < 4; i++) {
            fail("ann@acme.test", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
        // many colleagues signing in from one office address never slow each other down
        for (int i = 0; i < 100; i++) {
            try (LoginThrottle.Attempt attempt = throttle.begin("user" + i + "@acme.test", "10.0.0.1")) {
                attempt.succeeded();
            }
        }
        assertThat(throttle.waitBeforeAttempt("bob@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void anAttackerElsewhereSlowsTheAccountLessThanTheirOwnAddress() {
        for (int i = 0; i < 7; i++) {
            failAfterWaiting("ann@acme.test", "203.0.113.9");
        }
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "203.0.113.9")).isPositive();
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void failuresFromEverywhereNeverMakeTheAccountsOwnerWaitLongerThanThirtySeconds() {
        for (int i = 0; i < 60; i++) {
            failAfterWaiting("ann@acme.test", "203.0.113." + (i % 50));
        }
        Duration owner = throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1");
        assertThat(owner).isPositive().isLessThanOrEqualTo(LoginThrottle.MAX_ACCOUNT_WAIT);
        clock.advance(LoginThrottle.MAX_ACCOUNT_WAIT);
        assertThat(throttle.waitBeforeAttempt("ann@acme.test", "10.0.0.1")).isZero();
    }

    @Test
    void onlyAFewPasswordsAreCheckedAtOnce() {
        LoginThrottle two = new LoginThrottle(clock, 2, Duration.ofMillis(10));
        LoginThrottle.Attempt first = two.begin("ann@acme.test", "10.0.0.1");
        LoginThrottle.Attempt second = two.begin("bob@acme.test", "10.0.0.2");
        assertThatThrownBy(() -> two.begin("cat@acme.test", "10.0.0.3")).isInstanceOf(LoginThrottled.class);
        first.close();
        try (LoginThrottle.Attempt third = two.begin("cat@acme.test", "10.0.0.3")) {
            third.succeeded();
        }
        second.close();
        // refused for being busy is not a failure of cat's
        for (int i = 0; i < 4; i++) {
            two.begin("cat@acme.test", "10.0.0.3").close();
        }
        assertThat(two.waitBeforeAttempt("cat@acme.test", "10.0.0.3")).isZero();
    }
}
