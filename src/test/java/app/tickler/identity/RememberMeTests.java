package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;
import jakarta.servlet.http.Cookie;

@TicklerTest
class RememberMeTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    private Cookie signInRemembered(TestUser user) throws Exception {
        Cookie cookie = mvc.perform(post("/login").param("username", user.email()).param("password", Fixtures.PASSWORD)
                        .param("remember-me", "on").with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getResponse().getCookie("tickler-remember-me");
        assertThat(cookie).isNotNull();
        assertThat(cookie.getMaxAge()).isPositive();
        return cookie;
    }

    @Test
    void aRememberedUserIsSignedInOnAFreshSession() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Cookie remembered = signInRemembered(rep);

        var answer = mvc.perform(get("/profile").cookie(remembered)).andExpect(status().isOk()).andReturn();
        assertThat(answer.getResponse().getContentAsString()).contains(rep.email());
        // the remembered sign-in carries on in a session of its own
        MockHttpSession session = (MockHttpSession) answer.getRequest().getSession(false);
        assertThat(session).isNotNull();
        mvc.perform(get("/profile").session(session)).andExpect(status().isOk());
    }

    @Test
    void theCookieIsVoidOnceTheUserWasDeactivatedEvenAfterReactivation() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Cookie remembered = signInRemembered(rep);
        mvc.perform(post("/api/v1/users/" + rep.id() + "/deactivate").with(acme.admin().api())).andExpect(status().isOk());
        mvc.perform(post("/api/v1/users/" + rep.id() + "/reactivate").with(acme.admin().api())).andExpect(status().isOk());

        mvc.perform(get("/profile").cookie(remembered)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theCookieIsVoidAfterAPasswordChangeOrReset() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Cookie beforeChange = signInRemembered(rep);
        mvc.perform(post("/api/v1/me/password").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + Fixtures.PASSWORD + "\",\"newPassword\":\"" + Fixtures.PASSWORD + "\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/profile").cookie(beforeChange)).andExpect(redirectedUrl("/login"));

        Cookie beforeReset = signInRemembered(rep);
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"" + Fixtures.PASSWORD + "\",\"version\":1}"))
                .andExpect(status().isOk());
        mvc.perform(get("/profile").cookie(beforeReset)).andExpect(redirectedUrl("/login"));
    }
}
