package app.tickler;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.springframework.context.event.EventListener;

/**
 * Stops the thread that publishes a chosen event until the test lets it go: a way to catch an
 * operation in the middle of its transaction (events are published inside it) and see what others
 * experience meanwhile. Idle unless {@link #close} was called.
 */
public class EventGate {

    private volatile Predicate<Object> matches = event -> false;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch opened = new CountDownLatch(0);

    /** From now on the first event {@code matches} accepts holds its publisher at the gate. */
    public void close(Predicate<Object> matches) {
        this.reached = new CountDownLatch(1);
        this.opened = new CountDownLatch(1);
        this.matches = matches;
    }

    /** Waits until a publisher is held at the gate. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held publisher (and any later one) go on. */
    public void open() {
        matches = event -> false;
        opened.countDown();
    }

    @EventListener
    void on(Object event) throws InterruptedException {
        if (matches.test(event)) {
            reached.countDown();
            opened.await(30, TimeUnit.SECONDS);
        }
    }
}
