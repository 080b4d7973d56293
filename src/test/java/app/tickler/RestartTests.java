package app.tickler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded database keeps everything across a restart of the server. */
@DisabledIfEnvironmentVariable(named = "TICKLER_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "PostgreSQL outlives the server by design; this checks the embedded database")
class RestartTests {

    @Test
    void dataSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("tickler-restart-");
        String[] args = {"--server.port=0", "--tickler.data-dir=" + dataDir, "--tickler.admin.email=ops@restart.test",
                "--tickler.admin.password=keep it running please", "--spring.main.banner-mode=off"};
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops@restart.test:keep it running please"
                .getBytes(StandardCharsets.UTF_8));

        try (ConfigurableApplicationContext first = SpringApplication.run(TicklerApplication.class, args)) {
            HttpResponse<String> created = post(port(first), "/api/v1/auth/tokens", basic, "{\"name\":\"before restart\"}");
            assertThat(created.statusCode()).isEqualTo(201);
        }
        assertThat(dataDir.resolve("tickler.db")).exists();
        try (ConfigurableApplicationContext second = SpringApplication.run(TicklerApplication.class, args)) {
            HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port(second) + "/api/v1/auth/tokens")).header("Authorization", basic)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            // GET with Basic is not accepted: sign in for a new token, then list
            assertThat(listed.statusCode()).isEqualTo(401);
            String token = post(port(second), "/api/v1/auth/tokens", basic, "{\"name\":\"after restart\"}").body()
                    .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port(second) + "/api/v1/auth/tokens"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.body()).contains("before restart").contains("after restart");
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static HttpResponse<String> post(int port, String path, String authorization, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
