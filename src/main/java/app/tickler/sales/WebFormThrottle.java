package app.tickler.sales;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import app.tickler.platform.TooManyRequests;

/**
 * Per-address rate limit of the public web-to-lead form: a few submissions per window, then 429
 * with Retry-After. Kept in memory per instance — a flood is stopped where it lands, and a restart
 * only ever errs towards letting a visitor through.
 */
@Component
class WebFormThrottle {

    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;

    WebFormThrottle(Clock clock, @Value("${tickler.sales.web-form.max-per-address:5}") int limit,
            @Value("${tickler.sales.web-form.window:PT10M}") Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /** Counts a submission from the address, refusing it once the address used up its window. */
    void check(String address) {
        long now = clock.millis();
        long start = now - window.toMillis();
        if (recent.size() > 50_000) {
            recent.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || e.getValue().peekLast() < start;
                }
            });
        }
        Deque<Long> times = recent.computeIfAbsent(address == null ? "?" : address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < start) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                Duration retry = Duration.ofMillis(Math.max(1000, times.peekFirst() + window.toMillis() - now));
                throw new TooManyRequests("Too many submissions from your address; please try again later.", retry);
            }
            times.addLast(now);
        }
    }
}
