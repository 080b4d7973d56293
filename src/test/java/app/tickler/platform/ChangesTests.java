package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;

class ChangesTests {

    record Deal(String name, long amount, String stage, long version) {
    }

    @Test
    void onlyChangedFieldsAreRecordedAndBookkeepingIsLeftOut() {
        var changes = Changes.between(new Deal("Roof", 100, "proposal", 1), new Deal("Roof", 150, "closing", 2));
        assertThat(changes).containsOnlyKeys("amount", "stage");
        assertThat(changes.get("amount")).isEqualTo(new Change(100L, 150L));
    }

    @Test
    void aCreationRecordsEveryFieldThatHasAValue() {
        var changes = Changes.between(null, new Deal("Roof", 0, null, 0));
        assertThat(changes).containsOnlyKeys("name", "amount");
    }

    @Test
    void namedFieldsCanBeIgnored() {
        assertThat(Changes.between(new Deal("A", 1, "x", 0), new Deal("B", 1, "x", 0), "name")).isEmpty();
    }
}
