package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

@TicklerTest
class AccessControlTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.useSystemTime();
    }

    @Test
    void aUserOfOneWorkspaceCanNeitherReadNorChangeAnotherWorkspace() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace globex = fixtures.workspace();
        TestUser globexRep = globex.user(Role.REP);
        String globexTeam = globex.team("Globex East");

        mvc.perform(get("/api/v1/users/" + globexRep.id()).with(acme.admin().api())).andExpect(status().isNotFound());
        mvc.perform(patch("/api/v1/users/" + globexRep.id()).with(acme.admin().api())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Hijacked\",\"version\":0}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/users/" + globexRep.id() + "/deactivate").with(acme.admin().api()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/teams/" + globexTeam).with(acme.admin().api())).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/users").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"z@example.test\",\"name\":\"Z\",\"role\":\"REP\",\"teamId\":\"" + globexTeam
                                + "\",\"password\":\"a long enough passphrase\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("teamId"));
        mvc.perform(get("/api/v1/users").with(acme.admin().api()))
                .andExpect(jsonPath("$.items[*].email", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(globexRep.email()))));
        mvc.perform(get("/api/v1/audit-events?entityId=" + globexRep.id()).with(acme.admin().api()))
                .andExpect(jsonPath("$.items.length()").value(0));

        mvc.perform(get("/settings/users/" + globexRep.id()).with(acme.admin().browser())).andExpect(status().isNotFound());
        mvc.perform(post("/settings/users/" + globexRep.id() + "/deactivate").with(acme.admin().browser()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/users/" + globexRep.id()).with(globex.admin().api()))
                .andExpect(jsonPath("$.active").value(true)).andExpect(jsonPath("$.displayName").value(org.hamcrest.Matchers.startsWith("Rep")));
    }

    @Test
    void aDeactivatedUsersTokenAndSessionStopWorkingAtOnce() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        MockHttpSession session = rep.session();
        mvc.perform(get("/profile").session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(rep.api())).andExpect(status().isOk());

        mvc.perform(post("/api/v1/users/" + rep.id() + "/deactivate").with(acme.admin().api())).andExpect(status().isOk());

        mvc.perform(get("/api/v1/me").with(rep.api())).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
        mvc.perform(get("/profile").session(session)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin("/login").user(rep.email()).password(Fixtures.PASSWORD))
                .andExpect(redirectedUrl("/login?error"));

        mvc.perform(post("/api/v1/users/" + rep.id() + "/reactivate").with(acme.admin().api())).andExpect(status().isOk());
        // the deactivation revoked the tokens for good: a reactivated user makes new ones
        mvc.perform(get("/api/v1/me").with(rep.api())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/audit-events?entityType=apiToken&action=revoked").with(acme.admin().api()))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].actorName").value(org.hamcrest.Matchers.startsWith("Admin")));
        mvc.perform(post("/api/v1/auth/tokens").with(httpBasic(rep.email(), Fixtures.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"new\"}")).andExpect(status().isCreated());
    }

    @Test
    void aRoleChangeAppliesToTheNextRequest() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        mvc.perform(get("/api/v1/audit-events").with(manager.api())).andExpect(status().isForbidden());
        mvc.perform(patch("/api/v1/users/" + manager.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"role\":\"ADMIN\",\"version\":0}")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/audit-events").with(manager.api())).andExpect(status().isOk());
    }

    @Test
    void aFormPostWithoutCsrfTokenIsRefused() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/settings/teams").session(acme.admin().session()).param("name", "Forged"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/teams").session(acme.admin().session()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Forged\"}")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/teams").with(acme.admin().api())).andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void anAuthorizationHeaderThatIsNotAValidBearerTokenIsRefusedRatherThanFallingBackToTheSession() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        MockHttpSession session = acme.admin().session();
        for (String authorization : new String[] {"Basic eDp5", "Bearer", "Bearer nonsense", "Digest x"}) {
            mvc.perform(post("/api/v1/teams").session(session).header("Authorization", authorization)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Forged\"}"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(post("/settings/teams").session(session).header("Authorization", authorization)
                    .param("name", "Forged")).andExpect(status().isUnauthorized());
            mvc.perform(get("/api/v1/me").session(session).header("Authorization", authorization))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/teams").with(acme.admin().api())).andExpect(jsonPath("$.items.length()").value(0));
        // a genuine bearer token needs no CSRF token; the session alone still needs one
        mvc.perform(post("/api/v1/teams").session(session).with(acme.admin().api())
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"By token\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/teams").session(session).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"By session\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/auth/tokens").with(httpBasic(acme.admin().email(), Fixtures.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"basic\"}")).andExpect(status().isCreated());
    }

    @Test
    void repeatedWrongPasswordsSlowDownSignInButNeverLockOutForGood() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        clock.set(java.time.Instant.parse("2030-01-01T09:00:00Z"));
        for (int i = 0; i < 6; i++) {
            mvc.perform(formLogin("/login").user(rep.email()).password("wrong password " + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        // the right password is not even checked while the back-off lasts
        mvc.perform(formLogin("/login").user(rep.email()).password(Fixtures.PASSWORD))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/api/v1/auth/tokens").with(httpBasic(rep.email(), Fixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));

        clock.advance(java.time.Duration.ofMinutes(16));
        mvc.perform(formLogin("/login").user(rep.email()).password(Fixtures.PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void theLoginPageExplainsAThrottledAttempt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        clock.set(java.time.Instant.parse("2031-01-01T09:00:00Z"));
        MockHttpSession session = new MockHttpSession();
        for (int i = 0; i < 7; i++) {
            mvc.perform(post("/login").session(session).param("username", rep.email()).param("password", "nope")
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
        }
        String page = mvc.perform(get("/login").param("error", "").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Too many failed sign-ins");
    }

    @Test
    void changingThePasswordSignsOutOtherSessionsButKeepsThisOne() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        MockHttpSession other = fixtures.signInSession(rep.email());
        MockHttpSession mine = rep.session();
        mvc.perform(post("/profile/password").with(rep.browser())
                        .param("currentPassword", Fixtures.PASSWORD).param("newPassword", "an even better passphrase"))
                .andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/profile").session(mine)).andExpect(status().isOk());
        mvc.perform(get("/profile").session(other)).andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin("/login").user(rep.email()).password("an even better passphrase")).andExpect(redirectedUrl("/"));
    }

    @Test
    void changingThePasswordRenewsThisSessionsIdAndKeepsNoPasswordHashInIt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        MockHttpSession mine = rep.session();
        String before = mine.getId();
        mvc.perform(post("/profile/password").with(rep.browser())
                        .param("currentPassword", Fixtures.PASSWORD).param("newPassword", "an even better passphrase"))
                .andExpect(redirectedUrl("/profile"));
        assertThat(mine.getId()).isNotEqualTo(before);
        SecurityContext saved = (SecurityContext) mine.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(saved.getAuthentication().getPrincipal()).isInstanceOfSatisfying(SignedInUser.class,
                user -> assertThat(user.getPassword()).isNull());
    }

    @Test
    void changingThePasswordThroughTheApiFromTheBrowserKeepsThisSessionToo() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        MockHttpSession other = fixtures.signInSession(rep.email());
        MockHttpSession mine = rep.session();
        mvc.perform(post("/api/v1/me/password").with(rep.browser()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + Fixtures.PASSWORD + "\",\"newPassword\":\"an even better passphrase\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/profile").session(mine)).andExpect(status().isOk());
        mvc.perform(get("/profile").session(other)).andExpect(redirectedUrl("/login"));

        // a program with a token gets no session from it
        var byToken = mvc.perform(post("/api/v1/me/password").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"an even better passphrase\",\"newPassword\":\"" + Fixtures.PASSWORD + "\"}"))
                .andExpect(status().isNoContent()).andReturn();
        assertThat(byToken.getRequest().getSession(false)).isNull();
    }

    @Test
    void aWrongCurrentPasswordIsNamed() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(post("/api/v1/me/password").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"nope\",\"newPassword\":\"an even better passphrase\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("currentPassword"));
        String page = mvc.perform(post("/profile/password").with(rep.browser())
                        .param("currentPassword", "nope").param("newPassword", "an even better passphrase"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("is not your current password");
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeASignIn() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        clock.set(java.time.Instant.parse("2032-01-01T09:00:00Z"));
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/api/v1/me/password").with(rep.api()).with(Fixtures.from("198.51.100.7"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"currentPassword\":\"guess " + i + "\",\"newPassword\":\"an even better passphrase\"}"))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(post("/api/v1/me/password").with(rep.api()).with(Fixtures.from("198.51.100.7"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + Fixtures.PASSWORD + "\",\"newPassword\":\"an even better passphrase\"}"))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        clock.advance(java.time.Duration.ofSeconds(2));
        mvc.perform(post("/api/v1/me/password").with(rep.api()).with(Fixtures.from("198.51.100.7"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + Fixtures.PASSWORD + "\",\"newPassword\":\"an even better passphrase\"}"))
                .andExpect(status().isNoContent());
    }

    @Test
    void staffAndRepsCannotOpenTheSettings() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        mvc.perform(get("/settings/users").with(staff.browser())).andExpect(status().isForbidden());
        // installation-wide data is for the installation's operator, not for any workspace's admin
        mvc.perform(get("/actuator/metrics").with(staff.browser())).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").with(acme.admin().browser())).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/flyway").with(acme.admin().api())).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").header("Authorization", "Bearer not-the-operator-token"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").header("Authorization", "Bearer " + TicklerTest.OPERATOR_TOKEN))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").header("Authorization", "Bearer " + TicklerTest.OPERATOR_TOKEN))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }
}
