package app.tickler.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application at the embedded SQLite database in {@code tickler.data-dir} (default
 * {@code ./tickler-data}) unless {@code spring.datasource.url} names another database, and creates
 * the directory so that the first start needs no set-up. The pragmas make SQLite safe for a server:
 * WAL for concurrent readers, synchronous=FULL so a committed transaction survives a power cut,
 * foreign keys on, a busy timeout instead of immediate lock errors, and IMMEDIATE transactions so
 * that two writers queue up rather than deadlock on a lock upgrade.
 */
public class DataDirectory implements EnvironmentPostProcessor {

    public static final String SQLITE_OPTIONS =
            "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&busy_timeout=15000&transaction_mode=IMMEDIATE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDir = Path.of(environment.getProperty("tickler.data-dir", "./tickler-data")).toAbsolutePath().normalize();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("tickler.data-dir", dataDir.toString());
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            url = "jdbc:sqlite:" + dataDir.resolve("tickler.db") + SQLITE_OPTIONS;
            defaults.put("spring.datasource.url", url);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            createParentOf(url);
            // SQLite has one writer at a time; a few connections serve concurrent readers under WAL.
            defaults.put("spring.datasource.hikari.maximum-pool-size", "8");
        }
        environment.getPropertySources().addLast(new MapPropertySource("tickler-data-directory", defaults));
    }

    private static void createParentOf(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isBlank() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + parent, e);
        }
    }
}
