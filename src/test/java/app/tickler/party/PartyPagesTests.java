package app.tickler.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

@TicklerTest
class PartyPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;

    private String page(MockHttpServletRequestBuilder request, TestUser as) throws Exception {
        return mvc.perform(request.with(as.browser())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void aRepCreatesAnAccountFromTheFormAndSeesItsPage() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String location = mvc.perform(post("/accounts").with(rep.browser()).param("name", "Roofs & Co.")
                        .param("website", "roofs.example").param("city", "Berlin").param("level", "A")
                        .param("tags", "trade fair, vip").param("ownerId", Long.toString(rep.id())))
                .andExpect(redirectedUrlPattern("/accounts/*")).andReturn().getResponse().getRedirectedUrl();
        String account = page(get(location), rep);
        assertThat(account).contains("Roofs &amp; Co.").contains("roofs.example").contains("Berlin")
                .contains("trade fair").contains("Buying centre").contains("Account created");
        String list = page(get("/accounts").param("level", "A"), rep);
        assertThat(list).contains("Roofs &amp; Co.");
    }

    @Test
    void aLikelyDuplicateIsShownBeforeCreatingAndCanBeOverruled() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> parties.createAccount(new AccountInput("Roofs GmbH", "roofs.example", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null)));
        String warned = page(post("/accounts").param("name", "Roofs Berlin").param("website", "www.roofs.example"), acme.admin());
        assertThat(warned).contains("Possible duplicates").contains("Roofs GmbH").contains("same website roofs.example");
        mvc.perform(post("/accounts").with(acme.admin().browser()).param("name", "Roofs Berlin")
                .param("website", "www.roofs.example").param("confirmDuplicates", "true"))
                .andExpect(redirectedUrlPattern("/accounts/*"));
    }

    @Test
    void formErrorsAreShownBesideTheirFields() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String form = page(post("/contacts").param("firstName", "").param("lastName", "")
                .param("emailAddress", "nope", "").param("emailLabel", "", "").param("emailPrimary", "0")
                .param("birthday", "2999-01-01"), acme.admin());
        assertThat(form).contains("is required (or a first name)").contains("is not a valid email address")
                .contains("cannot be in the future").contains("value=\"nope\"");
    }

    @Test
    void aContactWithSeveralEmailsIsCreatedInAnAccountsBuyingCentre() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        Account roofs = acme.admin().call(() -> parties.createAccount(AccountInput.named("Roofs")));
        String location = mvc.perform(post("/contacts").with(acme.admin().browser()).param("firstName", "Ann")
                        .param("lastName", "Baker").param("emailAddress", "ann@home.example", "ann@roofs.example")
                        .param("emailLabel", "home", "work").param("emailPrimary", "1")
                        .param("phoneNumber", "+49 30 1234567").param("phoneLabel", "office").param("phonePrimary", "0")
                        .param("account", "Roofs #" + roofs.id().value()).param("role", "CHAMPION").param("keyPerson", "true"))
                .andExpect(redirectedUrlPattern("/contacts/*")).andReturn().getResponse().getRedirectedUrl();
        String contact = page(get(location), acme.admin());
        assertThat(contact).contains("Ann Baker").contains("ann@roofs.example").contains("Champion");
        String account = page(get("/accounts/" + roofs.id().value()), acme.admin());
        assertThat(account).contains("Ann Baker").contains("key person").contains("not yet");
        // the creation's long diff is folded, and the record's own id is not listed as a change
        assertThat(contact).contains("<details class=\"changes-folded\">").doesNotContain("<strong>id</strong>");
    }

    @Test
    void aNoteIsAddedWithHtmxAndRenderedSafely() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        Account roofs = acme.admin().call(() -> parties.createAccount(AccountInput.named("Roofs")));
        String fragment = page(post("/accounts/" + roofs.id().value() + "/notes").header("HX-Request", "true")
                .param("body", "Met at the **fair** <script>alert(1)</script> [site](javascript:alert(2))"), staff);
        assertThat(fragment).contains("<strong>fair</strong>").doesNotContain("<script>").contains("&lt;script&gt;")
                .doesNotContain("javascript:");
    }

    @Test
    void duplicatesAreComparedAndMergedFromTheirPages() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        Contact ann = acme.admin().call(() -> parties.createContact(new ContactInput("Ann", "Baker", "Buyer",
                List.of(new Contact.Email("ann@roofs.example", null, true)), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null)));
        Contact dup = acme.admin().call(() -> parties.createContact(new ContactInput("Anne", "Baker", "Head of buying",
                List.of(new Contact.Email("ANN@roofs.example", null, true)), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null)));
        assertThat(page(get("/contacts/" + ann.id().value()), acme.admin())).contains("/duplicates");
        String suspects = page(get("/contacts/" + ann.id().value() + "/duplicates").header("HX-Request", "true"), acme.admin());
        assertThat(suspects).contains("Possible duplicates").contains("Compare and merge").contains("same email");
        String compare = page(get("/contacts/" + ann.id().value() + "/merge").param("with", Long.toString(dup.id().value())),
                acme.admin());
        assertThat(compare).contains("Head of buying").contains("Buyer");
        mvc.perform(post("/contacts/" + ann.id().value() + "/merge").with(acme.admin().browser())
                .param("duplicateId", Long.toString(dup.id().value())).param("title", "duplicate").param("firstName", "keep"))
                .andExpect(redirectedUrlPattern("/contacts/*"));
        Contact merged = acme.admin().call(() -> parties.contact(ann.id()).orElseThrow());
        assertThat(merged.title()).isEqualTo("Head of buying");
        assertThat(merged.firstName()).isEqualTo("Ann");
        assertThat(merged.emails()).hasSize(1);
        assertThat(acme.admin().call(() -> parties.contact(dup.id()))).isEmpty();
    }

    @Test
    void theTopBarSearchAnswersAsYouType() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> parties.createAccount(AccountInput.named("Quokka Logistics")));
        String fragment = page(get("/search").param("q", "quok").header("HX-Request", "true"), acme.admin());
        assertThat(fragment).contains("Quokka Logistics").doesNotContain("<html");
        String options = page(get("/search/pick").param("type", "account").param("field", "parent").param("parent", "quo"),
                acme.admin());
        assertThat(options).contains("Quokka Logistics #");
    }

    @Test
    void listsOfferSavedViewsBulkChangesAndTheTrash() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account a = acme.admin().call(() -> parties.createAccount(AccountInput.named("Alpha")));
        mvc.perform(post("/accounts/views").with(acme.admin().browser()).param("name", "Level A")
                .param("query", "level=A")).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/accounts?level=A"));
        mvc.perform(post("/accounts/bulk").with(acme.admin().browser()).param("ids", Long.toString(a.id().value()))
                .param("level", "A").param("ownerId", Long.toString(rep.id())).param("back", "level=A"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/accounts?level=A"));
        String list = page(get("/accounts").param("level", "A"), acme.admin());
        assertThat(list).contains("Alpha").contains("Level A");
        mvc.perform(post("/accounts/" + a.id().value() + "/trash").with(acme.admin().browser()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/accounts"));
        assertThat(page(get("/accounts").param("trash", "true"), acme.admin())).contains("Alpha").contains("Restore");
        mvc.perform(post("/accounts/bulk").with(acme.admin().browser()).param("ids", "1").param("back", "https://evil.example"))
                .andExpect(status().isNotFound());
    }

    @Test
    void adminsDefineCustomFieldsThatAppearInFormsAndFilters() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        mvc.perform(post("/settings/custom-fields").with(acme.admin().browser()).param("entity", "account")
                .param("key", "segment").param("label", "Segment").param("type", "SELECT").param("options", "SMB\nEnterprise"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/settings/custom-fields"));
        assertThat(page(get("/accounts/new"), acme.admin())).contains("Segment").contains("Enterprise");
        assertThat(page(get("/accounts"), acme.admin())).contains("custom.segment");
        String location = mvc.perform(post("/accounts").with(acme.admin().browser()).param("name", "Big")
                .param("custom.segment", "Enterprise").param("custom.segment.shown", "1"))
                .andExpect(redirectedUrlPattern("/accounts/*")).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(get(location), acme.admin())).contains("Enterprise");
        TestUser rep = acme.user(Role.REP);
        mvc.perform(get("/settings/custom-fields").with(rep.browser())).andExpect(status().isForbidden());
    }

    @Test
    void aRepCannotOpenAnotherTeamsAccount() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser east = acme.user(Role.REP, acme.team("East"));
        TestUser west = acme.user(Role.REP, acme.team("West"));
        Account mine = east.call(() -> parties.createAccount(AccountInput.named("Mine")));
        mvc.perform(get("/accounts/" + mine.id().value()).with(west.browser())).andExpect(status().isNotFound());
        mvc.perform(post("/accounts/" + mine.id().value()).with(west.browser()).param("name", "Taken").param("version", "0"))
                .andExpect(status().isNotFound());
    }
}
