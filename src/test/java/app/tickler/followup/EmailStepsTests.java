package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Email steps go out over a real SMTP server (GreenMail), with STARTTLS, and unsubscribing is absolute. */
@TicklerTest
class EmailStepsTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    EmailSteps emailSteps;
    @Autowired
    JsonMapper json;
    @Autowired
    Digests digests;

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, TestUser user,
            int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() ? null : json.readTree(body);
    }

    private String enrolInEmailCadence(TestUser manager, Customers.Customer customer) throws Exception {
        String cadence = call(post("/api/v1/cadences").content("""
                {"name":"Email first","nurtureDays":30,"steps":[{"dayOffset":0,"channel":"EMAIL",
                 "emailSubject":"News for {{account.name}}",
                 "emailBody":"Dear {{contact.firstName}},\\n\\nour new roofs are in.\\n\\n{{sender.name}}"}]}"""),
                manager, 201).get("id").asString();
        return call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence, customer.contactId())), manager, 201)
                .get("id").asString();
    }

    private int sendDue(TestWorkspace workspace) {
        return Actors.callAs(Actor.system(workspace.id(), java.time.ZoneId.of("Europe/Berlin")), emailSteps::sendDue);
    }

    @Test
    void aDueEmailStepIsSentOverSmtpLoggedAsATouchAndTheUnsubscribeLinkStopsEverything() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        JsonNode saved = call(put("/api/v1/smtp-settings").content("""
                {"host":"127.0.0.1","port":%d,"username":"tickler","password":"s3cret","starttls":false,
                 "fromAddress":"sales@acme.test","fromName":"Acme Sales"}""".formatted(smtp.getSmtp().getPort())), manager, 200);
        assertThat(saved.get("passwordSet").asBoolean()).isTrue();
        assertThat(saved.toString()).doesNotContain("s3cret");
        smtp.setUser("tickler", "s3cret");
        Customers.Customer roofs = Customers.make(parties, manager, "Roofs", null);
        String enrolment = enrolInEmailCadence(manager, roofs);

        assertThat(sendDue(acme)).isEqualTo(1);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("News for Roofs");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(roofs.contact().primaryEmail());
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Dear Ann,").contains("our new roofs are in.").contains("Manager");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/unsubscribe/");
        assertThat(sendDue(acme)).as("sent once").isZero();

        JsonNode touches = call(get("/api/v1/touches?contactId=" + roofs.contactId()), manager, 200);
        assertThat(touches.at("/items/0/channel").asString()).isEqualTo("EMAIL");
        assertThat(touches.at("/items/0/enrolmentId").asString()).isEqualTo(enrolment);
        JsonNode next = call(get("/api/v1/follow-ups?status=OPEN&enrolmentId=" + enrolment), manager, 200);
        assertThat(next.at("/items/0/origin").asString()).as("then it nurtures").isEqualTo("NURTURE");

        Matcher link = Pattern.compile("(/unsubscribe/\\S+)").matcher(body);
        assertThat(link.find()).isTrue();
        String path = link.group(1);
        String tampered = path.substring(0, path.length() - 3) + "abc";
        assertThat(mvc.perform(post(tampered)).andReturn().getResponse().getContentAsString()).contains("not valid");
        assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsString()).contains("Do you want to receive");
        assertThat(mvc.perform(post(path)).andReturn().getResponse().getContentAsString())
                .as("one click, no session, no CSRF token: a mail client's List-Unsubscribe-Post")
                .contains("you will not be contacted again");
        manager.run(() -> assertThat(parties.contact(roofs.contact().id()).orElseThrow().doNotContact()).isTrue());
        assertThat(call(get("/api/v1/enrolments/" + enrolment), manager, 200).get("endReason").asString())
                .isEqualTo("DO_NOT_CONTACT");
    }

    @Test
    void withStarttlsRequiredNothingGoesOutOverAServerThatCannotEncrypt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        call(put("/api/v1/smtp-settings").content("""
                {"host":"127.0.0.1","port":%d,"starttls":true,"fromAddress":"sales@acme.test"}"""
                .formatted(smtp.getSmtp().getPort())), manager, 200);
        Customers.Customer roofs = Customers.make(parties, manager, "Roofs", null);
        String enrolment = enrolInEmailCadence(manager, roofs);
        assertThat(sendDue(acme)).as("GreenMail offers no STARTTLS: never sent in clear").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(call(get("/api/v1/follow-ups?status=OPEN&enrolmentId=" + enrolment), manager, 200)
                .at("/items/0/origin").asString()).isEqualTo("CADENCE_STEP");
    }

    @Test
    void whoeverAsksForItGetsTheirTodayQueueByEmailOnceADay() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        TestUser rep = acme.user(Role.REP);
        call(put("/api/v1/smtp-settings").content("""
                {"host":"127.0.0.1","port":%d,"starttls":false,"fromAddress":"tickler@acme.test"}"""
                .formatted(smtp.getSmtp().getPort())), manager, 200);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", null);
        call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(java.time.LocalDate.now(
                java.time.ZoneId.of("Europe/Berlin")), roofs.contactId())), rep, 201);
        assertThat(call(put("/api/v1/follow-up-preferences").content("{\"dailyDigest\":true}"), rep, 200)
                .get("dailyDigest").asBoolean()).isTrue();
        Actor system = Actor.system(acme.id(), java.time.ZoneId.of("Europe/Berlin"));
        assertThat(Actors.callAs(system, digests::sendAll)).isEqualTo(1);
        assertThat(Actors.callAs(system, digests::sendAll)).as("once a day").isZero();
        MimeMessage digest = smtp.getReceivedMessages()[0];
        assertThat(digest.getSubject()).isEqualTo("Today in Tickler: 0 overdue, 1 due today");
        assertThat(digest.getAllRecipients()[0].toString()).isEqualTo(rep.email());
        assertThat(GreenMailUtil.getBody(digest)).contains("Call Ann Baker Roofs (Roofs)").contains("/today");
    }

    @Test
    void withoutSmtpSettingsTheEmailStepStaysAFollowUpToDoByHand() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        Customers.Customer roofs = Customers.make(parties, manager, "Roofs", null);
        String enrolment = enrolInEmailCadence(manager, roofs);
        assertThat(sendDue(acme)).isZero();
        JsonNode open = call(get("/api/v1/follow-ups?status=OPEN&enrolmentId=" + enrolment), manager, 200);
        assertThat(open.at("/items/0/origin").asString()).isEqualTo("CADENCE_STEP");
        JsonNode refused = call(post("/api/v1/follow-ups/" + open.at("/items/0/id").asString() + "/send")
                .content("{\"version\":0}"), manager, 409);
        assertThat(refused.get("detail").asString()).contains("No email settings");
        JsonNode bad = call(put("/api/v1/smtp-settings").content("{\"host\":\"smtp example\",\"port\":0,\"fromAddress\":\"x\"}"),
                manager, 400);
        assertThat(bad.findValuesAsString("field")).contains("host", "port", "fromAddress");
        call(put("/api/v1/smtp-settings").content("{\"host\":\"smtp.example.com\",\"fromAddress\":\"a@b.test\"}"),
                acme.user(Role.REP), 403);
    }
}
