package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import app.tickler.Fixtures;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.IdGenerator;

@TicklerTest
class TeamNameTests {

    @Autowired
    TeamRepository teams;
    @Autowired
    IdGenerator ids;
    @Autowired
    Clock clock;
    @Autowired
    Fixtures fixtures;

    @Test
    void theDatabaseItselfRefusesATeamNameThatDiffersOnlyInCase() {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace globex = fixtures.workspace();
        acme.admin().run(() -> teams.insert(ids.next(), "North", clock.millis()));

        // as two admins creating "North" and "NORTH" at the same moment would, past the check in TeamManagement
        assertThatThrownBy(() -> acme.admin().run(() -> teams.insert(ids.next(), "NORTH", clock.millis())))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("teams_name_lower");
        assertThatCode(() -> globex.admin().run(() -> teams.insert(ids.next(), "north", clock.millis())))
                .doesNotThrowAnyException();
    }
}
