package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Installations are upgraded by the migrations that came after the ones they have: Flyway refuses to
 * start when a migration is numbered below one an installation has applied. So every migration that
 * is not in an installed release yet must be numbered above all that are.
 */
class MigrationUpgradeTests {

    /**
     * The migration versions of the releases installations may run (every folder, vendor ones
     * included). Add a release's new versions here when it lands.
     */
    private static final Set<Integer> LANDED = Set.of(1, 2, 3, 10, 11, 20, 21, 22, 23, 30, 31, 32, 33, 40, 45, 46, 50,
            60, 61, 62, 63, 70, 71, 72, 73, 74, 75);

    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.sql$");

    @Test
    void everyNewMigrationIsNumberedAboveEveryLandedOne() throws Exception {
        int newestLanded = LANDED.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> belowLanded = new ArrayList<>();
        for (Resource migration : new PathMatchingResourcePatternResolver().getResources("classpath*:db/**/V*__*.sql")) {
            Matcher name = VERSION.matcher(migration.getFilename());
            if (name.matches()) {
                int version = Integer.parseInt(name.group(1));
                if (!LANDED.contains(version) && version < newestLanded) {
                    belowLanded.add(migration.getFilename());
                }
            }
        }
        assertThat(belowLanded).as("new migrations numbered below V%d, which installations have applied", newestLanded)
                .isEmpty();
    }

    @Test
    void anEmbeddedDatabaseOfTheLandedReleaseIsUpgradedToThisOne(@TempDir Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("tickler.db") + "?foreign_keys=true";
        int newestLanded = LANDED.stream().mapToInt(Integer::intValue).filter(v -> v != 70).max().orElseThrow();
        assertThat(flyway(url).target(Integer.toString(newestLanded)).load().migrate().success).isTrue();

        MigrateResult upgrade = flyway(url).load().migrate();

        assertThat(upgrade.success).isTrue();
    }

    /** As the application configures Flyway (application.properties), for SQLite (which has no V70). */
    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/migration", "classpath:db/vendor/sqlite");
    }
}
