package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

@TicklerTest
class IdentityApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @Test
    void meDescribesTheCallerAndTheirWorkspace() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(get("/api/v1/me").with(acme.admin().api()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.email").value(acme.admin().email()))
                .andExpect(jsonPath("$.user.role").value("ADMIN"))
                .andExpect(jsonPath("$.user.id").isString())
                .andExpect(jsonPath("$.workspace.zone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.workspace.currency").value("EUR"));
    }

    @Test
    void anAdminCreatesAColleagueWhoCanThenGetATokenAndCallTheApi() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/api/v1/users").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"email":"Rita.Rep@Example.test","name":"Rita Rep","role":"REP","password":"a long enough passphrase"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/users/")))
                .andExpect(jsonPath("$.role").value("REP"))
                .andExpect(jsonPath("$.version").value(0));
        String token = mvc.perform(post("/api/v1/auth/tokens").with(httpBasic("rita.rep@example.test", "a long enough passphrase"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"laptop\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").value(Matchers.startsWith("tkl_")))
                .andReturn().getResponse().getContentAsString();
        String secret = token.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.displayName").value("Rita Rep"));
    }

    @Test
    void creatingAUserNamesEveryBadFieldAndWritesNothing() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/api/v1/users").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"email":"not-an-email","name":"","role":"REP","password":"password","timeZone":"Mars/Olympus"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("email", "name", "password", "timeZone")));
        mvc.perform(get("/api/v1/users").with(acme.admin().api()))
                .andExpect(jsonPath("$.items.length()").value(1));
    }

    @Test
    void aCommonPasswordIsRefused() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/api/v1/users").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"email":"x@example.test","name":"X","role":"REP","password":"Password1"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("most common")));
    }

    @Test
    void anEmailCanBelongToOneUserOnly() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace other = fixtures.workspace();
        mvc.perform(post("/api/v1/users").with(other.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + acme.admin().email().toUpperCase() + "\",\"name\":\"Dup\",\"role\":\"REP\",\"password\":\"a long enough passphrase\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
    }

    @Test
    void usersAreListedByNameWithCursorPagination() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        for (int i = 0; i < 3; i++) {
            acme.user(Role.REP);
        }
        String first = mvc.perform(get("/api/v1/users?limit=2").with(acme.admin().api()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.nextCursor").isString())
                .andReturn().getResponse().getContentAsString();
        String cursor = first.replaceAll(".*\"nextCursor\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/v1/users?limit=2&cursor=" + cursor).with(acme.admin().api()))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        mvc.perform(get("/api/v1/users?limit=500").with(acme.admin().api()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/v1/users?cursor=garbage!").with(acme.admin().api()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
    }

    @Test
    void anUpdateBasedOnAStaleVersionIsRefusedWithTheCurrentVersion() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"First\",\"version\":0}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(header().string("ETag", "\"1\""));
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Second\",\"version\":0}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentVersion").value(1));
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Third\"}"))
                .andExpect(status().isConflict());
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Fourth\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        mvc.perform(get("/api/v1/users/" + rep.id()).with(acme.admin().api()))
                .andExpect(jsonPath("$.displayName").value("First"));
    }

    @Test
    void readOnlyAndUnknownFieldsAreRefusedNeverApplied() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"1\",\"workspaceId\":\"2\",\"createdAt\":\"2020-01-01T00:00:00Z\",\"version\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("id", "workspaceId", "createdAt")));
        mvc.perform(patch("/api/v1/me").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\":\"ADMIN\",\"version\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(post("/api/v1/teams").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"East\",\"workspaceId\":\"1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("workspaceId"));
        mvc.perform(get("/api/v1/me").with(rep.api())).andExpect(jsonPath("$.user.role").value("REP"));
    }

    @Test
    void onlyAdminsManageUsersTeamsAndTheWorkspace() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        mvc.perform(post("/api/v1/users").with(manager.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"y@example.test\",\"name\":\"Y\",\"role\":\"ADMIN\",\"password\":\"a long enough passphrase\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/teams").with(manager.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"East\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/v1/workspace").with(manager.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Mine\",\"version\":0}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/users").with(manager.api())).andExpect(status().isOk());
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser otherAdmin = acme.user(Role.ADMIN);
        mvc.perform(post("/api/v1/users/" + otherAdmin.id() + "/deactivate").with(acme.admin().api()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.active").value(false));
        mvc.perform(patch("/api/v1/users/" + acme.admin().id()).with(acme.admin().api())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"REP\",\"version\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(post("/api/v1/users/" + acme.admin().id() + "/deactivate").with(acme.admin().api()))
                .andExpect(status().isConflict());
    }

    @Test
    void teamsAreCreatedRenamedAndDeletedWhenEmpty() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String east = acme.team("East");
        TestUser rep = acme.user(Role.REP, east);
        mvc.perform(get("/api/v1/teams/" + east).with(rep.api()))
                .andExpect(jsonPath("$.members").value(1));
        mvc.perform(post("/api/v1/teams").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"east\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(patch("/api/v1/teams/" + east).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"East coast\",\"version\":0}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("East coast"));
        mvc.perform(delete("/api/v1/teams/" + east).with(acme.admin().api())).andExpect(status().isConflict());
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"teamId\":null,\"version\":0}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.teamId").doesNotExist());
        mvc.perform(delete("/api/v1/teams/" + east).with(acme.admin().api())).andExpect(status().isNoContent());
    }

    @Test
    void tokensAreListedWithoutTheirSecretAndRevokedAtOnce() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String listed = mvc.perform(get("/api/v1/auth/tokens").with(rep.api()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value("tests"))
                .andExpect(jsonPath("$.items[0].token").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String id = listed.replaceAll(".*\"id\":\"(\\d+)\".*", "$1");
        mvc.perform(delete("/api/v1/auth/tokens/" + id).with(rep.api())).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").with(rep.api())).andExpect(status().isUnauthorized());
    }

    @Test
    void theAuditLogCarriesIdsAsStringsEvenInsideItsChanges() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String east = acme.team("East");
        TestUser rep = acme.user(Role.REP);
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"teamId\":\"" + east + "\",\"version\":0}")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/audit-events?entityType=user&action=updated&entityId=" + rep.id()).with(acme.admin().api()))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").isString())
                .andExpect(jsonPath("$.items[0].actorId").value(String.valueOf(acme.admin().id())))
                .andExpect(jsonPath("$.items[0].entityId").value(String.valueOf(rep.id())))
                .andExpect(jsonPath("$.items[0].changes.teamId.before").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.items[0].changes.teamId.after").value(east));
    }

    @Test
    void aYesOrNoFieldCannotBeClearedWithNull() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(post("/api/v1/users/" + rep.id() + "/deactivate").with(acme.admin().api())).andExpect(status().isOk());
        mvc.perform(patch("/api/v1/users/" + rep.id()).with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"active\":null,\"version\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("active"))
                .andExpect(jsonPath("$.errors[0].message").value("cannot be null"));
        mvc.perform(get("/api/v1/users/" + rep.id()).with(acme.admin().api())).andExpect(jsonPath("$.active").value(false));

        mvc.perform(patch("/api/v1/workspace").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"openVisibility\":true,\"version\":0}")).andExpect(status().isOk());
        mvc.perform(patch("/api/v1/workspace").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"openVisibility\":null,\"version\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("openVisibility"));
        mvc.perform(get("/api/v1/workspace").with(acme.admin().api())).andExpect(jsonPath("$.openVisibility").value(true));
    }

    @Test
    void theWorkspaceSettingsAreChangedByAnAdminAndAudited() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(patch("/api/v1/workspace").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\":\"America/New_York\",\"currency\":\"usd\",\"openVisibility\":true,\"version\":0}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zone").value("America/New_York"))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.openVisibility").value(true));
        mvc.perform(patch("/api/v1/workspace").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currency\":\"XYZ1\",\"version\":1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("currency"));
        mvc.perform(get("/api/v1/audit-events?entityType=workspace&action=updated").with(acme.admin().api()))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].changes.currency.before").value("EUR"))
                .andExpect(jsonPath("$.items[0].changes.currency.after").value("USD"))
                .andExpect(jsonPath("$.items[0].actorName").value(Matchers.startsWith("Admin")));
    }
}
