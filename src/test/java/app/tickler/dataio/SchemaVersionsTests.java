package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** Which backups an installation takes, by the migrations its Tickler ships and the versions applied. */
class SchemaVersionsTests {

    /** A Tickler shipping these migrations: version, then its folders. */
    static SchemaVersions shipping(Object... versionsAndFolders) {
        Map<MigrationVersion, Set<String>> shipped = new LinkedHashMap<>();
        for (int i = 0; i < versionsAndFolders.length; i += 2) {
            shipped.put(MigrationVersion.fromVersion((String) versionsAndFolders[i]),
                    Set.copyOf(List.of(((String) versionsAndFolders[i + 1]).split(","))));
        }
        return new SchemaVersions(shipped);
    }

    static final Object[] UP_TO_70 = {"1", "migration", "11", "sqlite,postgresql", "63", "migration", "70", "postgresql"};

    static Object[] with(Object[] base, Object... more) {
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static final Object[] UP_TO_72 = with(UP_TO_70, "71", "sqlite,postgresql", "72", "sqlite,postgresql");

    @Test
    void aBackupHoldingTheImportMigrationsIsRefusedByAnInstallationWithoutThemNamingBothVersions() {
        assertThat(shipping(UP_TO_70).refusal("72", "SQLITE", "70", "POSTGRESQL"))
                .contains("schema version 72").contains("newer Tickler").contains("(schema version 70)")
                .contains("upgrade Tickler here");
        assertThat(shipping(UP_TO_70).refusal("72", "SQLITE", "63", "SQLITE")).contains("newer Tickler");
    }

    @Test
    void theSameTicklerTakesItsBackupsOnEitherDatabase() {
        assertThat(shipping(UP_TO_72).refusal("72", "SQLITE", "72", "POSTGRESQL")).isNull();
        assertThat(shipping(UP_TO_72).refusal("72", "POSTGRESQL", "72", "SQLITE")).isNull();
        Object[] postgresqlOnlyOnTop = with(UP_TO_72, "73", "postgresql");
        assertThat(shipping(postgresqlOnlyOnTop).refusal("72", "SQLITE", "73", "POSTGRESQL"))
                .as("SQLite has no V73: the same Tickler").isNull();
        assertThat(shipping(postgresqlOnlyOnTop).refusal("73", "POSTGRESQL", "72", "SQLITE")).isNull();
        assertThat(shipping(postgresqlOnlyOnTop).refusal("72", "POSTGRESQL", "73", "POSTGRESQL"))
                .as("PostgreSQL at 72 lacked V73: an older Tickler").contains("older Tickler");
    }

    @Test
    void anOlderOrUnknownVersionIsRefusedWithWhatToDo() {
        assertThat(shipping(UP_TO_72).refusal("63", "SQLITE", "72", "SQLITE")).contains("schema version 63")
                .contains("older Tickler").contains("restore it with the Tickler version that made it");
        assertThat(shipping(UP_TO_72).refusal("99", "SQLITE", "72", "SQLITE")).contains("newer Tickler");
        assertThat(shipping(UP_TO_72).refusal("", "SQLITE", "72", "SQLITE")).contains("no schema version");
        assertThat(shipping(UP_TO_72).refusal("x.y", "SQLITE", "72", "SQLITE")).contains("not a version");
    }

    @Test
    void versionsAreOrderedAsFlywayOrdersThem() {
        assertThat(SchemaVersions.highest(List.of("9", "72", "10", "1.5"))).isEqualTo("72");
        assertThat(SchemaVersions.highest(List.of("9", "10"))).isEqualTo("10");
        assertThat(SchemaVersions.shipped().portable("63")).isTrue();
        assertThat(SchemaVersions.shipped().portable("72")).as("a vendor migration").isFalse();
    }
}
