package app.tickler.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes 64-bit, time-ordered ids in Java so that rows can be keyed before they are written and
 * sorted by creation without another column: 41 bits of milliseconds since 2024-01-01, 10 bits of
 * node, 12 bits of sequence. When the sequence of a millisecond is used up the generator borrows
 * the next millisecond, so bulk imports never wait and ids stay unique and increasing per node.
 */
@Component
public class IdGenerator {

    static final long EPOCH_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMillis = -1;
    private long sequence;

    public IdGenerator(Clock clock, @Value("${tickler.node-id:-1}") int nodeId) {
        this.clock = clock;
        int maxNode = (1 << NODE_BITS) - 1;
        if (nodeId > maxNode) {
            throw new IllegalArgumentException("tickler.node-id must be between 0 and " + maxNode);
        }
        this.node = nodeId >= 0 ? nodeId : new SecureRandom().nextInt(maxNode + 1);
    }

    public synchronized long next() {
        long now = Math.max(clock.millis() - EPOCH_MILLIS, 0);
        if (now > lastMillis) {
            lastMillis = now;
            sequence = 0;
        } else if (sequence < MAX_SEQUENCE) {
            sequence++;
        } else {
            lastMillis++;
            sequence = 0;
        }
        return (lastMillis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
    }

    /** The instant an id was made, for display and for keyset bounds by time. */
    public static Instant instantOf(long id) {
        return Instant.ofEpochMilli((id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS);
    }

    /** The smallest id that could have been made at the given instant. */
    public static long lowestIdAt(Instant instant) {
        return Math.max(instant.toEpochMilli() - EPOCH_MILLIS, 0) << (NODE_BITS + SEQUENCE_BITS);
    }
}
