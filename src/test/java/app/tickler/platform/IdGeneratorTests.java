package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.tickler.MutableClock;

class IdGeneratorTests {

    @Test
    void idsIncreaseAndNeverRepeatEvenWhenTheClockStandsStill() {
        MutableClock clock = new MutableClock();
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        IdGenerator ids = new IdGenerator(clock, 7);
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 20_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void idsStayIncreasingWhenTheClockGoesBack() {
        MutableClock clock = new MutableClock();
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        IdGenerator ids = new IdGenerator(clock, 1);
        long before = ids.next();
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void anIdTellsWhenItWasMade() {
        MutableClock clock = new MutableClock();
        Instant now = Instant.parse("2027-03-04T05:06:07.089Z");
        clock.set(now);
        long id = new IdGenerator(clock, 3).next();
        assertThat(IdGenerator.instantOf(id)).isEqualTo(now);
        assertThat(IdGenerator.lowestIdAt(now)).isLessThanOrEqualTo(id);
        assertThat(IdGenerator.lowestIdAt(now.plusMillis(1))).isGreaterThan(id);
    }

    @Test
    void twoNodesNeverMakeTheSameId() {
        MutableClock clock = new MutableClock();
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        IdGenerator a = new IdGenerator(clock, 1);
        IdGenerator b = new IdGenerator(clock, 2);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            assertThat(seen.add(a.next())).isTrue();
            assertThat(seen.add(b.next())).isTrue();
        }
    }

    @Test
    void aNodeIdOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new IdGenerator(new MutableClock(), 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
