package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public web-to-lead form: closed until an admin opens it, found only by its unguessable key,
 * embeddable there and nowhere else, silent about the workspace, and guarded by a honeypot and a
 * per-address limit.
 */
@TicklerTest
class WebFormTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    Calls calls;

    @BeforeEach
    void setUp() {
        calls = new Calls(mvc, json);
    }

    private String open(TestWorkspace workspace) {
        JsonNode settings = calls.get(workspace.admin(), "/api/v1/sales-settings");
        JsonNode opened = calls.patch(workspace.admin(), "/api/v1/sales-settings", Map.of("webFormEnabled", true,
                "version", settings.get("version").asLong()));
        return opened.get("webFormPath").asString();
    }

    @Test
    void onlyAnAdminOpensTheFormAndUntilThenItsAddressIsUnknown() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        JsonNode settings = calls.get(acme.admin(), "/api/v1/sales-settings");
        String path = settings.get("webFormPath").asString();
        assertThat(settings.get("webFormKey").asString()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(calls.get(acme.user(Role.MANAGER), "/api/v1/sales-settings").get("webFormKey").isNull()).isTrue();
        assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).isEqualTo(404);
        calls.expect(403, acme.user(Role.MANAGER), HttpMethod.PATCH, "/api/v1/sales-settings", Map.of("webFormEnabled", true,
                "version", settings.get("version").asLong()));
        assertThat(open(acme)).isEqualTo(path);
        assertThat(mvc.perform(get("/forms/leads/not-the-key-of-any-workspace-at-all")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void theFormCanBeEmbeddedButNothingElseCan() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String path = open(acme);
        MvcResult form = mvc.perform(get(path)).andReturn();
        assertThat(form.getResponse().getStatus()).isEqualTo(200);
        assertThat(form.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors *")
                .contains("script-src 'self'");
        assertThat(form.getResponse().getHeader("X-Frame-Options")).isNull();
        assertThat(form.getResponse().getCookies()).isEmpty();
        String html = form.getResponse().getContentAsString();
        assertThat(html).contains("Get in touch", "name=\"website\"").doesNotContain("Acme", "admin", "_csrf");
        MvcResult login = mvc.perform(get("/login")).andReturn();
        assertThat(login.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(login.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void aSubmissionBecomesAPoolLeadAndABotIsThankedWithoutOne() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String path = open(acme);
        MvcResult sent = mvc.perform(post(path).with(r -> { r.setRemoteAddr("203.0.113.7"); return r; })
                .param("firstName", "Wendy").param("lastName", "Web").param("company", "Inbound Inc")
                .param("email", "wendy@inbound.example").param("message", "Please call me").param("website", "")).andReturn();
        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo(path + "/thanks");
        assertThat(mvc.perform(get(path + "/thanks")).andReturn().getResponse().getContentAsString()).contains("Thank you");
        mvc.perform(post(path).with(r -> { r.setRemoteAddr("203.0.113.8"); return r; })
                .param("lastName", "Bot").param("website", "http://spam.example"));
        JsonNode pool = calls.get(acme.admin(), "/api/v1/leads?view=POOL").get("items");
        assertThat(pool).singleElement().satisfies(lead -> {
            assertThat(lead.get("lastName").asString()).isEqualTo("Web");
            assertThat(lead.get("source").asString()).isEqualTo("WEB_FORM");
            assertThat(lead.get("notes").asString()).isEqualTo("Please call me");
        });
        String invalid = mvc.perform(post(path).with(r -> { r.setRemoteAddr("203.0.113.9"); return r; })
                .param("email", "nope")).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("is not a valid email address");
    }

    @Test
    void aFloodFromOneAddressIsStoppedWith429() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String path = open(acme);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            MvcResult result = mvc.perform(post(path).with(r -> { r.setRemoteAddr("198.51.100.77"); return r; })
                    .param("lastName", "Flood " + i)).andReturn();
            if (result.getResponse().getStatus() == 429) {
                refused++;
                assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
            } else {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(5);
        assertThat(refused).isEqualTo(3);
        assertThat(calls.get(acme.admin(), "/api/v1/leads").get("items")).hasSize(5);
        int other = mvc.perform(post(path).with(r -> { r.setRemoteAddr("198.51.100.78"); return r; }).param("lastName", "Other"))
                .andReturn().getResponse().getStatus();
        assertThat(other).isEqualTo(302);
    }
}
