package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimsInFlightTests {

    long now = 0;
    final ClaimsInFlight claims = new ClaimsInFlight(() -> now);

    @Test
    void aLeadBeingClaimedIsTakenUntilTheClaimRollsBack() {
        assertThat(claims.start(1, 10)).isTrue();
        assertThat(claims.taken(1, 10)).isTrue();
        assertThat(claims.start(1, 10)).isFalse();
        claims.forget(1, 10); // a change of the lead does not end a claim being written
        assertThat(claims.taken(1, 10)).isTrue();
        claims.end(1, 10, false);
        assertThat(claims.taken(1, 10)).isFalse();
        assertThat(claims.start(1, 10)).isTrue();
    }

    @Test
    void aCommittedClaimAnswersUntilTheLeadChangesHere() {
        claims.start(1, 10);
        claims.end(1, 10, true);
        assertThat(claims.taken(1, 10)).isTrue();
        assertThat(claims.start(1, 10)).isFalse();
        claims.forget(1, 10);
        assertThat(claims.taken(1, 10)).isFalse();
    }

    @Test
    void theSameLeadIdInAnotherWorkspaceIsAnotherLead() {
        claims.start(1, 10);
        assertThat(claims.taken(2, 10)).isFalse();
        assertThat(claims.start(2, 10)).isTrue();
    }

    @Test
    void aCommittedClaimStopsAnsweringAfterItsSecond() {
        claims.start(1, 10);
        claims.end(1, 10, true);
        now += ClaimsInFlight.SETTLED_NANOS - 1;
        assertThat(claims.taken(1, 10)).isTrue();
        now += 1;
        assertThat(claims.taken(1, 10)).isFalse();
        assertThat(claims.start(1, 10)).isTrue();
    }

    @Test
    void manyEndedClaimsDoNotAccumulateBeyondTheirSecond() {
        for (long lead = 0; lead < 2_000; lead++) {
            claims.start(1, lead);
            claims.end(1, lead, true);
        }
        now += ClaimsInFlight.SETTLED_NANOS;
        claims.start(1, 5_000);
        claims.end(1, 5_000, true); // past the threshold: the settled ones are pruned
        assertThat(claims.taken(1, 0)).isFalse();
        assertThat(claims.size()).isEqualTo(1);
    }
}
