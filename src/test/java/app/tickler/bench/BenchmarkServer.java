package app.tickler.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import app.tickler.TicklerApplication;
import app.tickler.platform.database.DataDirectory;

/**
 * A Tickler server on a benchmark database (generated once, then reused), and an HTTP client that
 * measures latencies on loopback — what a user's browser would wait for, minus the network.
 */
final class BenchmarkServer implements AutoCloseable {

    static final String PASSWORD = "benchmark passphrase";
    static final String ADMIN = "bench-admin@tickler.test";

    final ConfigurableApplicationContext context;
    final String base;
    final JdbcTemplate jdbc;
    final long workspace;
    final String database;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private BenchmarkServer(ConfigurableApplicationContext context, String database) {
        this.context = context;
        this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        this.workspace = jdbc.queryForObject(
                "SELECT workspace_id FROM workspaces WHERE name = 'Benchmark' ORDER BY workspace_id DESC LIMIT 1", Long.class);
        this.database = database;
    }

    /** Starts on the benchmark database, generating it first when it does not exist yet. */
    static BenchmarkServer start(int accounts, int contacts) throws IOException {
        String postgres = System.getenv("TICKLER_BENCH_POSTGRES_URL");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--logging.level.app.tickler=INFO"));
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-data")).toAbsolutePath();
        Files.createDirectories(dir);
        args.add("--tickler.data-dir=" + dir);
        Path marker;
        String database;
        if (postgres != null && !postgres.isBlank()) {
            args.add("--spring.datasource.url=" + postgres);
            args.add("--spring.datasource.username=" + System.getenv().getOrDefault("TICKLER_BENCH_POSTGRES_USER", "postgres"));
            marker = dir.resolve("generated-postgres-" + Integer.toHexString(postgres.hashCode()));
            database = "PostgreSQL";
        } else {
            args.add("--spring.datasource.url=jdbc:sqlite:" + dir.resolve("bench.db") + DataDirectory.SQLITE_OPTIONS);
            marker = dir.resolve("generated-sqlite");
            database = "SQLite";
        }
        // the rest of the reference size: deals, touches and follow-ups on those parties
        long deals = Long.getLong("bench.deals", 100_000);
        long touches = Long.getLong("bench.touches", 10_000_000);
        long followUps = Long.getLong("bench.follow-ups", 2_000_000);
        String wanted = accounts + "/" + contacts + "/" + deals + "/" + touches + "/" + followUps;
        if (!Files.exists(marker) || !Files.readString(marker).equals(wanted)) {
            List<String> generate = new ArrayList<>(args);
            if (postgres != null && !postgres.isBlank()) {
                // the generator's batches as multi-row inserts: the generation is not what is measured
                generate.replaceAll(arg -> arg.startsWith("--spring.datasource.url=")
                        ? arg + (arg.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : arg);
            }
            generate.addAll(List.of("--tickler.generate.accounts=" + accounts, "--tickler.generate.contacts=" + contacts,
                    "--tickler.generate.deals=" + deals, "--tickler.generate.touches=" + touches,
                    "--tickler.generate.follow-ups=" + followUps,
                    "--tickler.generate.exit=false", "--tickler.generate.admin=" + ADMIN,
                    "--tickler.generate.password=" + PASSWORD));
            try (ConfigurableApplicationContext generating = SpringApplication.run(TicklerApplication.class,
                    generate.toArray(String[]::new))) {
                Files.writeString(marker, wanted);
            }
        }
        return new BenchmarkServer(SpringApplication.run(TicklerApplication.class, args.toArray(String[]::new)), database);
    }

    String token(String email) throws Exception {
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(issued.body());
        if (!token.find()) {
            throw new IllegalStateException("no token: " + issued.body());
        }
        return token.group(1);
    }

    /** Signs the client's cookie session in through the login form. */
    void signIn(String email) throws Exception {
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** Posts a JSON body with a bearer token; the answer's body, which must be a success. */
    String post(String path, String token, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A measurement: p50, p95, p99 in milliseconds over {@code runs} requests after a warm-up. */
    record Result(String name, double p50, double p95, double p99, int runs) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |", name, p50, p95, p99, runs);
        }
    }

    static Result measure(String name, int runs, Supplier<Runnable> next) {
        for (int i = 0; i < Math.max(20, runs / 10); i++) {
            next.get().run();
        }
        List<Long> nanos = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            Runnable request = next.get();
            long start = System.nanoTime();
            request.run();
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        return new Result(name, percentile(nanos, 0.50), percentile(nanos, 0.95), percentile(nanos, 0.99), runs);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1_000_000.0;
    }

    static Runnable unchecked(ThrowingRunnable runnable) {
        return () -> {
            try {
                runnable.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        context.close();
    }
}
