package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Channel;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deal and lead pages show the record's touches with their attempt numbers, and "Log a touch" opens the
 * quick-log form on the record, logs the touch there and goes back to the record's page.
 */
@TicklerTest
class DealAndLeadTouchPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;
    @Autowired
    FollowUps followUps;

    private JsonNode api(TestUser as, String path, String body) throws Exception {
        return json.readTree(mvc.perform(post(path).with(as.api()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is2xxSuccessful()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode api(TestUser as, String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(as.api())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    private String page(TestUser user, String path) throws Exception {
        return mvc.perform(get(path).with(user.browser())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    /** A deal on the customer's account with its person in the buying centre. */
    private String deal(TestUser rep, Customers.Customer customer, String name) throws Exception {
        return api(rep, "/api/v1/deals", "{\"name\":\"" + name + "\",\"accountId\":\"" + customer.accountId()
                + "\",\"contacts\":[{\"contactId\":\"" + customer.contactId() + "\",\"role\":\"DECISION_MAKER\"}],"
                + "\"amountMinor\":100000}").get("id").asString();
    }

    private String lead(TestUser owner, String lastName) throws Exception {
        return api(owner, "/api/v1/leads", "{\"firstName\":\"Lea\",\"lastName\":\"" + lastName + "\",\"company\":\"Leafy\","
                + "\"ownerId\":\"" + owner.id() + "\"}").get("id").asString();
    }

    private void unanswered(TestUser rep, Long lead, Long deal, String notes) {
        rep.run(() -> followUps.logTouch(new NewTouch(null, Channel.CALL, Direction.OUTBOUND, null, List.of(), lead, deal,
                null, notes, false, null, null, null, null)));
    }

    private void planOn(TestUser rep, Long lead, Long deal) {
        rep.run(() -> followUps.plan(new NewFollowUp(null, LocalDate.now().plusDays(3), null, null, Channel.CALL, null,
                "call again", null, null, lead, deal, null, null)));
    }

    /** A rep selling to Roofs: the deal "Roof renewal" with Ann Baker Roofs, and their own lead Lea Leafy. */
    private record Scene(TestWorkspace acme, TestUser rep, Customers.Customer roofs, String deal, String lead) {
    }

    private Scene scene() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.B);
        return new Scene(acme, rep, roofs, deal(rep, roofs, "Roof renewal"), lead(rep, "Leafy"));
    }

    @Test
    void dealAndLeadPagesShowTheirTouchesWithAttemptNumbersAndTheButtonToLogOne() throws Exception {
        Scene scene = scene();
        TestUser rep = scene.rep();
        Customers.Customer roofs = scene.roofs();
        String deal = scene.deal();
        String lead = scene.lead();

        String untouched = page(rep, "/deals/" + deal);
        assertThat(untouched).contains("Touches").contains("No touches yet.").contains("0 attempts since they last responded.")
                .contains("href=\"/touches/new?dealId=" + deal + "\"");

        unanswered(rep, null, Long.parseLong(deal), "rang, no answer");
        unanswered(rep, null, Long.parseLong(deal), "rang again");
        String dealPage = page(rep, "/deals/" + deal);
        assertThat(dealPage).contains("rang, no answer").contains("rang again").contains("attempt 1").contains("attempt 2")
                .contains("2 attempts since they last responded.").doesNotContain("No touches yet.");

        unanswered(rep, Long.parseLong(lead), null, "left a voicemail");
        String leadPage = page(rep, "/leads/" + lead);
        assertThat(leadPage).contains("Touches").contains("left a voicemail").contains("attempt 1")
                .contains("1 attempt since they last responded.").contains("href=\"/touches/new?leadId=" + lead + "\"")
                .doesNotContain("rang again");
    }

    @Test
    void theQuickLogFormOpensOnTheDealOrLeadAndCarriesIt() throws Exception {
        Scene scene = scene();
        TestUser rep = scene.rep();
        Customers.Customer roofs = scene.roofs();
        String deal = scene.deal();
        String lead = scene.lead();
        unanswered(rep, null, Long.parseLong(deal), "no answer");

        String onDeal = page(rep, "/touches/new?dealId=" + deal);
        assertThat(onDeal).contains("Log a touch on the deal Roof renewal").contains("1 attempt since they last responded.")
                .contains("name=\"dealId\" value=\"" + deal + "\"")
                .contains("name=\"accountId\" value=\"" + roofs.accountId() + "\"")
                .contains("name=\"returnTo\" value=\"/deals/" + deal + "\"")
                .contains("href=\"/deals/" + deal + "\">Back to the deal")
                .containsPattern("<option value=\"" + roofs.contactId() + "\"[^>]*selected[^>]*>Ann Baker Roofs");

        String onLead = page(rep, "/touches/new?leadId=" + lead);
        assertThat(onLead).contains("Log a touch with the lead Lea Leafy").contains("0 attempts since they last responded.")
                .contains("name=\"leadId\" value=\"" + lead + "\"")
                .contains("name=\"returnTo\" value=\"/leads/" + lead + "\"")
                // a lead has no people to pick yet
                .doesNotContain("id=\"ql-search\"").doesNotContain("id=\"ql-contacts\"");
    }

    @Test
    void aTouchLoggedFromTheDealGoesOnTheDealItsAccountAndItsPersonAndBackToTheDeal() throws Exception {
        Scene scene = scene();
        TestUser rep = scene.rep();
        Customers.Customer roofs = scene.roofs();
        String deal = scene.deal();
        planOn(rep, null, Long.parseLong(deal));

        mvc.perform(post("/touches").with(rep.browser()).param("channel", "CALL").param("direction", "OUTBOUND")
                        .param("dealId", deal).param("accountId", roofs.accountId()).param("contactIds", roofs.contactId())
                        .param("returnTo", "/deals/" + deal).param("notes", "talked prices"))
                .andExpect(redirectedUrl("/deals/" + deal)).andExpect(flash().attribute("flash", "Touch logged (attempt 1)."));

        JsonNode touch = api(rep, "/api/v1/touches?dealId=" + deal).get("items").get(0);
        assertThat(touch.get("notes").asString()).isEqualTo("talked prices");
        assertThat(touch.get("dealId").asString()).isEqualTo(deal);
        assertThat(touch.get("accountId").asString()).isEqualTo(roofs.accountId());
        assertThat(touch.get("contacts").get(0).get("id").asString()).isEqualTo(roofs.contactId());
        assertThat(api(rep, "/api/v1/touches?contactId=" + roofs.contactId()).get("items")).hasSize(1);
        assertThat(page(rep, "/deals/" + deal)).contains("talked prices").contains("attempt 1");

        // with htmx the form was swapped in place: the browser is told to go back to the deal, which shows the flash
        mvc.perform(post("/touches").with(rep.browser()).header("HX-Request", "true").param("channel", "EMAIL")
                        .param("direction", "OUTBOUND").param("dealId", deal).param("accountId", roofs.accountId())
                        .param("returnTo", "/deals/" + deal).param("notes", "sent the offer"))
                .andExpect(status().isOk()).andExpect(header().string("HX-Redirect", "/deals/" + deal));
        assertThat(page(rep, "/deals/" + deal)).contains("Touch logged (attempt 2).").contains("sent the offer");
    }

    @Test
    void aTouchLoggedFromTheLeadGoesOnTheLeadAndItsNextStepToo() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String lead = lead(rep, "Leafy");

        // nothing is planned for the lead: the next step is asked for, on the lead, then back to it
        String asked = mvc.perform(post("/touches").with(rep.browser()).param("channel", "CALL").param("direction", "OUTBOUND")
                        .param("leadId", lead).param("returnTo", "/leads/" + lead).param("notes", "first call"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(asked).contains("What is the next step with Lea Leafy?").contains("Touch logged (attempt 1).")
                .contains("name=\"leadId\" value=\"" + lead + "\"").contains("href=\"/leads/" + lead + "\"");
        JsonNode touch = api(rep, "/api/v1/touches?leadId=" + lead).get("items").get(0);
        assertThat(touch.get("leadId").asString()).isEqualTo(lead);
        assertThat(touch.hasNonNull("accountId")).isFalse();
        assertThat(api(rep, "/api/v1/attempts?leadId=" + lead).get("attempts").asInt()).isEqualTo(1);

        String due = LocalDate.now().plusDays(7).toString();
        mvc.perform(post("/touches/next-step").with(rep.browser()).param("dueDate", due).param("channel", "CALL")
                        .param("priority", "NORMAL").param("assigneeId", Long.toString(rep.id())).param("leadId", lead)
                        .param("returnTo", "/leads/" + lead))
                .andExpect(redirectedUrl("/leads/" + lead));
        JsonNode planned = api(rep, "/api/v1/follow-ups?leadId=" + lead + "&status=OPEN").get("items");
        assertThat(planned).hasSize(1);
        assertThat(planned.get(0).get("dueDate").asString()).isEqualTo(due);
        assertThat(page(rep, "/leads/" + lead)).contains("first call").contains("attempt 1");
    }

    @Test
    void aLeadOrDealOfAnotherTeamIsNotFoundAndNothingIsLoggedOnIt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser north = acme.user(Role.REP, acme.team("North"));
        TestUser south = acme.user(Role.REP, acme.team("South"));
        String lead = lead(south, "Southern");
        Customers.Customer roofs = Customers.make(parties, south, "Roofs", CustomerLevel.B);
        String deal = deal(south, roofs, "Southern roof");

        mvc.perform(get("/leads/" + lead).with(north.browser())).andExpect(status().isNotFound());
        mvc.perform(get("/touches/new?leadId=" + lead).with(north.browser())).andExpect(status().isNotFound());
        mvc.perform(get("/touches/new?dealId=" + deal).with(north.browser())).andExpect(status().isNotFound());
        mvc.perform(post("/touches").with(north.browser()).param("channel", "CALL").param("direction", "OUTBOUND")
                .param("leadId", lead).param("returnTo", "/leads/" + lead)).andExpect(status().isNotFound());
        assertThat(api(south, "/api/v1/touches?leadId=" + lead).get("items")).isEmpty();
        assertThat(page(south, "/touches/new?leadId=" + lead)).contains("Log a touch with the lead Lea Southern");
    }

    @Test
    void staffLogTouchesOnDealsAndLeadsAsOnAccounts() throws Exception {
        Scene scene = scene();
        TestUser rep = scene.rep();
        TestUser staff = scene.acme().user(Role.STAFF);
        Customers.Customer roofs = scene.roofs();
        String deal = scene.deal();
        String lead = scene.lead();
        assertThat(page(staff, "/deals/" + deal)).contains("class=\"button secondary\" href=\"/touches/new?dealId=" + deal + "\"");
        assertThat(page(staff, "/leads/" + lead)).contains("class=\"button secondary\" href=\"/touches/new?leadId=" + lead + "\"");
        // staff are not asked for a next step: straight back to the deal
        mvc.perform(post("/touches").with(staff.browser()).param("channel", "VISIT").param("direction", "INBOUND")
                        .param("dealId", deal).param("accountId", roofs.accountId()).param("returnTo", "/deals/" + deal))
                .andExpect(redirectedUrl("/deals/" + deal));
        assertThat(api(rep, "/api/v1/touches?dealId=" + deal).get("items")).hasSize(1);
    }

    @Test
    void doNotContactAppliesToWhatATouchOnADealPromises() throws Exception {
        Scene scene = scene();
        TestUser rep = scene.rep();
        Customers.Customer roofs = scene.roofs();
        String deal = scene.deal();
        rep.run(() -> parties.markDoNotContact(roofs.account().id(), "asked to stop"));

        // a promise plans a follow-up with the customer: refused, and the touch with it is not written
        mvc.perform(post("/touches").with(rep.browser()).param("channel", "CALL").param("direction", "INBOUND")
                        .param("dealId", deal).param("accountId", roofs.accountId()).param("returnTo", "/deals/" + deal)
                        .param("promise", "send the quote").param("promiseKind", "PROMISE")
                        .param("promiseDue", LocalDate.now().plusDays(5).toString()))
                .andExpect(status().isConflict());
        assertThat(api(rep, "/api/v1/touches?dealId=" + deal).get("items")).isEmpty();
        // what happened is history: the call they made to us is logged
        mvc.perform(post("/touches").with(rep.browser()).param("channel", "CALL").param("direction", "INBOUND")
                        .param("dealId", deal).param("accountId", roofs.accountId()).param("returnTo", "/deals/" + deal))
                .andExpect(status().isOk());
        assertThat(api(rep, "/api/v1/touches?dealId=" + deal).get("items")).hasSize(1);
    }

    @Test
    void aTouchOnALeadAloneIsSeenByWhoeverSeesTheLeadNow() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser north = acme.user(Role.REP, acme.team("North"));
        TestUser south = acme.user(Role.REP, acme.team("South"));
        String lead = lead(north, "Handover");
        unanswered(north, Long.parseLong(lead), null, "first call");
        String touch = api(north, "/api/v1/touches?leadId=" + lead).get("items").get(0).get("id").asString();
        mvc.perform(get("/api/v1/touches/" + touch).with(south.api())).andExpect(status().isNotFound());
        // the lead goes back to the pool and the other team takes it on, with its history
        api(north, "/api/v1/leads/" + lead + "/release", "{}");
        api(south, "/api/v1/leads/" + lead + "/claim", "{}");
        assertThat(api(south, "/api/v1/touches/" + touch).get("leadId").asString()).isEqualTo(lead);
        assertThat(api(south, "/api/v1/touches?leadId=" + lead).get("items")).hasSize(1);
    }

}
