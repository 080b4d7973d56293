package app.tickler.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.tickler.identity.TeamId;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Role;

class JournalRulesTests {

    private static Actor actor(Role role, Long team) {
        return new Actor(1L, 7L, "Max", role, team, ZoneId.of("Europe/Berlin"), Set.of(7L), false);
    }

    @Test
    void aManagerReviewsTheOwnTeamAnAdminEveryTeamAndARepNoOne() {
        TeamId north = new TeamId(10);
        TeamId south = new TeamId(20);
        assertThat(Journal.mayReview(actor(Role.MANAGER, 10L), north)).isTrue();
        assertThat(Journal.mayReview(actor(Role.MANAGER, 10L), south)).isFalse();
        assertThat(Journal.mayReview(actor(Role.MANAGER, 10L), null)).as("a rep without a team").isFalse();
        assertThat(Journal.mayReview(actor(Role.MANAGER, null), south)).as("a manager without a team").isTrue();
        assertThat(Journal.mayReview(actor(Role.ADMIN, null), south)).isTrue();
        assertThat(Journal.mayReview(actor(Role.REP, 10L), north)).isFalse();
        assertThat(Journal.mayReview(actor(Role.STAFF, 10L), north)).isFalse();
    }

    @Test
    void channelsAndAmountsReadAsWords() {
        assertThat(JournalRecorder.label("HANDWRITTEN_NOTE")).isEqualTo("Handwritten note");
        assertThat(JournalRecorder.money(123456, "EUR")).isEqualTo("1,234.56 EUR");
    }
}
