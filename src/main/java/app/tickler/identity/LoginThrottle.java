package app.tickler.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without ever locking a legitimate user out for good. Failures are
 * counted per account and address together, per account alone and per address alone; past a free
 * allowance each further failure doubles the wait. The pair and the address wait up to
 * {@link #MAX_WAIT}; the account alone — which anyone anywhere can fail on purpose — at most
 * {@link #MAX_ACCOUNT_WAIT}, so that nobody can keep its owner out. A success clears the account's
 * counters.
 * <p>
 * An attempt is counted as a failure the moment it is let through, before its password is checked,
 * and a success undoes that: so parallel guesses cannot all slip in before the first one fails. And
 * only a few passwords are checked at once (each Argon2 check takes about 16 MB); an attempt that
 * finds no free place within a moment is refused as throttled.
 * <p>
 * Kept in memory: a restarted or second instance starts afresh, which only ever errs towards letting
 * a user in.
 */
@Component
class LoginThrottle {

    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration MAX_ACCOUNT_WAIT = Duration.ofSeconds(30);
    private static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final Duration WAIT_FOR_A_CHECK = Duration.ofSeconds(1);
    private static final Duration RETRY_WHEN_BUSY = Duration.ofSeconds(1);
    private static final int FREE_PER_ACCOUNT_AND_ADDRESS = 5;
    private static final int FREE_PER_ACCOUNT = 10;
    private static final int FREE_PER_ADDRESS = 30;

    private record Failures(int count, Instant last) {
    }

    /**
     * One password check the throttle let through. It counts as a failure until {@link #succeeded()};
     * closing it frees its place among the checks running at once.
     */
    final class Attempt implements AutoCloseable {

        private final String email;
        private final String address;
        private boolean open = true;

        private Attempt(String email, String address) {
            this.email = email;
            this.address = address;
        }

        void succeeded() {
            LoginThrottle.this.succeeded(email, address);
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                checks.release();
            }
        }
    }

    private final Map<String, Failures> failures = new HashMap<>();
    private final Clock clock;
    private final Semaphore checks;
    private final Duration waitForACheck;

    @Autowired
    LoginThrottle(Clock clock) {
        this(clock, 2 * Runtime.getRuntime().availableProcessors(), WAIT_FOR_A_CHECK);
    }

    LoginThrottle(Clock clock, int concurrentChecks, Duration waitForACheck) {
        this.clock = clock;
        this.checks = new Semaphore(concurrentChecks);
        this.waitForACheck = waitForACheck;
    }

    /**
     * Lets an attempt check a password, or refuses it with {@link LoginThrottled}: while the back-off
     * of earlier failures lasts, or when too many passwords are being checked already.
     */
    Attempt begin(String email, String address) {
        Duration wait = reserve(email, address);
        if (!wait.isZero()) {
            throw new LoginThrottled(wait);
        }
        boolean permitted;
        try {
            permitted = checks.tryAcquire(waitForACheck.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            // no password was checked, so this attempt neither failed nor succeeded
            undo(email, address);
            throw LoginThrottled.busy(RETRY_WHEN_BUSY);
        }
        return new Attempt(email, address);
    }

    /** How long the caller must still wait before the next attempt; zero when an attempt is allowed now. */
    synchronized Duration waitBeforeAttempt(String email, String address) {
        return wait(email, address, clock.instant());
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS)
    synchronized void forgetOldFailures() {
        Instant cutoff = clock.instant().minus(FORGET_AFTER);
        failures.values().removeIf(f -> f.last().isBefore(cutoff));
    }

    /** Counts the attempt as a failure and returns zero if it may go ahead; otherwise how long to wait. */
    private synchronized Duration reserve(String email, String address) {
        Instant now = clock.instant();
        Duration wait = wait(email, address, now);
        if (wait.isZero()) {
            for (String key : keys(email, address)) {
                failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
            }
        }
        return wait;
    }

    private synchronized void succeeded(String email, String address) {
        failures.remove(pairKey(email, address));
        failures.remove(accountKey(email));
        uncount(addressKey(address));
    }

    private synchronized void undo(String email, String address) {
        for (String key : keys(email, address)) {
            uncount(key);
        }
    }

    private void uncount(String key) {
        failures.computeIfPresent(key, (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
    }

    private Duration wait(String email, String address, Instant now) {
        Duration wait = remaining(pairKey(email, address), FREE_PER_ACCOUNT_AND_ADDRESS, MAX_WAIT, now);
        wait = max(wait, remaining(accountKey(email), FREE_PER_ACCOUNT, MAX_ACCOUNT_WAIT, now));
        return max(wait, remaining(addressKey(address), FREE_PER_ADDRESS, MAX_WAIT, now));
    }

    private Duration remaining(String key, int free, Duration cap, Instant now) {
        Failures recorded = failures.get(key);
        if (recorded == null || recorded.count() < free) {
            return Duration.ZERO;
        }
        if (recorded.last().isBefore(now.minus(FORGET_AFTER))) {
            failures.remove(key);
            return Duration.ZERO;
        }
        int over = Math.min(recorded.count() - free, 20);
        Duration backoff = Duration.ofSeconds(1L << over);
        if (backoff.compareTo(cap) > 0) {
            backoff = cap;
        }
        Duration left = Duration.between(now, recorded.last().plus(backoff));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String[] keys(String email, String address) {
        return new String[] {pairKey(email, address), accountKey(email), addressKey(address)};
    }

    private static String pairKey(String email, String address) {
        return "pair:" + normal(email) + "|" + address;
    }

    private static String accountKey(String email) {
        return "account:" + normal(email);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String normal(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
