package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;

@TicklerTest
class FollowUpPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;

    private String page(String path, TestUser user) throws Exception {
        return mvc.perform(get(path).with(user.browser())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void theStartPageIsTodayAndANewUserIsWelcomedThere() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        mvc.perform(get("/").with(rep.browser())).andExpect(redirectedUrl("/today"));
        String today = page("/today", rep);
        assertThat(today).contains("Welcome").contains("0 overdue").contains("Log a touch").contains("id=\"quick-log\"")
                .contains("hx-get=\"/notifications/bell\"");
        assertThat(page("/notifications/bell", rep)).contains("class=\"bell\"").contains("<svg");
        // the queue is what the page opens on: the quick-log form is a key away, not focused (focus would scroll to it)
        assertThat(today).containsPattern("<select id=\"ql-channel\" name=\"channel\" accesskey=\"l\">");
        assertThat(page("/touches/new", rep)).contains("autofocus");
    }

    @Test
    void aTouchLoggedWithHtmxAsksForTheNextStepRightThere() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        String asked = mvc.perform(post("/touches").with(rep.browser()).header("HX-Request", "true")
                        .param("channel", "CALL").param("direction", "OUTBOUND").param("accountId", roofs.accountId())
                        .param("contactIds", roofs.contactId()).param("reached", "true").param("outcome", "PROGRESSED")
                        .param("notes", "Interested in the new roof"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(asked).contains("What is the next step with Ann Baker Roofs?").contains("Touch logged (attempt 1)");
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).toString();
        String planned = mvc.perform(post("/touches/next-step").with(rep.browser()).header("HX-Request", "true")
                        .param("dueDate", tomorrow).param("channel", "EMAIL").param("priority", "NORMAL")
                        .param("assigneeId", Long.toString(rep.id())).param("accountId", roofs.accountId())
                        .param("contactId", roofs.contactId()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(planned).contains("Follow-up planned for " + tomorrow);
        assertThat(page("/today", rep)).contains("Ann Baker Roofs (Roofs)").contains("1 in the next 7 days");
    }

    @Test
    void aFormWithMistakesShowsEachErrorBesideItsField() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String page = mvc.perform(post("/follow-ups").with(rep.browser()).param("dueDate", "2020-01-01")
                        .param("channel", "CALL").param("priority", "NORMAL"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"dueDate-error\"").contains("is in the past").contains("id=\"contactId-error\"");
    }

    @Test
    void everyPageOfTheEngineRenders() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        Customers.Customer roofs = Customers.make(parties, manager, "Roofs", CustomerLevel.B);
        assertThat(page("/no-next-step", manager)).contains("Roofs");
        assertThat(page("/no-next-step?type=contact", manager)).contains("Ann Baker Roofs");
        assertThat(page("/no-next-step?type=deal", manager)).contains("Everyone here has a next step");
        assertThat(page("/today/team", manager)).contains(manager.email().isEmpty() ? "" : "Team queues");
        assertThat(page("/calendar", manager)).contains("Create a feed address");
        assertThat(page("/calendar?view=week", manager)).contains("class=\"calendar week\"");
        assertThat(page("/cadences", manager)).contains("New prospect").contains("Post-sale onboarding");
        assertThat(page("/cadences/new", manager)).contains("steps[0].dayOffset");
        assertThat(page("/cadences/gave-up-early", manager)).contains("Nobody gave up early");
        assertThat(page("/commitments", manager)).contains("Promises and callbacks");
        assertThat(page("/settings/reasons", manager)).contains("Pricing update");
        assertThat(page("/settings/level-policies", manager)).contains("value=\"7\"");
        assertThat(page("/settings/email", manager)).contains("Require STARTTLS");
        assertThat(page("/touches/new?contactId=" + roofs.contactId(), manager)).contains("Log a touch with Ann Baker Roofs");
        assertThat(page("/follow-ups/new?accountId=" + roofs.accountId(), manager)).contains("Plan a follow-up with Roofs");
        assertThat(page("/cadences/enrol?contactId=" + roofs.contactId(), manager)).contains("New prospect");
        assertThat(page("/notifications", manager)).contains("No notifications");
        assertThat(page("/follow-ups?due=overdue", manager)).contains("No follow-ups match");
        assertThat(page("/touches/people?q=bak", manager)).contains("Ann Baker Roofs");
    }

    @Test
    void accountAndContactPagesShowTheNextStepsAndTouchesWithTheirButtons() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        mvc.perform(post("/touches").with(rep.browser()).param("channel", "VISIT").param("direction", "OUTBOUND")
                .param("accountId", roofs.accountId()).param("contactIds", roofs.contactId()).param("notes", "Met at the fair"));
        String account = page("/accounts/" + roofs.accountId(), rep);
        assertThat(account).contains("Next steps").contains("No next step is planned").contains("Touches")
                .contains("Met at the fair").contains("/touches/new?accountId=" + roofs.accountId())
                .contains("/follow-ups/new?accountId=" + roofs.accountId());
        String contact = page("/contacts/" + roofs.contactId(), rep);
        assertThat(contact).contains("Next steps").contains("1 attempt since they last responded")
                .contains("/cadences/enrol?contactId=" + roofs.contactId());
    }

    @Test
    void staffLogTouchesButManagersPagesAreRefusedToThem() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        assertThat(page("/today", staff)).contains("Log a touch");
        mvc.perform(get("/today/team").with(staff.browser())).andExpect(status().isForbidden());
        mvc.perform(get("/settings/reasons").with(staff.browser())).andExpect(status().isForbidden());
        mvc.perform(get("/cadences/new").with(staff.browser())).andExpect(status().isForbidden());
    }
}
