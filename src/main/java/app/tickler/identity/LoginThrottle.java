package app.tickler.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without ever locking a legitimate user out for good. Failures are
 * counted per account and address together, per account alone and per address alone; past a free
 * allowance each further failure doubles the wait, capped at {@link #MAX_WAIT}. A success clears the
 * account's counters. Kept in memory: a restarted or second instance starts afresh, which only ever
 * errs towards letting a user in.
 */
@Component
class LoginThrottle {

    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int FREE_PER_ACCOUNT_AND_ADDRESS = 5;
    private static final int FREE_PER_ACCOUNT = 10;
    private static final int FREE_PER_ADDRESS = 30;

    private record Failures(int count, Instant last) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before the next attempt; zero when an attempt is allowed now. */
    Duration waitBeforeAttempt(String email, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        wait = max(wait, remaining(pairKey(email, address), FREE_PER_ACCOUNT_AND_ADDRESS, now));
        wait = max(wait, remaining(accountKey(email), FREE_PER_ACCOUNT, now));
        wait = max(wait, remaining(addressKey(address), FREE_PER_ADDRESS, now));
        return wait;
    }

    void failed(String email, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {pairKey(email, address), accountKey(email), addressKey(address)}) {
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
    }

    void succeeded(String email, String address) {
        failures.remove(pairKey(email, address));
        failures.remove(accountKey(email));
    }

    @Scheduled(fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS)
    void forgetOldFailures() {
        Instant cutoff = clock.instant().minus(FORGET_AFTER);
        failures.values().removeIf(f -> f.last().isBefore(cutoff));
    }

    private Duration remaining(String key, int free, Instant now) {
        Failures recorded = failures.get(key);
        if (recorded == null || recorded.count() < free) {
            return Duration.ZERO;
        }
        if (recorded.last().isBefore(now.minus(FORGET_AFTER))) {
            failures.remove(key, recorded);
            return Duration.ZERO;
        }
        int over = Math.min(recorded.count() - free, 20);
        Duration backoff = Duration.ofSeconds(1L << over);
        if (backoff.compareTo(MAX_WAIT) > 0) {
            backoff = MAX_WAIT;
        }
        Duration left = Duration.between(now, recorded.last().plus(backoff));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
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
