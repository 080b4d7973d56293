package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

@TicklerTest
class SettingsPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @Test
    void anAdminAddsAColleagueFromTheSettings() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/settings/users").with(acme.admin().browser())
                        .param("name", "Sam Staff").param("email", "sam@acme.test").param("role", "STAFF")
                        .param("teamId", "").param("timeZone", "").param("password", "a long enough passphrase"))
                .andExpect(redirectedUrl("/settings/users"))
                .andExpect(flash().attribute("flash", "Sam Staff can now sign in."));
        String list = mvc.perform(get("/settings/users").with(acme.admin().browser()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Sam Staff").contains("sam@acme.test").contains("Staff");
    }

    @Test
    void theSettingsOpenOnTheFirstTabTheRoleMayUse() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(get("/settings").with(acme.admin().browser())).andExpect(redirectedUrl("/settings/users"));
        TestUser rep = acme.user(Role.REP);
        mvc.perform(get("/settings").with(rep.browser())).andExpect(status().isForbidden());
    }

    @Test
    void aFormWithMistakesIsShownAgainWithEachErrorBesideItsField() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String page = mvc.perform(post("/settings/users").with(acme.admin().browser())
                        .param("name", "").param("email", "nope").param("role", "REP").param("password", "short"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"email-error\"").contains("is not a valid email address")
                .contains("id=\"name-error\"").contains("must have at least 8 characters")
                .contains("value=\"nope\"");
    }

    @Test
    void editingAUserWithAnOldFormIsRefusedAsAConflict() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(post("/settings/users/" + rep.id()).with(acme.admin().browser())
                        .param("name", "Renamed").param("email", rep.email()).param("role", "REP").param("version", "0"))
                .andExpect(redirectedUrl("/settings/users/" + rep.id()));
        mvc.perform(post("/settings/users/" + rep.id()).with(acme.admin().browser())
                        .param("name", "Again").param("email", rep.email()).param("role", "REP").param("version", "0"))
                .andExpect(status().isConflict());
    }

    @Test
    void deactivatingFromTheSettingsEndsTheUsersAccess() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(post("/settings/users/" + rep.id() + "/deactivate").with(acme.admin().browser()))
                .andExpect(redirectedUrl("/settings/users/" + rep.id()));
        mvc.perform(get("/api/v1/me").with(rep.api())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/audit-events?entityType=user&entityId=" + rep.id()).with(acme.admin().api()))
                .andExpect(jsonPath("$.items[0].action").value("deactivated"))
                .andExpect(jsonPath("$.items[0].changes.active.before").value(true))
                .andExpect(jsonPath("$.items[0].clientAddress").value("127.0.0.1"));
    }

    @Test
    void teamsAndTheWorkspaceAreManagedFromTheSettings() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/settings/teams").with(acme.admin().browser()).param("name", "Field sales"))
                .andExpect(redirectedUrl("/settings/teams"));
        assertThat(mvc.perform(get("/settings/teams").with(acme.admin().browser())).andReturn().getResponse()
                .getContentAsString()).contains("Field sales");
        mvc.perform(post("/settings/workspace").with(acme.admin().browser()).param("name", "Acme Europe")
                        .param("timeZone", "Europe/Paris").param("currency", "EUR").param("openVisibility", "true")
                        .param("version", "0"))
                .andExpect(redirectedUrl("/settings/workspace"));
        mvc.perform(get("/api/v1/workspace").with(acme.admin().api()))
                .andExpect(jsonPath("$.name").value("Acme Europe")).andExpect(jsonPath("$.openVisibility").value(true));
        String audit = mvc.perform(get("/settings/audit").param("entityType", "workspace").with(acme.admin().browser()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(audit).contains("Acme Europe");
    }

    @Test
    void everyUserManagesTheirProfileAndTokens() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(post("/profile").with(rep.browser()).param("name", "Rita R.").param("timeZone", "Asia/Tokyo")
                .param("version", "0")).andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/api/v1/me").with(rep.api()))
                .andExpect(jsonPath("$.user.displayName").value("Rita R."))
                .andExpect(jsonPath("$.user.timeZone").value("Asia/Tokyo"));
        mvc.perform(post("/profile/tokens").with(rep.browser()).param("name", "spreadsheet"))
                .andExpect(redirectedUrl("/profile"))
                .andExpect(flash().attributeExists("newToken"));
        String page = mvc.perform(get("/profile").with(rep.browser())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("spreadsheet").doesNotContain("tkl_");
    }

    @Test
    void deactivatedMembersAreShownBesideTheActiveOnesAndKeepTheirTeamFromBeingDeleted() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String east = acme.team("East");
        TestUser rep = acme.user(Role.REP, east);
        acme.user(Role.REP, east);
        mvc.perform(post("/api/v1/users/" + rep.id() + "/deactivate").with(acme.admin().api())).andExpect(status().isOk());

        mvc.perform(get("/api/v1/teams/" + east).with(acme.admin().api()))
                .andExpect(jsonPath("$.members").value(1)).andExpect(jsonPath("$.deactivatedMembers").value(1));
        String page = mvc.perform(get("/settings/teams").with(acme.admin().browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("1 deactivated");
        mvc.perform(delete("/api/v1/teams/" + east).with(acme.admin().api())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("2 members, 1 of them deactivated")));
    }

    @Test
    void userInputIsEscapedOnEveryPage() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/settings/teams").with(acme.admin().browser()).param("name", "<script>alert(1)</script>"))
                .andExpect(redirectedUrl("/settings/teams"));
        String page = mvc.perform(get("/settings/teams").with(acme.admin().browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void errorPagesAreFriendlyAndCarryNoStackTrace() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String notFound = mvc.perform(get("/settings/users/12345").with(acme.admin().browser()))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(notFound).contains("Back to the start page").doesNotContain("Exception").doesNotContain("at app.tickler");
        mvc.perform(get("/api/v1/users/not-a-number").with(acme.admin().api()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void pagesSendTheSecurityHeaders() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        var response = mvc.perform(get("/profile").with(acme.admin().browser())).andReturn().getResponse();
        assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
    }
}
