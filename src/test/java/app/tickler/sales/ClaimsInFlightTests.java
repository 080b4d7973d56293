package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimsInFlightTests {

    long now = 0;
    final ClaimsInFlight claims = new ClaimsInFlight(() -> now);

    @Test
    void aLeadBeingClaimedIsTakenUntilTheClaimRollsBack() {
        assertThat(claims.start(1, 10, 7)).isTrue();
        assertThat(claims.taken(1, 10)).isNotNull();
        assertThat(claims.start(1, 10, 7)).isFalse();
        claims.forget(1, 10); // a change of the lead does not end a claim being written
        assertThat(claims.taken(1, 10)).isNotNull();
        claims.end(1, 10, false);
        assertThat(claims.taken(1, 10)).isNull();
        assertThat(claims.start(1, 10, 7)).isTrue();
    }

    @Test
    void aCommittedClaimAnswersWithItsClaimerUntilTheLeadChangesHere() {
        claims.start(1, 10, 7);
        assertThat(claims.taken(1, 10)).isEqualTo(new ClaimsInFlight.Taken(7, true));
        claims.end(1, 10, true);
        assertThat(claims.taken(1, 10)).isEqualTo(new ClaimsInFlight.Taken(7, false));
        assertThat(claims.start(1, 10, 7)).isFalse();
        claims.forget(1, 10);
        assertThat(claims.taken(1, 10)).isNull();
    }

    @Test
    void theSameLeadIdInAnotherWorkspaceIsAnotherLead() {
        claims.start(1, 10, 7);
        assertThat(claims.taken(2, 10)).isNull();
        assertThat(claims.start(2, 10, 7)).isTrue();
    }

    @Test
    void aCommittedClaimStopsAnsweringAfterItsSecond() {
        claims.start(1, 10, 7);
        claims.end(1, 10, true);
        now += ClaimsInFlight.SETTLED_NANOS - 1;
        assertThat(claims.taken(1, 10)).isNotNull();
        now += 1;
        assertThat(claims.taken(1, 10)).isNull();
        assertThat(claims.start(1, 10, 7)).isTrue();
    }

    @Test
    void manyEndedClaimsDoNotAccumulateBeyondTheirSecond() {
        for (long lead = 0; lead < 2_000; lead++) {
            claims.start(1, lead, 7);
            claims.end(1, lead, true);
        }
        now += ClaimsInFlight.SETTLED_NANOS;
        claims.start(1, 5_000, 7);
        claims.end(1, 5_000, true); // past the threshold: the settled ones are pruned
        assertThat(claims.taken(1, 0)).isNull();
        assertThat(claims.size()).isEqualTo(1);
    }
}
