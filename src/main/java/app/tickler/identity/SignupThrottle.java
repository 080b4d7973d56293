package app.tickler.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import app.tickler.platform.TooManyRequests;

/**
 * At most {@value #PER_HOUR} sign-ups per client address and hour. Sign-up is open to anybody and must
 * say when an email is already taken, so without a limit it would tell anyone who uses Tickler. Only
 * forms that are otherwise valid count: a form with mistakes learns nothing about the email. Kept in
 * memory, like {@link LoginThrottle}.
 */
@Component
class SignupThrottle {

    static final int PER_HOUR = 5;
    private static final Duration WINDOW = Duration.ofHours(1);

    private record Window(Instant start, int count) {
    }

    private final Map<String, Window> windows = new HashMap<>();
    private final Clock clock;

    SignupThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Counts a sign-up from the address, or refuses it with 429 when the address has had its share. */
    synchronized void attempt(String address) {
        Instant now = clock.instant();
        Window window = windows.get(address);
        if (window == null || !now.isBefore(window.start().plus(WINDOW))) {
            window = new Window(now, 0);
        }
        if (window.count() >= PER_HOUR) {
            Duration wait = Duration.between(now, window.start().plus(WINDOW));
            throw new TooManyRequests("Too many sign-ups from your address; try again in "
                    + Math.max(1, wait.toMinutes()) + " minutes", wait);
        }
        windows.put(address, new Window(window.start(), window.count() + 1));
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS)
    synchronized void forgetPastWindows() {
        Instant cutoff = clock.instant().minus(WINDOW);
        windows.values().removeIf(w -> w.start().isBefore(cutoff));
    }
}
