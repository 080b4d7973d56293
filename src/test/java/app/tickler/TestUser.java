package app.tickler;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/** A user made for a test, able to call the API (bearer token) and the pages (signed-in session). */
public final class TestUser {

    private final Fixtures fixtures;
    private final long workspaceId;
    private final long id;
    private final String email;
    private final Role role;
    private final String token;
    private MockHttpSession session;

    TestUser(Fixtures fixtures, long workspaceId, long id, String email, Role role, String token) {
        this.fixtures = fixtures;
        this.workspaceId = workspaceId;
        this.id = id;
        this.email = email;
        this.role = role;
        this.token = token;
    }

    public long workspaceId() {
        return workspaceId;
    }

    public long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public String token() {
        return token;
    }

    /** Authenticates a MockMvc request with the user's API token. */
    public RequestPostProcessor api() {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    /** Authenticates a MockMvc page request with the user's signed-in session and a CSRF token. */
    public RequestPostProcessor browser() {
        if (session == null) {
            session = fixtures.signIn(email);
        }
        MockHttpSession signedIn = session;
        return request -> {
            request.setSession(signedIn);
            return csrf().postProcessRequest(request);
        };
    }

    public MockHttpSession session() {
        if (session == null) {
            session = fixtures.signIn(email);
        }
        return session;
    }

    public Actor actor() {
        return fixtures.actor(this);
    }

    /** Runs service code as this user. */
    public <T> T call(java.util.function.Supplier<T> work) {
        return Actors.callAs(actor(), work);
    }

    public void run(Runnable work) {
        Actors.runAs(actor(), work);
    }
}
