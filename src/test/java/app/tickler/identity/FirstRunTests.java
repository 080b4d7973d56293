package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.TestDatabase;

/** A fresh installation: an empty database, sign-up off (the default). */
@SpringBootTest(properties = "tickler.test.isolated-database=true")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunTests {

    @Autowired
    MockMvc mvc;

    @Test
    @Order(1)
    void everyPageLeadsToTheOneTimeSetUpUntilAWorkspaceExists() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/setup"));
        mvc.perform(get("/login")).andExpect(redirectedUrl("/setup"));
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        String page = mvc.perform(get("/setup")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Set up Tickler").doesNotContain("value=\"admin\"");
    }

    @Test
    @Order(2)
    void theSetUpCreatesTheWorkspaceAndSignsTheAdminIn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/setup").session(session).with(csrf()).param("workspace", "Initech").param("name", "Ivy Admin")
                        .param("email", "ivy@initech.test").param("password", "short").param("timeZone", "Europe/Rome")
                        .param("currency", "EUR"))
                .andExpect(status().isOk());
        MockHttpSession signedIn = (MockHttpSession) mvc.perform(post("/setup").session(session).with(csrf())
                        .param("workspace", "Initech").param("name", "Ivy Admin").param("email", "ivy@initech.test")
                        .param("password", "tps reports forever").param("timeZone", "Europe/Rome").param("currency", "EUR"))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
        String home = mvc.perform(get("/").session(signedIn)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(home).contains("Welcome, Ivy Admin");
        // without tickler.operator.token, nobody — not even the first admin — reads installation-wide data
        mvc.perform(get("/actuator/metrics").session(signedIn)).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/flyway")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    @Order(3)
    void theSetUpPageIsGoneOnceDoneAndSignUpIsOffByDefault() throws Exception {
        mvc.perform(get("/setup")).andExpect(status().isNotFound());
        mvc.perform(post("/setup").with(csrf()).param("workspace", "Evil").param("name", "Eve").param("email", "eve@evil.test")
                .param("password", "tps reports forever")).andExpect(status().isConflict());
        mvc.perform(get("/signup")).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/signup").contentType(MediaType.APPLICATION_JSON)
                .content("{\"workspace\":\"W\",\"name\":\"N\",\"email\":\"n@w.test\",\"password\":\"tps reports forever\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/login")).andExpect(status().isOk());
    }
}
