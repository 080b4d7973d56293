package app.tickler;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes workspaces, users and teams the way a user would — through the REST API — so that every
 * test works in data of its own, on either database.
 */
public class Fixtures {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final MockMvc mvc;
    private final Directory directory;
    private final JsonMapper json;

    Fixtures(MockMvc mvc, Directory directory, JsonMapper json) {
        this.mvc = mvc;
        this.directory = directory;
        this.json = json;
    }

    /** A new workspace with its admin. */
    public TestWorkspace workspace() {
        long n = SEQUENCE.incrementAndGet();
        String email = "admin" + n + "@acme" + n + ".test";
        // each from an address of its own: sign-up is limited per address
        String address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
        JsonNode answer = call(post("/api/v1/signup").contentType(MediaType.APPLICATION_JSON).content(write(Map.of(
                "workspace", "Acme " + n, "name", "Admin " + n, "email", email, "password", PASSWORD,
                "timeZone", "Europe/Berlin", "currency", "EUR"))), from(address), 201);
        long workspaceId = Long.parseLong(answer.get("workspace").asString());
        long adminId = Long.parseLong(answer.get("admin").asString());
        TestUser admin = new TestUser(this, workspaceId, adminId, email, Role.ADMIN, tokenFor(email));
        return new TestWorkspace(this, workspaceId, admin, n);
    }

    TestUser user(TestWorkspace workspace, Role role, String teamId) {
        long n = SEQUENCE.incrementAndGet();
        String email = role.name().toLowerCase() + n + "@acme" + workspace.number() + ".test";
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "name",
                capitalised(role) + " " + n, "role", role.name(), "password", PASSWORD));
        if (teamId != null) {
            body.put("teamId", teamId);
        }
        JsonNode created = call(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON).content(write(body)),
                workspace.admin().api(), 201);
        return new TestUser(this, workspace.id(), Long.parseLong(created.get("id").asString()), email, role,
                tokenFor(email));
    }

    String team(TestWorkspace workspace, String name) {
        JsonNode created = call(post("/api/v1/teams").contentType(MediaType.APPLICATION_JSON)
                .content(write(Map.of("name", name))), workspace.admin().api(), 201);
        return created.get("id").asString();
    }

    Actor actor(TestUser user) {
        return directory.actorFor(new WorkspaceId(user.workspaceId()), new UserId(user.id()))
                .orElseThrow(() -> new IllegalStateException("user is not active"));
    }

    /** The request comes from this client address. */
    public static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** A further, separate signed-in session of the user (another browser). */
    public MockHttpSession signInSession(String email) {
        return signIn(email);
    }

    MockHttpSession signIn(String email) {
        try {
            MvcResult result = mvc.perform(formLogin("/login").user(email).password(PASSWORD)).andReturn();
            if (result.getResponse().getStatus() != 302
                    || !"/".equals(result.getResponse().getRedirectedUrl())) {
                throw new IllegalStateException("sign-in of " + email + " failed: " + result.getResponse().getRedirectedUrl());
            }
            return (MockHttpSession) result.getRequest().getSession(false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String tokenFor(String email) {
        JsonNode token = call(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .content(write(Map.of("name", "tests"))), httpBasic(email, PASSWORD), 201);
        return token.get("token").asString();
    }

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            RequestPostProcessor auth, int expectedStatus) {
        try {
            if (auth != null) {
                request.with(auth);
            }
            MvcResult result = mvc.perform(request).andReturn();
            String body = result.getResponse().getContentAsString();
            if (result.getResponse().getStatus() != expectedStatus) {
                throw new IllegalStateException("expected " + expectedStatus + " but got "
                        + result.getResponse().getStatus() + ": " + body);
            }
            return json.readTree(body);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    private static String capitalised(Role role) {
        String name = role.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
