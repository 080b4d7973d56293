package app.tickler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The foundation's journey through the real HTTP stack: sign up, get a token with the password,
 * call the API, add a colleague who gets a token of their own.
 */
@TicklerTest
class WorkflowHttpTests {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signUpIssueATokenCallTheApiAndAddAColleague() throws Exception {
        String email = "founder" + System.nanoTime() + "@startup.test";
        HttpResponse<String> signup = send("POST", "/api/v1/signup", null, """
                {"workspace":"Startup","name":"Fay Founder","email":"%s","password":"ship it every friday"}
                """.formatted(email));
        assertThat(signup.statusCode()).isEqualTo(201);

        HttpResponse<String> issued = send("POST", "/api/v1/auth/tokens",
                "Basic " + Base64.getEncoder().encodeToString((email + ":ship it every friday").getBytes(StandardCharsets.UTF_8)),
                "{\"name\":\"integration\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
        String token = json.readTree(issued.body()).get("token").asString();

        HttpResponse<String> me = send("GET", "/api/v1/me", "Bearer " + token, null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).at("/user/displayName").asString()).isEqualTo("Fay Founder");

        String colleague = "colleague" + System.nanoTime() + "@startup.test";
        HttpResponse<String> created = send("POST", "/api/v1/users", "Bearer " + token, """
                {"email":"%s","name":"Cole League","role":"MANAGER","password":"another long passphrase"}
                """.formatted(colleague));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode user = json.readTree(created.body());
        assertThat(user.get("role").asString()).isEqualTo("MANAGER");

        HttpResponse<String> theirToken = send("POST", "/api/v1/auth/tokens", "Basic " + Base64.getEncoder()
                .encodeToString((colleague + ":another long passphrase").getBytes(StandardCharsets.UTF_8)), "{\"name\":\"cli\"}");
        assertThat(theirToken.statusCode()).isEqualTo(201);
        HttpResponse<String> theirMe = send("GET", "/api/v1/me",
                "Bearer " + json.readTree(theirToken.body()).get("token").asString(), null);
        assertThat(json.readTree(theirMe.body()).at("/workspace/name").asString()).isEqualTo("Startup");

        HttpResponse<String> anonymous = send("GET", "/api/v1/users", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        HttpResponse<String> openApi = send("GET", "/api/v1/openapi.json", "Bearer " + token, null);
        assertThat(json.readTree(openApi.body()).at("/paths").has("/api/v1/users")).isTrue();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
