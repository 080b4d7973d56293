package app.tickler.dataio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which backups a Tickler can restore, by schema version. A backup records the highest Flyway version
 * applied where it was made, whatever its folder: a vendor migration (the import's V71 and V72) can
 * decide which rows a table takes, so an installation without it must refuse the backup before writing,
 * not fail on a row. Two installations of the same Tickler on different databases may still differ by a
 * migration only the other database has; that difference alone does not refuse a move between them.
 */
final class SchemaVersions {

    static final String PORTABLE = "migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    /** The migrations this Tickler ships: each version with the folders holding it (portable, or a database's). */
    private final NavigableMap<MigrationVersion, Set<String>> shipped;

    SchemaVersions(Map<MigrationVersion, Set<String>> shipped) {
        this.shipped = new TreeMap<>(shipped);
    }

    /** The migrations on the class path: {@code db/migration} and each {@code db/vendor/<database>}. */
    static SchemaVersions shipped() {
        Map<MigrationVersion, Set<String>> shipped = new TreeMap<>();
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (Resource resource : resolver.getResources("classpath*:db/migration/*.sql")) {
                add(shipped, resource.getFilename(), PORTABLE);
            }
            for (Resource resource : resolver.getResources("classpath*:db/vendor/*/*.sql")) {
                String path = resource.getURL().getPath();
                String folder = path.substring(0, path.lastIndexOf('/'));
                add(shipped, resource.getFilename(), folder.substring(folder.lastIndexOf('/') + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations", e);
        }
        return new SchemaVersions(shipped);
    }

    private static void add(Map<MigrationVersion, Set<String>> shipped, String file, String folder) {
        Matcher m = file == null ? null : VERSIONED.matcher(file);
        if (m != null && m.matches()) {
            shipped.computeIfAbsent(MigrationVersion.fromVersion(m.group(1)), v -> new HashSet<>()).add(folder);
        }
    }

    /** Whether this version is of a portable migration (applied on every database). */
    boolean portable(String version) {
        return shipped.getOrDefault(MigrationVersion.fromVersion(version), Set.of()).contains(PORTABLE);
    }

    /** The highest of these versions (Flyway's order: 10 after 9). */
    static String highest(Iterable<String> versions) {
        MigrationVersion highest = null;
        for (String version : versions) {
            MigrationVersion v = MigrationVersion.fromVersion(version);
            if (highest == null || v.compareTo(highest) > 0) {
                highest = v;
            }
        }
        return highest == null ? null : highest.getVersion();
    }

    /**
     * Why a backup made at schema version {@code made} on the database {@code madeOn} cannot be restored into
     * this installation, at {@code here} on {@code hereOn}; null when it can: the same version, or versions
     * apart only by migrations of a database the lower one is not on (the same Tickler on SQLite and
     * PostgreSQL).
     */
    String refusal(String made, String madeOn, String here, String hereOn) {
        if (made == null || made.isBlank()) {
            return "has no schema version in its manifest: it was not made by Tickler's backup";
        }
        MigrationVersion backup;
        try {
            backup = MigrationVersion.fromVersion(made.strip());
        } catch (RuntimeException e) {
            return "has the schema version '" + made + "', which is not a version";
        }
        MigrationVersion installed = MigrationVersion.fromVersion(here);
        int order = backup.compareTo(installed);
        if (order == 0) {
            return null;
        }
        String newer = "was made with schema version " + made + " by a newer Tickler than this one (schema version "
                + here + "): upgrade Tickler here to the version that made the backup, then restore it";
        String older = "was made with schema version " + made + " by an older Tickler than this one (schema version "
                + here + "): restore it with the Tickler version that made it, then upgrade that installation";
        if (shipped.isEmpty() || backup.compareTo(shipped.lastKey()) > 0) {
            return newer;
        }
        MigrationVersion low = order < 0 ? backup : installed;
        MigrationVersion high = order < 0 ? installed : backup;
        String lowerDatabase = folder(order < 0 ? madeOn : hereOn);
        // a migration between the two that the lower one's database would have applied: another Tickler
        boolean anotherTickler = shipped.subMap(low, false, high, true).values().stream()
                .anyMatch(folders -> folders.contains(PORTABLE) || folders.contains(lowerDatabase));
        return !anotherTickler ? null : order < 0 ? older : newer;
    }

    /** The vendor folder of a database as a manifest names it ({@code SQLITE} → {@code sqlite}). */
    static String folder(String database) {
        return database == null ? "" : database.strip().toLowerCase(Locale.ROOT);
    }
}
