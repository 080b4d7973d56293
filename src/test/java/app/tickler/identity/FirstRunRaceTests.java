package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import app.tickler.platform.Conflict;

class FirstRunRaceTests {

    @Test
    void anInstanceThatLosesTheRaceToCreateTheFirstWorkspaceStillStarts() {
        // two instances started at once on an empty PostgreSQL database: the other one created it first
        Onboarding onboarding = mock(Onboarding.class);
        when(onboarding.isSetUp()).thenReturn(false);
        when(onboarding.createFirstWorkspace(any())).thenThrow(new Conflict("Tickler is already set up; sign in instead"));
        FirstRun firstRun = new FirstRun(onboarding, "root@umbrella.test", "raccoon city nights", "Umbrella");

        assertThatCode(() -> firstRun.run(null)).doesNotThrowAnyException();
    }
}
