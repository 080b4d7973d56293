package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.followup.Direction;
import app.tickler.followup.FollowUp;
import app.tickler.followup.FollowUps;
import app.tickler.followup.NewFollowUp;
import app.tickler.followup.NewTouch;
import app.tickler.followup.Touch;
import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Channel;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.Parties;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import app.tickler.sales.LeadInput;
import app.tickler.sales.LeadSource;
import app.tickler.sales.SalesCycle;
import tools.jackson.databind.JsonNode;

/** Importing an activity history (touches), on SQLite and PostgreSQL, and undoing it to the exact figures before. */
@TicklerTest
class TouchImportTests extends ImportApiCalls {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    FollowUps followUps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SalesCycle sales;

    /** Everything a touch derives, read straight from the tables of one workspace. */
    record Figures(Map<Long, Integer> attempts, Map<String, Long> lastTouches, Map<String, Long> counters,
            long touches, long subjects) {
    }

    Figures figures(long workspace) {
        Map<Long, Integer> attempts = new TreeMap<>();
        jdbc.sql("SELECT id, attempt FROM touches WHERE workspace_id = :w").param("w", workspace)
                .query(rs -> {
                    attempts.put(rs.getLong(1), rs.getInt(2));
                });
        Map<String, Long> last = new TreeMap<>();
        for (String table : List.of("accounts", "contacts")) {
            jdbc.sql("SELECT id, last_touch_at FROM " + table + " WHERE workspace_id = :w").param("w", workspace)
                    .query(rs -> {
                        last.put(table + rs.getLong(1), rs.getLong(2));
                    });
        }
        // a lead's last activity is the pool's idle clock, which history does not move
        jdbc.sql("SELECT id, last_activity_at FROM leads WHERE workspace_id = :w").param("w", workspace)
                .query(rs -> {
                    last.put("leads" + rs.getLong(1), rs.getLong(2));
                });
        Map<String, Long> counters = new TreeMap<>();
        jdbc.sql("SELECT metric, day, user_id, count FROM insight_daily_counters WHERE workspace_id = :w AND count <> 0")
                .param("w", workspace).query(rs -> {
                    counters.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3), rs.getLong(4));
                });
        long touches = jdbc.sql("SELECT COUNT(*) FROM touches WHERE workspace_id = :w").param("w", workspace)
                .query(Long.class).single();
        long subjects = jdbc.sql("SELECT COUNT(*) FROM touch_subjects WHERE workspace_id = :w").param("w", workspace)
                .query(Long.class).single();
        return new Figures(attempts, last, counters, touches, subjects);
    }

    static Contact person(Parties parties, String first, String email, Account account) {
        return parties.createContact(new ContactInput(first, "Baker", null, List.of(new Contact.Email(email, "work", true)),
                null, null, null, null, null, null, null, null, null, null, null, account == null ? null : account.id(),
                account == null ? null : BuyingRole.DECISION_MAKER, account == null ? null : Boolean.FALSE));
    }

    static NewTouch call(Contact contact, String at) {
        return new NewTouch(Instant.parse(at), Channel.CALL, Direction.OUTBOUND, null, List.of(contact.id()), null, null,
                null, null, false, null, null, null, null);
    }

    List<Touch> touchesOf(TestUser user, Contact contact) {
        return user.call(() -> followUps.touchesOf(new Subject("contact", contact.id().value()), Paging.first(50)).items());
    }

    JsonNode upload(TestUser user, String csv) throws Exception {
        return call(multipart("/api/v1/imports").file(new MockMultipartFile("file", "activities.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).param("entity", "TOUCH"), user, 201);
    }

    @Test
    void aHubSpotActivityExportBecomesTheContactsHistoryAndItsUndoRestoresEveryFigure() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser admin = acme.admin();
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs Ltd")));
        Contact ann = rep.call(() -> person(parties, "Ann", "ann@roofs.example", roofs));
        Contact bob = rep.call(() -> person(parties, "Bob", "bob@roofs.example", null));
        rep.run(() -> followUps.logTouch(call(ann, "2025-03-10T10:00:00Z")));
        rep.run(() -> followUps.logTouch(call(ann, "2025-03-20T10:00:00Z")));
        FollowUp open = rep.call(() -> followUps.plan(new NewFollowUp(null, LocalDate.now().plusDays(3), null, null,
                Channel.CALL, null, "Call Ann again", null, ann.id(), null, null, null, null)));
        assertThat(touchesOf(rep, ann)).extracting(Touch::attempt).containsExactly(2, 1);
        Figures before = figures(acme.id());

        String file = """
                Activity ID,Activity type,Activity date,Call direction,Call outcome,Associated Contact,Associated Company,Subject,Notes,Activity assigned to
                e1,Call,2025-02-01 09:00,Outbound,No answer,ann@roofs.example,,Intro,Left no message,%s
                e2,Email,2025-02-02 09:00,,,Ann Baker (ann@roofs.example),,Follow-up,,%s
                e3,Meeting,2025-02-03 10:00,Inbound,Connected,bob@roofs.example,Roofs Ltd,Demo,Showed the roof,
                e4,Call,2025-02-04 09:00,,,nobody@roofs.example,,,,
                e5,Fax,2025-02-04 09:00,,,ann@roofs.example,,,,
                e6,Call,last Tuesday,,,ann@roofs.example,,,,
                e7,Task,2025-02-04 09:00,,,ann@roofs.example,,Send the quote,,
                e8,Call,2099-01-01 09:00,,,ann@roofs.example,,,,
                """.formatted(rep.email(), rep.email());
        JsonNode job = upload(admin, file);
        String id = job.get("id").asString();
        assertThat(job.get("mapping").toString()).isEqualTo("{\"0\":\"externalId\",\"1\":\"channel\",\"2\":\"occurredAt\","
                + "\"3\":\"direction\",\"4\":\"outcome\",\"5\":\"contactEmail\",\"6\":\"account\",\"7\":\"subject\","
                + "\"8\":\"notes\",\"9\":\"loggedBy\"}");
        assertThat(job.get("matchOn").asString()).isEqualTo("EXTERNAL_ID");
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), admin, 200);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("create");
        assertThat(preview.at("/lines/3/cells/5/problem").asString())
                .isEqualTo("'nobody@roofs.example' is not the email of a contact or lead you can see (import them first)");
        assertThat(preview.at("/lines/4/cells/1/problem").asString()).startsWith("'Fax' is not a kind of touch: one of CALL,");
        assertThat(preview.at("/lines/5/cells/2/problem").asString()).contains("is not a date and time (YYYY-MM-DD HH:MM");
        assertThat(preview.at("/lines/6/action").asString()).isEqualTo("ignore");
        assertThat(preview.at("/lines/7/cells/2/problem").asString()).contains("is in the future");
        assertThat(figures(acme.id())).as("the preview writes nothing").isEqualTo(before);

        JsonNode done = run(admin, id);
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("created").asLong()).isEqualTo(3);
        assertThat(done.get("skipped").asLong()).as("the to-do").isEqualTo(1);
        assertThat(done.get("errors").asLong()).isEqualTo(4);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", admin))
                .contains("5,contactEmail,").contains("'nobody@roofs.example' is not the email of a contact or lead you can see")
                .contains("(column 'Associated Contact')").contains("6,channel,").contains("'Fax' is not a kind of touch")
                .contains("7,occurredAt,").contains("'last Tuesday' is not a date and time")
                .contains("9,occurredAt,is in the future");

        List<Touch> history = touchesOf(rep, ann);
        assertThat(history).extracting(Touch::channel).containsExactly(Channel.CALL, Channel.CALL, Channel.EMAIL,
                Channel.CALL);
        assertThat(history).extracting(Touch::attempt).as("the live calls are numbered after the imported chase")
                .containsExactly(4, 3, 2, 1);
        assertThat(history).extracting(Touch::imported).containsExactly(false, false, true, true);
        assertThat(history.get(3).loggedById().value()).as("the colleague named").isEqualTo(rep.id());
        assertThat(history.get(3).notes()).isEqualTo("Intro\n\nLeft no message");
        assertThat(history.get(3).accountId()).as("on Ann's organisation too").isEqualTo(roofs.id());
        assertThat(rep.call(() -> followUps.currentAttempt(new Subject("contact", ann.id().value())))).isEqualTo(4);
        Touch meeting = touchesOf(admin, bob).get(0);
        assertThat(meeting.loggedById().value()).as("no colleague named: the importer").isEqualTo(admin.id());
        assertThat(meeting.direction()).isEqualTo(Direction.INBOUND);
        assertThat(meeting.response()).isTrue();
        assertThat(meeting.accountId()).isEqualTo(roofs.id());
        Figures after = figures(acme.id());
        assertThat(after.lastTouches().get("contacts" + bob.id().value())).as("Bob's last touch is the meeting")
                .isEqualTo(meeting.occurredAt().toEpochMilli());
        assertThat(after.lastTouches().get("contacts" + ann.id().value())).as("never moved back")
                .isEqualTo(before.lastTouches().get("contacts" + ann.id().value()));
        assertThat(after.counters()).containsEntry("TOUCHES 2025-02-01 " + rep.id(), 1L)
                .containsEntry("TOUCHES 2025-02-03 " + admin.id(), 1L);
        assertThat(rep.call(() -> followUps.openFollowUps(null, ann.id()))).extracting(FollowUp::id)
                .as("history does not do today's follow-up").containsExactly(open.id());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM journal_items WHERE workspace_id = :w AND kind = 'TOUCH'")
                .param("w", acme.id()).query(Long.class).single()).as("only the two live calls are in the journal")
                .isEqualTo(2);

        String again = upload(admin, file).get("id").asString();
        JsonNode rerun = run(admin, again);
        assertThat(rerun.get("created").asLong()).as("the same file again adds nothing").isZero();
        assertThat(rerun.get("skipped").asLong()).isEqualTo(4);
        assertThat(figures(acme.id())).isEqualTo(after);

        String withoutIds = "Type,Date,Email\nCall,2025-01-15 08:00,bob@roofs.example\nCall,2025-01-15 08:00,bob@roofs.example\n";
        String first = upload(admin, withoutIds).get("id").asString();
        JsonNode once = run(admin, first);
        assertThat(once.get("created").asLong()).as("a line is known by what it says").isEqualTo(1);
        assertThat(once.get("skipped").asLong()).isEqualTo(1);
        assertThat(run(admin, upload(admin, withoutIds).get("id").asString()).get("created").asLong()).isZero();

        assertThat(undo(admin, first).get("status").asString()).isEqualTo("UNDONE");
        assertThat(figures(acme.id())).isEqualTo(after);
        assertThat(undo(admin, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(figures(acme.id())).as("attempts, last touches and counters exactly as before").isEqualTo(before);
        assertThat(touchesOf(rep, ann)).extracting(Touch::attempt).containsExactly(2, 1);
        assertThat(run(admin, upload(admin, file).get("id").asString()).get("created").asLong())
                .as("once undone, the file imports again").isEqualTo(3);
    }

    @Test
    void anImportedTouchCountsInTheChaseOfEveryRecordItIsOnAndItsUndoTakesItBack() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser admin = acme.admin();
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Gutters Ltd")));
        rep.call(() -> person(parties, "Ann", "ann@gutters.example", roofs));
        // a call to the company, nobody in particular: its chase is the account
        rep.run(() -> followUps.logTouch(new NewTouch(Instant.parse("2025-03-10T10:00:00Z"), Channel.CALL,
                Direction.OUTBOUND, roofs.id(), List.of(), null, null, null, null, false, null, null, null, null)));
        Subject account = new Subject("account", roofs.id().value());
        assertThat(rep.call(() -> followUps.currentAttempt(account))).isEqualTo(1);

        String id = upload(admin, """
                Activity type,Activity date,Associated Contact,Associated Company
                Call,2025-02-01 09:00,ann@gutters.example,Gutters Ltd
                """).get("id").asString();
        assertThat(run(admin, id).get("created").asLong()).isEqualTo(1);
        // the imported call chases Ann, and it is on the account too: the account's later call is its second attempt
        List<Touch> onAccount = rep.call(() -> followUps.touchesOf(account, Paging.first(10)).items());
        assertThat(onAccount).extracting(Touch::attempt).containsExactly(2, 1);
        assertThat(rep.call(() -> followUps.currentAttempt(account))).isEqualTo(2);

        assertThat(undo(admin, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(rep.call(() -> followUps.touchesOf(account, Paging.first(10)).items())).extracting(Touch::attempt)
                .containsExactly(1);
    }

    @Test
    void aRepImportsOnlyTheirOwnHistoryOnRecordsTheyMaySeeAndStrictModeWritesNothing() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser north = acme.user(Role.REP, acme.team("North"));
        TestUser south = acme.user(Role.REP, acme.team("South"));
        Contact own = north.call(() -> person(parties, "Nora", "nora@north.example", null));
        south.run(() -> person(parties, "Sam", "sam@south.example", null));
        south.run(() -> parties.createAccount(AccountInput.named("Secret Ltd")));
        String csv = """
                Id,Type,CompletedDateTime,Who.Email,Account.Name,Status,Owner.Email
                00T1,Call,2025-02-01T09:00:00Z,nora@north.example,,Completed,
                00T2,Call,2025-02-01T10:00:00Z,sam@south.example,,Completed,
                00T3,Call,2025-02-01T11:00:00Z,,Secret Ltd,Completed,
                00T4,Call,2025-02-01T12:00:00Z,nora@north.example,,Completed,%s
                00T5,Call,2025-02-01T13:00:00Z,nora@north.example,,Not Started,
                """.formatted(south.email());
        String strict = upload(north, csv).get("id").asString();
        settings(north, strict, """
                {"mapping":{"0":"externalId","1":"channel","2":"occurredAt","3":"contactEmail","4":"account","5":"done",
                 "6":"loggedBy"},"duplicates":"SKIP","matchOn":"EXTERNAL_ID","strict":true}""", 200);
        assertThat(run(north, strict).get("status").asString()).isEqualTo("FAILED");
        assertThat(touchesOf(north, own)).as("strict: nothing when a line fails").isEmpty();

        String id = upload(north, csv).get("id").asString();
        JsonNode done = run(north, id);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("skipped").asLong()).as("not done yet").isEqualTo(1);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", north))
                .as("a contact of another team is not found, as one that does not exist")
                .contains("3,contactEmail,").contains("'sam@south.example' is not the email of a contact or lead you can see")
                .contains("4,account,").contains("'Secret Ltd' is not an account you can see")
                .contains("5,loggedBy,can only be you");
        assertThat(touchesOf(north, own)).singleElement().satisfies(t -> {
            assertThat(t.occurredAt()).isEqualTo(Instant.parse("2025-02-01T09:00:00Z"));
            assertThat(t.loggedById().value()).isEqualTo(north.id());
        });
        JsonNode refused = settings(north, upload(north, csv).get("id").asString(), """
                {"mapping":{"0":"externalId","1":"channel","2":"occurredAt","3":"contactEmail"},"duplicates":"UPDATE",
                 "matchOn":"EXTERNAL_ID"}""", 400);
        assertThat(refused.at("/errors/0/field").asString()).isEqualTo("duplicates");
    }

    @Test
    void aColleagueWhoHasLeftIsTheAuthorOfTheHistoryTheyMadeAndAnUnknownOneIsAnError() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        TestUser rep = acme.user(Role.REP);
        TestUser leaver = acme.user(Role.REP);
        call(patch("/api/v1/users/" + leaver.id()).header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Lena Left\"}"), admin, 200);
        call(post("/api/v1/users/" + leaver.id() + "/deactivate"), admin, 200);
        Contact ann = rep.call(() -> person(parties, "Ann", "ann@left.example", null));
        rep.run(() -> followUps.logTouch(call(ann, "2025-03-10T10:00:00Z")));
        Figures before = figures(acme.id());

        String file = """
                Id,Type,CompletedDateTime,Who.Email,Status,Owner.Email
                00T1,Call,2025-02-01T09:00:00Z,ann@left.example,Completed,%s
                00T2,Call,2025-02-02T09:00:00Z,ann@left.example,Completed,Lena Left
                00T3,Call,2025-02-03T09:00:00Z,ann@left.example,Completed,ghost@left.example
                """.formatted(leaver.email());
        String id = upload(admin, file).get("id").asString();
        JsonNode preview = preview(admin, id);
        assertThat(preview.at("/lines/0/action").asString()).as("a colleague who has left").isEqualTo("create");
        assertThat(preview.at("/lines/1/action").asString()).as("named by their name").isEqualTo("create");
        assertThat(preview.at("/lines/2/cells/5/problem").asString())
                .isEqualTo("'ghost@left.example' is not a user of this workspace (give their email)");

        JsonNode done = run(admin, id);
        assertThat(done.get("created").asLong()).isEqualTo(2);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", admin))
                .contains("4,loggedBy,").contains("'ghost@left.example' is not a user of this workspace (give their email)"
                        + " (column 'Owner.Email')");
        List<Touch> history = touchesOf(rep, ann);
        assertThat(history).extracting(t -> t.loggedById().value()).containsExactly(rep.id(), leaver.id(), leaver.id());
        assertThat(history.get(1).loggedByName()).isEqualTo("Lena Left");
        assertThat(history).extracting(Touch::attempt).as("their calls count in the chase").containsExactly(3, 2, 1);
        assertThat(figures(acme.id()).counters()).as("on their own counters, on the days they made them")
                .containsEntry("TOUCHES 2025-02-01 " + leaver.id(), 1L).containsEntry("TOUCHES 2025-02-02 " + leaver.id(), 1L);
        JsonNode dashboard = call(get("/api/v1/insights/dashboard?from=2025-02-01&to=2025-02-28"), admin, 200);
        JsonNode perRep = null;
        for (JsonNode chart : dashboard.get("charts")) {
            if (chart.get("id").asString().equals("short-touches")) {
                perRep = chart;
            }
        }
        assertThat(perRep).isNotNull();
        assertThat(perRep.get("categories").toString()).as("the dashboard names them, as having left")
                .contains("Lena Left (has left)");

        assertThat(undo(admin, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(figures(acme.id())).as("their counters taken back too").isEqualTo(before);
    }

    @Test
    void aTouchOnALeadIsFoundByTheLeadsEmailOrEarlierIdAndItsUndoTakesItBack() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        TestUser north = acme.user(Role.REP, acme.team("North"));
        TestUser south = acme.user(Role.REP, acme.team("South"));
        Contact ann = admin.call(() -> person(parties, "Ann", "ann@roofs.example", null));
        JsonNode leadImport = call(multipart("/api/v1/imports").file(new MockMultipartFile("file", "leads.csv", "text/csv",
                """
                Id,FirstName,LastName,Company,Email
                00Q1,Lea,Lead,Leads Ltd,lea@leads.example
                00Q2,Leo,Lead,Other Ltd,leo@other.example
                00Q3,Ann,Baker,Roofs Ltd,ann@roofs.example
                """.getBytes(StandardCharsets.UTF_8))).param("entity", "LEAD"), admin, 201);
        assertThat(run(admin, leadImport.get("id").asString()).get("created").asLong()).isEqualTo(3);
        Map<String, Long> leads = new TreeMap<>();
        jdbc.sql("SELECT email, id FROM leads WHERE workspace_id = :w").param("w", acme.id())
                .query(rs -> {
                    leads.put(rs.getString(1), rs.getLong(2));
                });
        long lea = leads.get("lea@leads.example");
        long leo = leads.get("leo@other.example");
        long annLead = leads.get("ann@roofs.example");
        admin.run(() -> followUps.logTouch(new NewTouch(Instant.parse("2025-03-10T10:00:00Z"), Channel.CALL,
                Direction.OUTBOUND, null, List.of(), lea, null, null, null, false, null, null, null, null)));
        south.run(() -> sales.createLead(new LeadInput("Sid", "South", null, "South Co", "sid@south.example", null,
                LeadSource.OTHER, null, null, null, null, new UserId(south.id()), Map.of()), null));
        Figures before = figures(acme.id());

        String file = """
                Id,Type,CompletedDateTime,Who.Email,WhoId,Lead ID,Lead.Email,Status
                00T1,Call,2025-02-01T09:00:00Z,lea@leads.example,,,,Completed
                00T2,Call,2025-02-02T09:00:00Z,,00Q1,,,Completed
                00T3,Email,2025-02-03T09:00:00Z,,,00Q2,,Completed
                00T4,Call,2025-02-04T09:00:00Z,,,,leo@other.example,Completed
                00T5,Call,2025-02-04T10:00:00Z,ann@roofs.example,,,,Completed
                00T6,Call,2025-02-05T09:00:00Z,nobody@roofs.example,,,,Completed
                00T7,Call,2025-02-05T10:00:00Z,lea@leads.example,,00Q2,,Completed
                00T8,Call,2025-02-06T09:00:00Z,,,00Q9,,Completed
                00T9,Call,2025-02-06T10:00:00Z,,,,ann@roofs.example,Completed
                """;
        JsonNode job = upload(admin, file);
        String id = job.get("id").asString();
        assertThat(job.get("mapping").toString()).isEqualTo("{\"0\":\"externalId\",\"1\":\"channel\","
                + "\"2\":\"occurredAt\",\"3\":\"contactEmail\",\"4\":\"contactExternalId\",\"5\":\"leadExternalId\","
                + "\"6\":\"leadEmail\",\"7\":\"done\"}");
        JsonNode preview = preview(admin, id);
        assertThat(preview.at("/lines/0/action").asString()).as("no contact has the email: the lead").isEqualTo("create");
        assertThat(preview.at("/lines/5/cells/3/problem").asString())
                .isEqualTo("'nobody@roofs.example' is not the email of a contact or lead you can see (import them first)");
        assertThat(preview.at("/lines/6/cells/5/problem").asString())
                .isEqualTo("'00Q2' is a second lead: a touch is with one lead at most");
        assertThat(preview.at("/lines/7/cells/5/problem").asString())
                .isEqualTo("'00Q9' is not the id of a lead imported before that you can see (import the leads first)");
        assertThat(figures(acme.id())).as("the preview writes nothing").isEqualTo(before);

        JsonNode done = run(admin, id);
        assertThat(done.get("created").asLong()).isEqualTo(6);
        assertThat(done.get("errors").asLong()).isEqualTo(3);
        assertThat(touchesOf(admin, lea)).extracting(Touch::attempt)
                .as("the live call is the third attempt after the two imported ones").containsExactly(3, 2, 1);
        assertThat(touchesOf(admin, lea)).extracting(Touch::imported).containsExactly(false, true, true);
        assertThat(admin.call(() -> followUps.currentAttempt(new Subject("lead", lea)))).isEqualTo(3);
        assertThat(touchesOf(admin, leo)).extracting(Touch::channel).containsExactly(Channel.CALL, Channel.EMAIL);
        assertThat(touchesOf(admin, ann)).as("an email a contact has is the contact's").singleElement()
                .satisfies(t -> assertThat(t.leadId()).isNull());
        assertThat(touchesOf(admin, annLead)).as("the lead column names the lead").singleElement()
                .satisfies(t -> assertThat(t.contacts()).isEmpty());
        Figures after = figures(acme.id());
        assertThat(after.touches()).isEqualTo(before.touches() + 6);
        Map<String, Long> idleClocks = new TreeMap<>(before.lastTouches());
        idleClocks.keySet().removeIf(key -> !key.startsWith("leads"));
        assertThat(after.lastTouches()).as("the leads' idle clock is not moved by history").containsAllEntriesOf(idleClocks);

        assertThat(run(admin, upload(admin, file).get("id").asString()).get("created").asLong())
                .as("the same file again adds nothing").isZero();
        assertThat(figures(acme.id())).isEqualTo(after);

        // a lead of another team is not found, as one that does not exist
        String hidden = upload(north, "Type,Date,Email\nCall,2025-02-01 08:00,sid@south.example\n").get("id").asString();
        assertThat(run(north, hidden).get("created").asLong()).isZero();
        assertThat(download("/api/v1/imports/" + hidden + "/errors.csv", north))
                .contains("'sid@south.example' is not the email of a contact or lead you can see");

        assertThat(undo(admin, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(figures(acme.id())).as("attempts and counters exactly as before").isEqualTo(before);
        assertThat(touchesOf(admin, lea)).extracting(Touch::attempt).containsExactly(1);
    }

    List<Touch> touchesOf(TestUser user, long lead) {
        return user.call(() -> followUps.touchesOf(new Subject("lead", lead), Paging.first(50)).items());
    }
}
