package app.tickler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import app.tickler.platform.database.DataDirectory;

/**
 * Points a test context at its database: a fresh SQLite file by default, or the PostgreSQL database
 * named by {@code TICKLER_TEST_POSTGRES_URL} (with {@code TICKLER_TEST_POSTGRES_USER} and
 * {@code _PASSWORD}). Tests isolate themselves by working in workspaces of their own; a context that
 * needs an empty database sets {@code tickler.test.isolated-database=true} and gets its own SQLite
 * file or PostgreSQL schema.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String POSTGRES_URL = System.getenv("TICKLER_TEST_POSTGRES_URL");

    public static boolean onPostgres() {
        return POSTGRES_URL != null && !POSTGRES_URL.isBlank();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        Path dataDir = temporaryDirectory();
        properties.put("tickler.data-dir", dataDir.toString());
        boolean isolated = Boolean.parseBoolean(context.getEnvironment().getProperty("tickler.test.isolated-database"));
        if (onPostgres()) {
            String url = POSTGRES_URL;
            if (isolated) {
                String schema = "isolated_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                properties.put("spring.flyway.schemas", schema);
                properties.put("spring.flyway.default-schema", schema);
            }
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", env("TICKLER_TEST_POSTGRES_USER", "postgres"));
            properties.put("spring.datasource.password", env("TICKLER_TEST_POSTGRES_PASSWORD", ""));
        } else {
            properties.put("spring.datasource.url",
                    "jdbc:sqlite:" + dataDir.resolve("tickler.db") + DataDirectory.SQLITE_OPTIONS);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("tickler-test-database", properties));
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("tickler-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
