package app.tickler.sales;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * The leads this server is claiming right now or claimed a moment ago, so that a crowd clicking the
 * same lead in the pool (a hot lead appears on everybody's pool at once) is answered from memory
 * rather than by a database queueing behind the winner. The database remains the judge of who wins:
 * this only turns away those who would lose anyway — while a claim is being written, and for
 * {@link #SETTLED_NANOS} after it committed, unless the lead changed here meanwhile (released,
 * reassigned, removed: {@link #forget}). With several servers, a lead claimed here and released on
 * another within that second is refused here until the second is over; the person sees "a colleague
 * has just claimed it", which was true a moment before.
 */
@Component
class ClaimsInFlight {

    /** How long a committed claim keeps answering: clicks of the same crowd, not a later visit. */
    static final long SETTLED_NANOS = 1_000_000_000L;
    private static final long WRITING = Long.MAX_VALUE;
    private static final int PRUNE_ABOVE = 1_024;

    private record Key(long workspace, long lead) {
    }

    /** Who claims or claimed the lead, and until when that answers (on the ticker), or {@link #WRITING}. */
    private record Claim(long claimer, long until) {

        boolean answers(long now) {
            return until == WRITING || until - now > 0;
        }
    }

    /** A claim that turns others away: by whom, and whether it is still being written. */
    record Taken(long claimer, boolean writing) {
    }

    private final Map<Key, Claim> claims = new ConcurrentHashMap<>();
    private final LongSupplier ticker;

    ClaimsInFlight() {
        this(System::nanoTime);
    }

    ClaimsInFlight(LongSupplier ticker) {
        this.ticker = ticker;
    }

    /** The claim of this lead being written here or committed here a moment ago, or null. */
    Taken taken(long workspace, long lead) {
        Claim claim = claims.get(new Key(workspace, lead));
        return claim != null && claim.answers(ticker.getAsLong()) ? new Taken(claim.claimer(), claim.until() == WRITING)
                : null;
    }

    /** Marks the lead as being claimed; false if a claim of it is being written here already or just was. */
    boolean start(long workspace, long lead, long claimer) {
        Key key = new Key(workspace, lead);
        long now = ticker.getAsLong();
        boolean[] started = new boolean[1];
        claims.compute(key, (k, claim) -> {
            if (claim != null && claim.answers(now)) {
                return claim;
            }
            started[0] = true;
            return new Claim(claimer, WRITING);
        });
        return started[0];
    }

    /** The claim ended: committed, the lead answers for a second more; rolled back, at once no longer. */
    void end(long workspace, long lead, boolean committed) {
        Key key = new Key(workspace, lead);
        if (committed) {
            claims.computeIfPresent(key, (k, claim) -> new Claim(claim.claimer(), ticker.getAsLong() + SETTLED_NANOS));
        } else {
            claims.remove(key);
        }
        if (claims.size() > PRUNE_ABOVE) {
            prune();
        }
    }

    /** The lead changed here (released, reassigned, closed, removed): a new claim goes to the database. */
    void forget(long workspace, long lead) {
        claims.computeIfPresent(new Key(workspace, lead), (k, claim) -> claim.until() == WRITING ? claim : null);
    }

    /** For tests: the leads remembered. */
    int size() {
        return claims.size();
    }

    private void prune() {
        long now = ticker.getAsLong();
        for (Iterator<Claim> it = claims.values().iterator(); it.hasNext(); ) {
            if (!it.next().answers(now)) {
                it.remove();
            }
        }
    }
}
