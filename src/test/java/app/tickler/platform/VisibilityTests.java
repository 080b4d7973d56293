package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Role;
import app.tickler.platform.security.Visibility;

class VisibilityTests {

    private static Actor actor(Role role, boolean open) {
        return new Actor(1, 10, "A", role, 5L, ZoneId.of("UTC"), Set.of(10L, 11L), open);
    }

    @Test
    void aRepReadsOwnAndTeamRecordsOnly() {
        Actor rep = actor(Role.REP, false);
        assertThat(rep.canRead(10L)).isTrue();
        assertThat(rep.canRead(11L)).isTrue();
        assertThat(rep.canRead(99L)).isFalse();
        Visibility visibility = Visibility.of(rep, "c.owner_id", false);
        assertThat(visibility.sql()).isEqualTo("c.owner_id IN (:visibleOwners)");
        assertThat(visibility.parameters()).containsEntry("visibleOwners", Set.of(10L, 11L));
        assertThat(Visibility.of(rep, "l.owner_id", true).sql()).contains("l.owner_id IS NULL");
    }

    @Test
    void anOpenWorkspaceLetsRepsReadEverythingButChangeOnlyTheirTeams() {
        Actor rep = actor(Role.REP, true);
        assertThat(rep.canRead(99L)).isTrue();
        assertThat(rep.canWrite(99L)).isFalse();
        assertThat(Visibility.of(rep, "c.owner_id", false).sql()).isEqualTo("1 = 1");
    }

    @Test
    void managersAndAdminsSeeAndChangeEverythingStaffOnlyReads() {
        assertThat(actor(Role.MANAGER, false).canWrite(99L)).isTrue();
        assertThat(actor(Role.ADMIN, false).canRead(99L)).isTrue();
        Actor staff = actor(Role.STAFF, false);
        assertThat(staff.canRead(99L)).isTrue();
        assertThat(staff.canWrite(10L)).isFalse();
        assertThat(Visibility.of(staff, "c.owner_id", false).sql()).isEqualTo("1 = 1");
    }

    @Test
    void todayIsTheDateInTheUsersTimeZone() {
        var clock = java.time.Clock.fixed(java.time.Instant.parse("2026-03-01T23:30:00Z"), ZoneId.of("UTC"));
        Actor inTokyo = new Actor(1, 10, "A", Role.REP, null, ZoneId.of("Asia/Tokyo"), Set.of(10L), false);
        Actor inLosAngeles = new Actor(1, 10, "A", Role.REP, null, ZoneId.of("America/Los_Angeles"), Set.of(10L), false);
        assertThat(inTokyo.today(clock)).hasToString("2026-03-02");
        assertThat(inLosAngeles.today(clock)).hasToString("2026-03-01");
    }
}
