package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.aftersale.InstalledBase;
import app.tickler.aftersale.InstalledProduct;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Account;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomFieldType;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry;
import app.tickler.sales.EditableLead;
import app.tickler.sales.LeadId;
import app.tickler.sales.LeadInput;
import app.tickler.sales.LeadSource;
import app.tickler.sales.LeadStatus;
import app.tickler.sales.SalesCycle;
import tools.jackson.databind.JsonNode;

@TicklerTest
class ImportApiTests extends ImportApiCalls {

    static final String HUBSPOT = """
            Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,City,Country/Region
            101,Ann,Baker,ann@roofs.example,+49 30 1234567,Buyer,Roofs Ltd,Berlin,Germany
            102,Bob,Cole,bob@roofs.example,,CEO,Roofs Ltd,Berlin,Germany
            103,Cid,Dunn,not-an-email,,,,Hamburg,Germany
            """;

    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportJobs jobs;
    @Autowired
    CustomFields customFields;
    @Autowired
    Timeline timeline;
    @Autowired
    AuditLog audit;
    @Autowired
    SalesCycle sales;
    @Autowired
    InstalledBase installedBase;

    List<Contact> contacts(TestUser user) {
        return user.call(() -> parties.contactList(Map.of(), app.tickler.platform.Paging.first(200)).items());
    }

    @Test
    void aHubSpotExportIsMappedPreviewedImportedAndItsErrorsDownloaded() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode job = upload(rep, "CONTACT", HUBSPOT);
        String id = job.get("id").asString();
        assertThat(job.get("status").asString()).isEqualTo("PENDING");
        assertThat(job.get("delimiter").asString()).isEqualTo(",");
        assertThat(job.get("charset").asString()).isEqualTo("UTF-8");
        JsonNode mapping = job.get("mapping");
        assertThat(mapping.get("0").asString()).isEqualTo("externalId");
        assertThat(mapping.get("1").asString()).isEqualTo("firstName");
        assertThat(mapping.get("3").asString()).isEqualTo("email");
        assertThat(mapping.get("4").asString()).isEqualTo("phone");
        assertThat(mapping.get("5").asString()).isEqualTo("title");
        assertThat(mapping.get("6").asString()).isEqualTo("account");
        assertThat(mapping.get("8").asString()).isEqualTo("country");

        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.at("/lines").size()).isEqualTo(3);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("create");
        assertThat(preview.at("/lines/2/action").asString()).isEqualTo("error");
        assertThat(preview.at("/lines/2/cells/3/problem").asString()).as("the bad cell is named").isNotEmpty();
        assertThat(contacts(rep)).as("a preview writes nothing").isEmpty();

        JsonNode done = run(rep, id);
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("rowsDone").asLong()).isEqualTo(3);
        assertThat(done.get("rowsTotal").asLong()).as("counted while it ran").isEqualTo(3);
        assertThat(done.get("percent").asInt()).as("the progress a client shows").isEqualTo(100);
        assertThat(done.get("rowsPerSecond").asLong()).isNotNegative();
        assertThat(done.get("created").asLong()).isEqualTo(2);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        List<Contact> people = contacts(rep);
        assertThat(people).extracting(Contact::primaryEmail).containsExactlyInAnyOrder("ann@roofs.example",
                "bob@roofs.example");
        Contact ann = people.stream().filter(c -> c.firstName().equals("Ann")).findFirst().orElseThrow();
        assertThat(ann.title()).isEqualTo("Buyer");
        assertThat(ann.address().country()).isEqualTo("Germany");
        assertThat(ann.ownerId().value()).as("a rep owns what they import").isEqualTo(rep.id());
        assertThat(ann.accounts()).extracting(Contact.Membership::accountName).containsExactly("Roofs Ltd");
        assertThat(rep.call(() -> parties.accountsNamed("Roofs Ltd"))).as("one account for both people").hasSize(1);
        assertThat(rep.call(() -> timeline.of(new TimelineEntry.Subject("contact", ann.id().value()),
                app.tickler.platform.Paging.first(10)).items())).extracting(TimelineEntry::title)
                .as("the person's timeline shows the import").contains("Contact created by import " + id);
        assertThat(acme.admin().call(() -> audit.list(new AuditLog.Filter("contact", null, null, "imported"),
                app.tickler.platform.Paging.first(10)).items())).as("one audit entry for the batch")
                .singleElement().satisfies(e -> assertThat(e.changes().get("count").after()).isEqualTo(2));

        String errors = download("/api/v1/imports/" + id + "/errors.csv", rep);
        assertThat(errors).startsWith("line,field,reason");
        assertThat(errors).as("named as the preview names it").contains("4,email,is not a valid email");
    }

    @Test
    void theSameBadCellIsNamedByTheSameFieldInThePreviewTheRunsErrorsAndTheErrorFile() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser staff = acme.user(Role.STAFF);
        String id = upload(rep, "DEAL", """
                Name,Account.Name,Amount,Owner.Email
                Minus,Roofs Ltd,-5,
                Staffed,Roofs Ltd,100,%s
                Fine,Roofs Ltd,100,
                """.formatted(staff.email())).get("id").asString();
        java.util.Set<String> previewed = badCells(preview(rep, id));
        assertThat(previewed).as("the sales module's amountMinor and ownerId, named by the import's fields")
                .containsExactly("2,amount", "3,owner");

        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(errorCells(download("/api/v1/imports/" + id + "/errors.csv", rep))).as("the error file")
                .isEqualTo(previewed);
        String page = mvc.perform(get("/imports/" + id).with(rep.browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).as("the import's page").contains("<td>amount</td>").contains("<td>owner</td>")
                .doesNotContain("amountMinor").doesNotContain("ownerId");
    }

    @Test
    void aBadSecondEmailOrMobileIsNamedByItsOwnColumnInThePreviewTheRunsErrorsAndTheErrorFile() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        rep.call(() -> parties.createContact(new ContactInput("Eve", "Ford", null,
                List.of(new Contact.Email("eve@roofs.example", "work", true),
                        new Contact.Email("eve@home.example", "home", false)),
                List.of(new Contact.Phone("+49 30 5550000", "work", true)), null, null, null, null, false, null, null,
                null, Map.of(), List.of(), null, null, null)));
        String id = upload(rep, "CONTACT", """
                Email,Secondary Email,Phone,Mobile,First Name,Last Name
                ann@roofs.example,ann at home,+49 30 1234561,,Ann,Baker
                bob@roofs.example,,+49 30 1234562,call me,Bob,Cole
                cid@roofs.example,,,no number,Cid,Dunn
                eve@roofs.example,eve@@home,,,Eve,Ford
                fay@roofs.example,fay@home.example,+49 30 1234566,+49 170 1234566,Fay,Gold
                """).get("id").asString();
        // Eve is updated: her own two addresses come first in her list, the file's second one after them
        settings(rep, id, """
                {"mapping":{"0":"email","1":"email2","2":"phone","3":"mobile","4":"firstName","5":"lastName"},
                 "duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        JsonNode preview = preview(rep, id);
        java.util.Set<String> previewed = badCells(preview);
        assertThat(previewed).as("the cell of the bad value, not the first email or phone column")
                .containsExactly("2,email2", "3,mobile", "4,mobile", "5,email2");
        assertThat(preview.at("/lines/0/cells/1/problem").asString()).contains("is not a valid email address");
        assertThat(preview.at("/lines/0/cells/0/problem").isNull()).isTrue();

        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("errors").asLong()).isEqualTo(4);
        String errors = download("/api/v1/imports/" + id + "/errors.csv", rep);
        assertThat(errorCells(errors)).as("the error file").isEqualTo(previewed);
        assertThat(errors).contains("2,email2,is not a valid email address (column 'Secondary Email')")
                .contains("3,mobile,is not a valid phone number (column 'Mobile')")
                .contains("4,mobile,is not a valid phone number (column 'Mobile')")
                .contains("5,email2,is not a valid email address (column 'Secondary Email')");
    }

    @Test
    void reImportingTheSameFileDuplicatesNothingAndUpdateModeUpdatesThenUndoRestores() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String first = upload(rep, "CONTACT", HUBSPOT).get("id").asString();
        run(rep, first);
        String again = upload(rep, "CONTACT", HUBSPOT).get("id").asString();
        JsonNode second = run(rep, again);
        assertThat(second.get("created").asLong()).isZero();
        assertThat(second.get("skipped").asLong()).isEqualTo(2);
        assertThat(contacts(rep)).hasSize(2);

        String changed = HUBSPOT.replace("Buyer", "Head of Buying");
        String update = upload(rep, "CONTACT", changed).get("id").asString();
        settings(rep, update, """
                {"mapping":{"0":"externalId","1":"firstName","2":"lastName","3":"email","5":"title"},
                 "duplicates":"UPDATE","matchOn":"EXTERNAL_ID"}""", 200);
        JsonNode updated = run(rep, update);
        assertThat(updated.get("updated").asLong()).isEqualTo(2);
        Contact ann = contacts(rep).stream().filter(c -> c.firstName().equals("Ann")).findFirst().orElseThrow();
        assertThat(ann.title()).isEqualTo("Head of Buying");

        call(post("/api/v1/imports/" + update + "/undo"), rep, 200);
        assertThat(waitFor(rep, update).get("status").asString()).isEqualTo("UNDONE");
        Contact restored = rep.call(() -> parties.contact(ann.id()).orElseThrow());
        assertThat(restored.title()).as("undo restores what was updated").isEqualTo("Buyer");

        call(post("/api/v1/imports/" + first + "/undo"), rep, 200);
        assertThat(waitFor(rep, first).get("status").asString()).isEqualTo("UNDONE");
        assertThat(contacts(rep)).as("undo removes exactly what the import created").isEmpty();
        assertThat(rep.call(() -> parties.accountsNamed("Roofs Ltd"))).as("with the account it created").isEmpty();
    }

    @Test
    void undoKeepsRecordsThatExistedBefore() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Contact existing = rep.call(() -> parties.createContact(new ContactInput("Eve", "Early", null,
                List.of(new Contact.Email("eve@early.example", null, true)), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null)));
        String id = upload(rep, "CONTACT", "email,first name,last name\neve@early.example,Eve,Early\nnew@x.example,New,Person\n")
                .get("id").asString();
        JsonNode done = run(rep, id);
        assertThat(done.get("skipped").asLong()).isEqualTo(1);
        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        waitFor(rep, id);
        assertThat(contacts(rep)).extracting(Contact::id).containsExactly(existing.id());
    }

    @Test
    void undoKeepsAnAccountItCreatedWhenSomeoneAddedToItSince() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String company = "Newco " + System.nanoTime();
        String id = upload(rep, "CONTACT", "email,first name,last name,company\nann@newco.example,Ann,Able," + company + "\n")
                .get("id").asString();
        assertThat(run(rep, id).get("created").asLong()).isEqualTo(1);
        AccountId newco = rep.call(() -> parties.accountsNamed(company)).get(0);
        Account account = rep.call(() -> parties.account(newco)).orElseThrow();
        // a colleague of Ann's, typed in after the import
        Contact bob = rep.call(() -> TouchImportTests.person(parties, "Bob", "bob@newco.example", account));

        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        waitFor(rep, id);
        assertThat(contacts(rep)).extracting(Contact::id).as("Ann goes, Bob stays").containsExactly(bob.id());
        assertThat(rep.call(() -> parties.account(newco))).as("and so does the account Bob is in").isPresent();
        assertThat(rep.call(() -> parties.members(newco))).containsExactly(bob.id());
    }

    @Test
    void anIdOfAnotherSystemTooLongToKeepIsAnErrorOfItsLineNotOfItsBatch() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep, "CONTACT", "Record ID,First Name,Last Name,Email\n" + "9".repeat(201)
                + ",Long,Id,long@id.example\n42,Short,Id,short@id.example\n").get("id").asString();
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("error");
        assertThat(preview.at("/lines/0/cells/0/problem").asString()).startsWith("is longer than 200 characters");
        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", rep)).contains("2,externalId,\"is longer than 200 characters");
    }

    @Test
    void strictModeWritesNothingWhenAnyLineFails() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep, "CONTACT", HUBSPOT).get("id").asString();
        settings(rep, id, """
                {"mapping":{"1":"firstName","2":"lastName","3":"email"},"duplicates":"SKIP","matchOn":"EMAIL","strict":true}""",
                200);
        JsonNode failed = run(rep, id);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("problem").asString()).contains("Strict mode");
        assertThat(failed.get("errors").asLong()).isEqualTo(1);
        assertThat(contacts(rep)).isEmpty();
    }

    @Test
    void windowsEncodedSemicolonFilesWithABomOrQuotedNewlinesAreRead() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        byte[] latin = "Vorname;Nachname;E-Mail;Titel\nJürgen;Müller;jm@x.example;\"Leiter\nEinkauf\"\n"
                .getBytes(Charset.forName("windows-1252"));
        JsonNode job = upload(rep, "CONTACT", "leute.csv", latin, 201);
        assertThat(job.get("charset").asString()).isEqualTo("windows-1252");
        assertThat(job.get("delimiter").asString()).isEqualTo(";");
        String id = job.get("id").asString();
        settings(rep, id, """
                {"mapping":{"0":"firstName","1":"lastName","2":"email","3":"title"},"duplicates":"SKIP","matchOn":"EMAIL"}""",
                200);
        assertThat(run(rep, id).get("created").asLong()).isEqualTo(1);
        Contact jurgen = contacts(rep).get(0);
        assertThat(jurgen.firstName()).isEqualTo("Jürgen");
        assertThat(jurgen.title()).isEqualTo("Leiter\nEinkauf");

        byte[] bom = ("\uFEFFFirstName,LastName,Email\nZoë,Ørsted,zoe@x.example\n").getBytes(StandardCharsets.UTF_8);
        JsonNode withBom = upload(rep, "CONTACT", "sf.csv", bom, 201);
        assertThat(withBom.get("headers").get(0).asString()).isEqualTo("FirstName");
        assertThat(run(rep, withBom.get("id").asString()).get("created").asLong()).isEqualTo(1);
        assertThat(contacts(rep)).extracting(Contact::lastName).contains("Ørsted");
    }

    @Test
    void badFilesAndMappingsAreRefusedClearlyAndWriteNothing() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode binary = upload(rep, "CONTACT", "photo.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}, 400);
        assertThat(binary.toString()).contains("binary");

        String id = upload(rep, "CONTACT", HUBSPOT).get("id").asString();
        JsonNode unknown = settings(rep, id, """
                {"mapping":{"1":"shoeSize"},"duplicates":"SKIP","matchOn":"EMAIL"}""", 400);
        assertThat(unknown.toString()).contains("mapping.1").contains("shoeSize");
        settings(rep, id, """
                {"mapping":{"99":"email"},"duplicates":"SKIP","matchOn":"EMAIL"}""", 400);

        StringBuilder malformed = new StringBuilder("first name,last name,email\n");
        for (int i = 0; i < 10_000; i++) {
            malformed.append("Only,").append(i).append('\n');
        }
        malformed.append("Good,Line,good@x.example\n");
        malformed.append("Huge,").append("x".repeat(CsvFiles.MAX_CELL + 1)).append(",huge@x.example\n");
        String bad = upload(rep, "CONTACT", malformed.toString()).get("id").asString();
        JsonNode done = run(rep, bad);
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("errors").asLong()).isEqualTo(10_001);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        String errors = download("/api/v1/imports/" + bad + "/errors.csv", rep);
        assertThat(errors).contains("2,line,has 2 fields where the header has 3");
        assertThat(errors).contains("10003,lastName,is longer than 65536 characters");

        String unbalanced = upload(rep, "CONTACT", "first name,last name,email\nAnn,\"Baker,ann@x.example\nBob,Cole,bob@x.example\n")
                .get("id").asString();
        JsonNode quoted = run(rep, unbalanced);
        assertThat(quoted.get("created").asLong()).isZero();
        assertThat(quoted.get("errors").asLong()).isEqualTo(1);
        assertThat(contacts(rep)).extracting(Contact::primaryEmail).containsExactly("good@x.example");
    }

    @Test
    void aLineRetriedAfterItsBatchFailedWritesItsRecordsAndItsUndoRowsTogether() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep, "CONTACT", "email,first name,last name\na@retry.example,A,One\nb@retry.example,B,Two\n"
                + "c@retry.example,C,Three\n").get("id").asString();
        // writing what line 3 (b@) did fails: the batch fails as a whole, then line 3 alone when retried
        failImportRowsOf(Long.parseLong(id), 3, () -> {
            JsonNode done = run(rep, id);
            assertThat(done.get("created").asLong()).isEqualTo(2);
            assertThat(done.get("errors").asLong()).isEqualTo(1);
            assertThat(done.get("rowsDone").asLong()).isEqualTo(3);
        });
        assertThat(contacts(rep)).as("the failed line's contact is rolled back with its undo row")
                .extracting(Contact::primaryEmail).containsExactlyInAnyOrder("a@retry.example", "c@retry.example");
        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(contacts(rep)).as("undo finds everything the import wrote").isEmpty();
    }

    @Autowired
    app.tickler.platform.database.Dialect dialect;

    interface Body {
        void run() throws Exception;
    }

    /** Makes every insert of an import_rows row of the given import line fail while the body runs. */
    void failImportRowsOf(long importId, long line, Body body) throws Exception {
        if (dialect == app.tickler.platform.database.Dialect.SQLITE) {
            jdbc.sql("CREATE TRIGGER import_rows_fail BEFORE INSERT ON import_rows WHEN NEW.import_id = " + importId
                    + " AND NEW.line = " + line + " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END").update();
        } else {
            jdbc.sql("CREATE FUNCTION import_rows_fail() RETURNS trigger AS $$ BEGIN IF NEW.import_id = " + importId
                    + " AND NEW.line = " + line + " THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END;"
                    + " $$ LANGUAGE plpgsql").update();
            jdbc.sql("CREATE TRIGGER import_rows_fail BEFORE INSERT ON import_rows FOR EACH ROW"
                    + " EXECUTE FUNCTION import_rows_fail()").update();
        }
        try {
            body.run();
        } finally {
            if (dialect == app.tickler.platform.database.Dialect.SQLITE) {
                jdbc.sql("DROP TRIGGER import_rows_fail").update();
            } else {
                jdbc.sql("DROP TRIGGER import_rows_fail ON import_rows").update();
                jdbc.sql("DROP FUNCTION import_rows_fail()").update();
            }
        }
    }

    @Test
    void anImportStoppedWithItsServerResumesAfterItsLastWholeBatch() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        int lines = ImportRunner.BATCH + 700;
        StringBuilder whole = new StringBuilder("email,first name,last name\n");
        for (int i = 0; i < lines; i++) {
            whole.append("p").append(i).append("@resume.example,Person,No").append(i).append('\n');
        }
        String firstBatch = String.join("\n", whole.toString().lines().limit(1 + ImportRunner.BATCH).toList()) + "\n";
        String id = upload(rep, "CONTACT", firstBatch).get("id").asString();
        assertThat(run(rep, id).get("created").asLong()).isEqualTo(ImportRunner.BATCH);
        // the state a server killed after its first batch leaves: the file, RUNNING, no recent heartbeat
        Files.writeString(runner.file(acme.id(), Long.parseLong(id)), whole.toString());
        jdbc.sql("UPDATE imports SET status = 'RUNNING', rows_total = NULL, heartbeat_at = 1 WHERE workspace_id = :w AND id = :id")
                .param("w", acme.id()).param("id", Long.parseLong(id)).update();
        jobs.resumeUnfinished();
        JsonNode resumed = waitFor(rep, id);
        assertThat(resumed.get("status").asString()).isEqualTo("DONE");
        assertThat(resumed.get("rowsDone").asLong()).isEqualTo(lines);
        assertThat(resumed.get("created").asLong()).isEqualTo(lines);
        long people = jdbc.sql("SELECT COUNT(*) FROM contacts WHERE workspace_id = :w").param("w", acme.id())
                .query(Long.class).single();
        assertThat(people).as("no line imported twice").isEqualTo(lines);
    }

    @Test
    void importsAreCancelledAndSavedMappingsReused() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep, "CONTACT", "E-mail address,Vorname\nx@y.example,X\n").get("id").asString();
        settings(rep, id, """
                {"mapping":{"0":"email","1":"firstName"},"duplicates":"SKIP","matchOn":"EMAIL"}""", 200);
        call(post("/api/v1/imports/" + id + "/mapping").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"German CRM\"}"), rep, 204);
        JsonNode saved = call(get("/api/v1/import-mappings?entity=CONTACT"), rep, 200);
        assertThat(saved.get(0).get("name").asString()).isEqualTo("German CRM");
        call(post("/api/v1/imports/" + id + "/cancel"), rep, 200);
        assertThat(call(get("/api/v1/imports/" + id), rep, 200).get("status").asString()).isEqualTo("CANCELLED");

        String next = upload(rep, "CONTACT", "Vorname,E-mail address\nZ,z@y.example\n").get("id").asString();
        JsonNode applied = call(post("/api/v1/imports/" + next + "/mapping/apply").contentType(MediaType.APPLICATION_JSON)
                .content("{\"mappingId\":\"" + saved.get(0).get("id").asString() + "\"}"), rep, 200);
        assertThat(applied.get("mapping").get("0").asString()).isEqualTo("firstName");
        assertThat(applied.get("mapping").get("1").asString()).isEqualTo("email");
    }

    @Test
    void salesforceAccountsWithCustomFieldsAreRecognisedAndImported() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        admin.run(() -> customFields.define(new CustomFields.Definition("account", "vat_id", "VAT number",
                CustomFieldType.TEXT, null, false, null)));
        JsonNode job = upload(admin, "ACCOUNT", """
                Id,Name,Website,Industry,NumberOfEmployees,BillingCity,BillingCountry,VAT Number,Owner.Email
                001A,Roofs Ltd,https://roofs.example,Construction,50,Berlin,Germany,DE123,%s
                001B,Tiles GmbH,tiles.example,Construction,5,Munich,Germany,,
                """.formatted(admin.email()));
        assertThat(job.get("mapping").toString()).isEqualTo(
                "{\"0\":\"externalId\",\"1\":\"name\",\"2\":\"website\",\"3\":\"industry\",\"4\":\"size\","
                        + "\"5\":\"city\",\"6\":\"country\",\"7\":\"custom.vat_id\",\"8\":\"owner\"}");
        JsonNode done = run(admin, job.get("id").asString());
        assertThat(done.get("created").asLong()).isEqualTo(2);
        var roofs = admin.call(() -> parties.account(parties.accountsNamed("Roofs Ltd").get(0)).orElseThrow());
        assertThat(roofs.custom()).containsEntry("vat_id", "DE123");
        assertThat(roofs.ownerId().value()).isEqualTo(admin.id());
        assertThat(roofs.domain()).isEqualTo("roofs.example");

        JsonNode again = upload(admin, "ACCOUNT", "Id,Name\n001A,Roofs Renamed\n");
        settings(admin, again.get("id").asString(), """
                {"mapping":{"0":"externalId","1":"name"},"duplicates":"UPDATE","matchOn":"EXTERNAL_ID"}""", 200);
        assertThat(run(admin, again.get("id").asString()).get("updated").asLong()).isEqualTo(1);
        assertThat(admin.call(() -> parties.account(roofs.id()).orElseThrow().name())).isEqualTo("Roofs Renamed");
    }

    @Test
    void doNotContactInTheFileIsKeptAndNeverLiftedByAnImport() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep, "CONTACT", "Email,FirstName,LastName,HasOptedOutOfEmail\nno@x.example,No,Thanks,true\n")
                .get("id").asString();
        run(rep, id);
        Contact no = contacts(rep).get(0);
        assertThat(no.doNotContact()).isTrue();
        String again = upload(rep, "CONTACT", "Email,Title,HasOptedOutOfEmail\nno@x.example,Boss,false\n").get("id").asString();
        settings(rep, again, """
                {"mapping":{"0":"email","1":"title","2":"doNotContact"},"duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        run(rep, again);
        Contact after = rep.call(() -> parties.contact(no.id()).orElseThrow());
        assertThat(after.title()).isEqualTo("Boss");
        assertThat(after.doNotContact()).isTrue();
    }

    @Test
    void aRepCannotUpdateAColleaguesContactThroughAnImport() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser owner = acme.user(Role.REP, acme.team("North"));
        TestUser stranger = acme.user(Role.REP, acme.team("South"));
        // with open visibility the stranger sees the contact but may not change it
        call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/workspace")
                .contentType(MediaType.APPLICATION_JSON).content("{\"openVisibility\":true,\"version\":0}"), acme.admin(),
                200);
        owner.call(() -> parties.createContact(new ContactInput("Own", "Er", "Original", List.of(new Contact.Email(
                "own@x.example", null, true)), null, null, null, null, null, null, null, null, null, null, null, null, null,
                null)));
        String id = upload(stranger, "CONTACT", "Email,Title\nown@x.example,Changed\n").get("id").asString();
        settings(stranger, id, """
                {"mapping":{"0":"email","1":"title"},"duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), stranger, 200);
        assertThat(preview.at("/lines/0/action").asString()).as("the preview says what the run will do").isEqualTo("error");
        assertThat(preview.at("/lines/0/cells/0/problem").asString()).isEqualTo("matches a contact you may not change");
        JsonNode done = run(stranger, id);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", stranger)).contains("matches a contact you may not change");
        assertThat(owner.call(() -> contacts(owner).get(0).title())).isEqualTo("Original");
    }

    @Test
    void thePreviewNamesAContactOrAccountLineWhoseTicklerIdIsNotOneAsTheRunDoes() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Contact known = rep.call(() -> parties.createContact(ContactInput.named("Ann", "Known")));
        var account = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Roofs Ltd")));
        for (String entity : List.of("CONTACT", "ACCOUNT")) {
            String first = entity.equals("CONTACT") ? Long.toString(known.id().value()) : Long.toString(account.id().value());
            String id = upload(rep, entity, "Id,Title\n" + first + ",Buyer\nnot-a-number,Boss\n").get("id").asString();
            settings(rep, id, """
                    {"mapping":{"0":"id","1":"%s"},"duplicates":"UPDATE","matchOn":"ID"}""".formatted(
                    entity.equals("CONTACT") ? "title" : "industry"), 200);
            JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
            assertThat(preview.at("/lines/0/action").asString()).as(entity).isEqualTo("update");
            assertThat(preview.at("/lines/1/action").asString()).as(entity).isEqualTo("error");
            assertThat(preview.at("/lines/1/cells/0/problem").asString()).as(entity).contains("is not a Tickler id");
            JsonNode ran = run(rep, id);
            assertThat(ran.get("updated").asLong()).as(entity).isEqualTo(1);
            assertThat(download("/api/v1/imports/" + id + "/errors.csv", rep)).as(entity).contains("3,id,")
                    .contains("is not a Tickler id");
        }
    }

    @Test
    void matchingNeverRevealsAContactOrAccountTheImporterMayNotSee() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser owner = acme.user(Role.REP, acme.team("North"));
        TestUser stranger = acme.user(Role.REP, acme.team("South"));
        Contact hidden = owner.call(() -> parties.createContact(new ContactInput("Hid", "Den", "Original", List.of(
                new Contact.Email("hidden@x.example", null, true)), null, null, null, null, null, null, null, null, null,
                null, null, null, null, null)));
        var secret = owner.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Secret Ltd")));

        String id = upload(stranger, "CONTACT", "Email,First name,Last name,Title,Company\n"
                + "hidden@x.example,Hid,Den,Changed,Secret Ltd\n").get("id").asString();
        settings(stranger, id, """
                {"mapping":{"0":"email","1":"firstName","2":"lastName","3":"title","4":"account"},
                 "duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), stranger, 200);
        assertThat(preview.at("/lines/0/action").asString()).as("as if there were no such contact").isEqualTo("create");
        JsonNode done = run(stranger, id);
        assertThat(done.get("errors").asLong()).as("no error tells that the email is taken").isZero();
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(owner.call(() -> parties.contact(hidden.id()).orElseThrow().title())).isEqualTo("Original");
        Contact own = contacts(stranger).get(0);
        assertThat(own.ownerId().value()).isEqualTo(stranger.id());
        assertThat(own.accounts()).singleElement().satisfies(m -> assertThat(m.accountId())
                .as("linked to an account of their own, not to the one they may not see").isNotEqualTo(secret.id()));

        String accounts = upload(stranger, "ACCOUNT", "Name,Industry\nSecret Ltd,Spying\n").get("id").asString();
        settings(stranger, accounts, """
                {"mapping":{"0":"name","1":"industry"},"duplicates":"UPDATE","matchOn":"NAME"}""", 200);
        JsonNode byName = run(stranger, accounts);
        assertThat(byName.get("errors").asLong()).isZero();
        assertThat(byName.get("updated").asLong()).as("their own Secret Ltd, created by the contact import").isEqualTo(1);
        assertThat(owner.call(() -> parties.account(secret.id()).orElseThrow().industry())).isNull();
    }

    @Test
    void anotherUsersImportIsNotFoundAndStaffCannotImport() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser other = acme.user(Role.REP);
        String id = upload(rep, "CONTACT", HUBSPOT).get("id").asString();
        call(get("/api/v1/imports/" + id), other, 404);
        call(get("/api/v1/imports/" + id), acme.admin(), 200);
        TestWorkspace elsewhere = fixtures.workspace();
        call(get("/api/v1/imports/" + id), elsewhere.admin(), 404);
        upload(acme.user(Role.STAFF), "CONTACT", "x.csv", HUBSPOT.getBytes(StandardCharsets.UTF_8), 403);
    }

    /** The leads with these emails as the user sees them, by email. */
    Map<String, EditableLead> leads(TestUser user, String... emails) {
        return user.call(() -> {
            Map<String, List<LeadId>> found = sales.leadsWithEmails(List.of(emails));
            Map<LeadId, EditableLead> read = sales.editableLeads(found.values().stream().flatMap(List::stream).toList());
            Map<String, EditableLead> byEmail = new java.util.HashMap<>();
            found.forEach((email, ids) -> ids.stream().map(read::get)
                    .filter(l -> app.tickler.platform.security.Actors.current().canRead(l.owner())).findFirst()
                    .ifPresent(l -> byEmail.put(email, l)));
            return byEmail;
        });
    }

    @Test
    void aSalesforceLeadExportIsMappedPreviewedImportedUpdatedAndUndone() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode job = upload(rep, "LEAD", """
                Id,FirstName,LastName,Company,Email,Phone,LeadSource,Status,Owner.Email
                00Q1,Lea,Lead,Leads Ltd,lea@leads.example,+49 30 1234567,Web,Open - Not Contacted,%s
                00Q2,Max,Muster,Muster AG,max@muster.example,,Purchased List,Closed - Not Converted,
                00Q3,Olga,Owner,Owners Inc,olga@owners.example,,,,nobody@nowhere.example
                00Q4,Una,Known,Unknown Co,una@x.example,,,Maybe,
                00Q5,Bad,Email,Bad Co,not-an-email,,,,
                """.formatted(rep.email()));
        String id = job.get("id").asString();
        assertThat(job.get("mapping").toString()).isEqualTo("{\"0\":\"externalId\",\"1\":\"firstName\","
                + "\"2\":\"lastName\",\"3\":\"company\",\"4\":\"email\",\"5\":\"phone\",\"6\":\"source\","
                + "\"7\":\"status\",\"8\":\"owner\"}");
        assertThat(job.get("matchOn").asString()).isEqualTo("EMAIL");
        assertThat(call(get("/api/v1/imports/fields?entity=LEAD"), rep, 200).toString()).contains("\"company\"")
                .contains("\"source\"").doesNotContain("\"birthday\"");

        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("create");
        assertThat(preview.at("/lines/2/action").asString()).isEqualTo("error");
        assertThat(preview.at("/lines/2/cells/8/problem").asString()).contains("is not an active user");
        assertThat(preview.at("/lines/3/cells/7/problem").asString()).contains("is not a lead status");
        assertThat(preview.at("/lines/4/cells/4/problem").asString()).contains("is not a valid email");
        assertThat(leads(rep, "lea@leads.example")).as("a preview writes nothing").isEmpty();

        JsonNode done = run(rep, id);
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("created").asLong()).isEqualTo(2);
        assertThat(done.get("errors").asLong()).isEqualTo(3);
        Map<String, EditableLead> imported = leads(rep, "lea@leads.example", "max@muster.example", "olga@owners.example");
        assertThat(imported).containsOnlyKeys("lea@leads.example", "max@muster.example");
        EditableLead lea = imported.get("lea@leads.example");
        assertThat(lea.ownerId().value()).isEqualTo(rep.id());
        assertThat(lea.input().source()).isEqualTo(LeadSource.WEB_FORM);
        assertThat(lea.input().phone()).isEqualTo("+49 30 1234567");
        assertThat(lea.status()).as("a lead with an owner is being worked").isEqualTo(LeadStatus.WORKING);
        EditableLead max = imported.get("max@muster.example");
        assertThat(max.ownerId().value()).as("a rep owns the leads they import").isEqualTo(rep.id());
        assertThat(max.status()).isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(max.input().source()).isEqualTo(LeadSource.IMPORT);
        assertThat(max.input().sourceDetail()).isEqualTo("Purchased List");
        String errors = download("/api/v1/imports/" + id + "/errors.csv", rep);
        assertThat(errors).contains("4,owner,").contains("nobody@nowhere.example' is not an active user")
                .contains("column 'Owner.Email'").contains("5,status,").contains("6,email,is not a valid email");

        JsonNode again = run(rep, upload(rep, "LEAD", """
                Id,FirstName,LastName,Company,Email
                00Q1,Lea,Lead,Leads Ltd,LEA@leads.example
                """).get("id").asString());
        assertThat(again.get("skipped").asLong()).as("matched on the email, in any case").isEqualTo(1);

        String update = upload(rep, "LEAD", "Id,Title,Status\n00Q1,Buyer,Qualified\n00Q2,Boss,Unqualified\n")
                .get("id").asString();
        settings(rep, update, """
                {"mapping":{"0":"externalId","1":"title","2":"status"},"duplicates":"UPDATE","matchOn":"EXTERNAL_ID"}""",
                200);
        JsonNode updated = run(rep, update);
        assertThat(updated.get("updated").asLong()).isEqualTo(1);
        assertThat(updated.get("errors").asLong()).as("an existing lead is not qualified by a file").isEqualTo(1);
        assertThat(leads(rep, "max@muster.example").get("max@muster.example").input().title()).isEqualTo("Boss");

        call(post("/api/v1/imports/" + update + "/undo"), rep, 200);
        assertThat(waitFor(rep, update).get("status").asString()).isEqualTo("UNDONE");
        assertThat(leads(rep, "max@muster.example").get("max@muster.example").input().title())
                .as("undo restores what was updated").isNull();

        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(leads(rep, "lea@leads.example", "max@muster.example")).as("undo removes the leads it created")
                .isEmpty();
    }

    @Test
    void aWorkingStatusInTheFileIsTheImportedLeadsStatusAndAnUndoSetsItBack() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        String id = upload(manager, "LEAD", """
                FirstName,LastName,Email,Status
                Wes,Working,wes@x.example,Working - Contacted
                Pia,Plain,pia@x.example,Working
                Nell,New,nell@x.example,Open - Not Contacted
                Wanda,Waiting,wanda@x.example,
                """).get("id").asString();
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), manager, 200);
        for (int line = 0; line < 4; line++) {
            assertThat(preview.at("/lines/" + line + "/action").asString()).as(preview.toString()).isEqualTo("create");
        }
        assertThat(run(manager, id).get("created").asLong()).isEqualTo(4);
        Map<String, EditableLead> pool = leads(manager, "wes@x.example", "pia@x.example", "nell@x.example",
                "wanda@x.example");
        assertThat(pool.values()).as("a manager's leads without an owner go to the pool")
                .allSatisfy(lead -> assertThat(lead.ownerId()).isNull());
        assertThat(pool.get("wes@x.example").status()).as("Salesforce's working status").isEqualTo(LeadStatus.WORKING);
        assertThat(pool.get("pia@x.example").status()).isEqualTo(LeadStatus.WORKING);
        assertThat(pool.get("nell@x.example").status()).isEqualTo(LeadStatus.NEW);
        assertThat(pool.get("wanda@x.example").status()).isEqualTo(LeadStatus.NEW);

        TestUser rep = acme.user(Role.REP);
        run(rep, upload(rep, "LEAD", "FirstName,LastName,Email,Status\nNora,Owned,nora@x.example,New\n").get("id")
                .asString());
        assertThat(leads(rep, "nora@x.example").get("nora@x.example").status())
                .as("a lead with an owner is being worked, as one typed in").isEqualTo(LeadStatus.WORKING);

        String update = upload(manager, "LEAD", "Email,Status\nwanda@x.example,Working - Contacted\nwes@x.example,New\n")
                .get("id").asString();
        settings(manager, update, """
                {"mapping":{"0":"email","1":"status"},"duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        JsonNode updating = call(get("/api/v1/imports/" + update + "/preview"), manager, 200);
        assertThat(updating.at("/lines/0/action").asString()).as(updating.toString()).isEqualTo("update");
        assertThat(updating.at("/lines/1/action").asString()).as(updating.toString()).isEqualTo("update");
        assertThat(run(manager, update).get("updated").asLong()).isEqualTo(2);
        Map<String, EditableLead> updated = leads(manager, "wanda@x.example", "wes@x.example");
        assertThat(updated.get("wanda@x.example").status()).as("an existing new lead is being worked")
                .isEqualTo(LeadStatus.WORKING);
        assertThat(updated.get("wes@x.example").status()).as("a file does not set a worked lead back to new")
                .isEqualTo(LeadStatus.WORKING);

        call(post("/api/v1/imports/" + update + "/undo"), manager, 200);
        assertThat(waitFor(manager, update).get("status").asString()).isEqualTo("UNDONE");
        assertThat(leads(manager, "wanda@x.example").get("wanda@x.example").status()).as("undo restores the status")
                .isEqualTo(LeadStatus.NEW);
    }

    @Test
    void givingAClosedLeadAnotherOwnerIsAnErrorOfItsLineNamedInThePreviewAndTheRun() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String north = acme.team("North");
        TestUser rep = acme.user(Role.REP, north);
        TestUser colleague = acme.user(Role.REP, north);
        run(rep, upload(rep, "LEAD", """
                FirstName,LastName,Email,Status
                Dora,Done,dora@x.example,Disqualified
                Olly,Open,olly@x.example,
                """).get("id").asString());
        String id = upload(rep, "LEAD", """
                Email,Title,Owner.Email
                dora@x.example,Buyer,%s
                olly@x.example,Buyer,%s
                """.formatted(colleague.email(), colleague.email())).get("id").asString();
        settings(rep, id, """
                {"mapping":{"0":"email","1":"title","2":"owner"},"duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.at("/lines/0/action").asString()).as(preview.toString()).isEqualTo("error");
        assertThat(preview.at("/lines/0/cells/2/problem").asString()).contains("the lead is disqualified");
        assertThat(preview.at("/lines/1/action").asString()).isEqualTo("update");

        JsonNode done = run(rep, id);
        assertThat(done.get("updated").asLong()).isEqualTo(1);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", rep)).as("checked before the batch is written")
                .contains("2,owner,cannot change: the lead is disqualified and stays with its owner (column 'Owner.Email')");
        Map<String, EditableLead> after = leads(rep, "dora@x.example", "olly@x.example");
        assertThat(after.get("dora@x.example").ownerId().value()).isEqualTo(rep.id());
        assertThat(after.get("dora@x.example").input().title()).as("nothing of the line is written").isNull();
        assertThat(after.get("olly@x.example").ownerId().value()).isEqualTo(colleague.id());
    }

    @Test
    void thePreviewMatchesLeadsAsTheRunDoes() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        run(rep, upload(rep, "LEAD", "LastName,Email\nKnown,known@x.example\n").get("id").asString());
        long known = leads(rep, "known@x.example").get("known@x.example").id().value();

        String byEmail = upload(rep, "LEAD", "LastName,Email\nKnown,KNOWN@x.example\nOther,other@x.example\n")
                .get("id").asString();
        JsonNode preview = call(get("/api/v1/imports/" + byEmail + "/preview"), rep, 200);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("skip");
        assertThat(preview.at("/lines/1/action").asString()).isEqualTo("create");
        JsonNode ran = run(rep, byEmail);
        assertThat(ran.get("skipped").asLong()).isEqualTo(1);
        assertThat(ran.get("created").asLong()).isEqualTo(1);

        String byId = upload(rep, "LEAD", "Id,Title\n" + known + ",Buyer\nnot-a-number,Boss\n").get("id").asString();
        settings(rep, byId, """
                {"mapping":{"0":"id","1":"title"},"duplicates":"UPDATE","matchOn":"ID"}""", 200);
        JsonNode checked = call(get("/api/v1/imports/" + byId + "/preview"), rep, 200);
        assertThat(checked.at("/lines/0/action").asString()).isEqualTo("update");
        assertThat(checked.at("/lines/1/action").asString()).isEqualTo("error");
        assertThat(checked.at("/lines/1/cells/0/problem").asString()).contains("is not a Tickler id");
        JsonNode updated = run(rep, byId);
        assertThat(updated.get("updated").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + byId + "/errors.csv", rep)).contains("3,id,").contains("is not a Tickler id");
    }

    @Test
    void aTooLongDisqualifiedReasonIsAnErrorOfItsLineNotOfTheBatch() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = upload(rep, "LEAD", """
                FirstName,LastName,Email,Status,Disqualified Reason
                Long,Reason,long@reason.example,Disqualified,%s
                Fine,Lead,fine@lead.example,Disqualified,Bad timing
                """.formatted("x".repeat(600))).get("id").asString();
        assertThat(call(get("/api/v1/imports/" + id + "/preview"), rep, 200).at("/lines/0/action").asString())
                .isEqualTo("error");
        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", rep))
                .contains("2,disqualifiedReason,must have at most 500 characters");
        assertThat(leads(rep, "long@reason.example", "fine@lead.example")).containsOnlyKeys("fine@lead.example");
    }

    JsonNode logTouch(TestUser user, String body) throws Exception {
        return call(post("/api/v1/touches").contentType(MediaType.APPLICATION_JSON).content(body), user, 201).get("touch");
    }

    @Test
    void undoingALeadImportKeepsTheirTouchesWithAPersonOnThePersonAndTakesTheRestWithWhatTheyCounted() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account cleos = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Cleo Ltd")));
        Contact cleo = rep.call(() -> TouchImportTests.person(parties, "Cleo", "cleo@cleo.example", cleos));
        String id = upload(rep, "LEAD", """
                Email,LastName,Status,Company
                ann@leads.example,Ann,New,A Ltd
                bob@leads.example,Bob,New,B Ltd
                """).get("id").asString();
        assertThat(run(rep, id).get("created").asLong()).isEqualTo(2);
        Map<String, EditableLead> leads = leads(rep, "ann@leads.example", "bob@leads.example");
        long ann = leads.get("ann@leads.example").id().value();
        long bob = leads.get("bob@leads.example").id().value();
        String valueAdding = call(get("/api/v1/business-reasons"), rep, 200).findParents("valueAdding").stream()
                .filter(r -> r.get("valueAdding").asBoolean()).findFirst().orElseThrow().get("id").asString();
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // two unanswered calls to Cleo; then an email to her about Ann's lead, a call on Ann's lead and a visit on Bob's
        for (int hours = 5; hours >= 4; hours--) {
            logTouch(rep, """
                    {"channel":"CALL","contactIds":["%s"],"occurredAt":"%s"}""".formatted(cleo.id().value(),
                    now.minusSeconds(hours * 3600L)));
        }
        JsonNode withCleo = logTouch(rep, """
                {"channel":"EMAIL","contactIds":["%s"],"leadId":"%s","occurredAt":"%s"}""".formatted(cleo.id().value(),
                ann, now.minusSeconds(3 * 3600)));
        JsonNode annAlone = logTouch(rep, """
                {"channel":"CALL","leadId":"%s","occurredAt":"%s"}""".formatted(ann, now.minusSeconds(2 * 3600)));
        JsonNode bobAlone = logTouch(rep, """
                {"channel":"VISIT","leadId":"%s","reasonId":"%s","occurredAt":"%s"}""".formatted(bob, valueAdding,
                now.minusSeconds(3600)));
        assertThat(withCleo.get("attempt").asInt()).as("the first attempt on Ann's lead").isEqualTo(1);
        assertThat(annAlone.get("attempt").asInt()).isEqualTo(2);

        undo(rep, id);

        assertThat(leads(rep, "ann@leads.example", "bob@leads.example")).isEmpty();
        call(get("/api/v1/touches/" + annAlone.get("id").asString()), rep, 404);
        call(get("/api/v1/touches/" + bobAlone.get("id").asString()), rep, 404);
        JsonNode kept = call(get("/api/v1/touches/" + withCleo.get("id").asString()), rep, 200);
        assertThat(kept.get("leadId").isNull()).as("the email stays Cleo's, without the removed lead").isTrue();
        assertThat(kept.at("/contacts/0/id").asString()).isEqualTo(Long.toString(cleo.id().value()));
        assertThat(kept.get("attempt").asInt()).as("now the third attempt of Cleo's chase").isEqualTo(3);
        assertThat(call(get("/api/v1/touches?contactId=" + cleo.id().value()), rep, 200).get("items")).hasSize(3);
        assertThat(call(get("/api/v1/touches?accountId=" + cleos.id().value()), rep, 200).get("items")).hasSize(3);
        assertThat(call(get("/api/v1/touches"), rep, 200).get("items").findValues("leadId")).as("no touch names a lead")
                .hasSize(3).allMatch(JsonNode::isNull);
        assertThat(call(get("/api/v1/attempts?contactId=" + cleo.id().value()), rep, 200).get("attempts").asInt())
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM touch_subjects WHERE workspace_id = :workspace AND subject_type = 'lead'",
                acme)).isZero();
        List<String> counted = counters(acme);
        assertThat(counted.stream().filter(c -> c.startsWith("TOUCHES ")).mapToLong(c -> Long.parseLong(c.split(" ")[5]))
                .sum()).as("the three touches left are counted, the leads' own no more").isEqualTo(3);
        assertThat(counted).noneMatch(c -> c.startsWith("VALUE_TOUCHES "));
        assertThat(rebuilt(acme)).as("as the source data says").isEqualTo(counted);
    }

    @Test
    void aLeadImportNeverRevealsALeadTheImporterMayNotSee() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser owner = acme.user(Role.REP, acme.team("North"));
        TestUser stranger = acme.user(Role.REP, acme.team("South"));
        owner.call(() -> sales.createLead(new LeadInput("Hidden", "Lead", "Original", "Hidden Co", "hidden@x.example",
                null, LeadSource.OTHER, null, null, null, null, new UserId(owner.id()), Map.of()), null));
        String id = upload(stranger, "LEAD", "Email,LastName,Title\nhidden@x.example,Lead,Changed\n").get("id").asString();
        settings(stranger, id, """
                {"mapping":{"0":"email","1":"lastName","2":"title"},"duplicates":"UPDATE","matchOn":"EMAIL"}""", 200);
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), stranger, 200);
        assertThat(preview.at("/lines/0/action").asString()).as("as if there were no such lead").isEqualTo("create");
        JsonNode done = run(stranger, id);
        assertThat(done.get("errors").asLong()).isZero();
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(leads(owner, "hidden@x.example").get("hidden@x.example").input().title()).isEqualTo("Original");
        assertThat(leads(stranger, "hidden@x.example").get("hidden@x.example").ownerId().value()).isEqualTo(stranger.id());
    }

    @Test
    void aSalesforceOpportunityExportIsImportedIntoPipelinesAndStagesUpdatedAndUndone() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode job = upload(rep, "DEAL", """
                Id,Name,Account.Name,Pipeline,StageName,Amount,CurrencyIsoCode,CloseDate,Owner.Email
                006A,Roof renewal,Roofs Ltd,,Proposal,"12,500.50",EUR,2026-12-31,%s
                006B,Tiles,Tiles GmbH,,,3000,,,
                006C,Wrong stage,Roofs Ltd,,Key people,100,EUR,,
                006D,Bad money,Roofs Ltd,,,lots,EUR,,
                006E,Won without a day,Roofs Ltd,,Closed Won,100,EUR,,
                006F,Dollars,Roofs Ltd,,,100,USD,,
                """.formatted(rep.email()));
        String id = job.get("id").asString();
        assertThat(job.get("mapping").toString()).isEqualTo("{\"0\":\"externalId\",\"1\":\"name\",\"2\":\"account\","
                + "\"3\":\"pipeline\",\"4\":\"stage\",\"5\":\"amount\",\"6\":\"currency\",\"7\":\"expectedCloseDate\","
                + "\"8\":\"owner\"}");
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("create");
        assertThat(preview.at("/lines/2/cells/4/problem").asString()).contains("is not a stage of the pipeline")
                .contains("Seven elements");
        assertThat(preview.at("/lines/3/cells/5/problem").asString()).contains("is not an amount");

        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(2);
        assertThat(done.get("errors").asLong()).isEqualTo(4);
        String errors = download("/api/v1/imports/" + id + "/errors.csv", rep);
        assertThat(errors).contains("4,stage,").contains("5,amount,").contains("7,currency,")
                .contains("6,closedDate,is required: the day the deal was won");
        var roofs = rep.call(() -> parties.accountsNamed("Roofs Ltd"));
        assertThat(roofs).as("the account is created once, for undo").hasSize(1);
        var roof = rep.call(() -> sales.dealsOf(roofs.get(0))).stream().filter(d -> d.name().equals("Roof renewal"))
                .findFirst().orElseThrow();
        assertThat(roof.amountMinor()).isEqualTo(1_250_050);
        assertThat(roof.currency()).isEqualTo("EUR");
        assertThat(roof.stageName()).isEqualTo("Proposal");
        assertThat(roof.expectedCloseDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 31));
        assertThat(roof.ownerId().value()).isEqualTo(rep.id());
        var tiles = rep.call(() -> sales.dealsOf(parties.accountsNamed("Tiles GmbH").get(0))).get(0);
        assertThat(tiles.stageName()).as("the default pipeline's first stage").isEqualTo("Qualification");
        assertThat(tiles.amountMinor()).isEqualTo(300_000);

        assertThat(run(rep, upload(rep, "DEAL", "Id,Name,Account.Name\n006A,Roof renewal,Roofs Ltd\n").get("id")
                .asString()).get("skipped").asLong()).as("matched on the external id").isEqualTo(1);
        String byName = upload(rep, "DEAL", "Name,Account.Name,Amount\nroof RENEWAL,Roofs Ltd,1\n").get("id").asString();
        settings(rep, byName, """
                {"mapping":{"0":"name","1":"account","2":"amount"},"duplicates":"SKIP","matchOn":"NAME"}""", 200);
        assertThat(run(rep, byName).get("skipped").asLong()).as("matched on the name within the account").isEqualTo(1);

        String update = upload(rep, "DEAL", "Id,Amount,StageName\n006A,13000,Closing\n").get("id").asString();
        settings(rep, update, """
                {"mapping":{"0":"externalId","1":"amount","2":"stage"},"duplicates":"UPDATE","matchOn":"EXTERNAL_ID"}""",
                200);
        assertThat(run(rep, update).get("updated").asLong()).isEqualTo(1);
        var moved = rep.call(() -> sales.deal(roof.id()).orElseThrow());
        assertThat(moved.amountMinor()).isEqualTo(1_300_000);
        assertThat(moved.stageName()).isEqualTo("Closing");
        call(post("/api/v1/imports/" + update + "/undo"), rep, 200);
        assertThat(waitFor(rep, update).get("status").asString()).isEqualTo("UNDONE");
        var back = rep.call(() -> sales.deal(roof.id()).orElseThrow());
        assertThat(back.amountMinor()).isEqualTo(1_250_050);
        assertThat(back.stageName()).isEqualTo("Proposal");

        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(rep.call(() -> sales.deal(roof.id()))).as("undo removes the deals it created").isEmpty();
        assertThat(rep.call(() -> parties.accountsNamed("Roofs Ltd"))).as("and the accounts").isEmpty();
    }

    @Test
    void strictModeImportsNoLeadOrDealWhenAnyLineFails() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String leads = upload(rep, "LEAD", "Email,LastName\ngood@x.example,Good\nnot-an-email,Bad\n").get("id").asString();
        settings(rep, leads, """
                {"mapping":{"0":"email","1":"lastName"},"duplicates":"SKIP","matchOn":"EMAIL","strict":true}""", 200);
        JsonNode failed = run(rep, leads);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("errors").asLong()).isEqualTo(1);
        assertThat(leads(rep, "good@x.example")).isEmpty();

        String deals = upload(rep, "DEAL", "Name,Account,Stage\nGood,Strict Co,\nBad,Strict Co,Nowhere\n").get("id")
                .asString();
        settings(rep, deals, """
                {"mapping":{"0":"name","1":"account","2":"stage"},"duplicates":"SKIP","matchOn":"NAME","strict":true}""",
                200);
        assertThat(run(rep, deals).get("status").asString()).isEqualTo("FAILED");
        assertThat(rep.call(() -> parties.accountsNamed("Strict Co"))).as("nor the account a line would create").isEmpty();
    }

    List<InstalledProduct> installed(TestUser user, String accountName) {
        return user.call(() -> parties.accountsNamed(accountName).stream().flatMap(a -> installedBase
                .installedProducts(a, null, app.tickler.platform.Paging.first(100)).items().stream()).toList());
    }

    @Test
    void aSalesforceAssetExportIsImportedAsInstalledProductsOfTheCatalogueAndUndone() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        acme.admin().call(() -> installedBase.createProduct(new InstalledBase.ProductInput("Boiler X", 120, 24, null,
                true)));
        acme.admin().call(() -> installedBase.createProduct(new InstalledBase.ProductInput("Old pump", null, null, null,
                false)));
        JsonNode job = upload(rep, "INSTALLED_PRODUCT", """
                Id,Account.Name,Product2.Name,Quantity,InstallDate,UsageEndDate,SerialNumber
                02iA,Roofs Ltd,Boiler X,2.00,2026-03-01,,SN-1
                02iB,Roofs Ltd,Gadget,1,2026-03-01,,
                02iC,Tiles GmbH,boiler x,1,2026-03-01,2025-01-01,
                02iD,Tiles GmbH,Boiler X,1.5,someday,,
                02iE,Roofs Ltd,Boiler X,1,2027-01-01,,
                02iF,Roofs Ltd,Old pump,1,2026-03-01,,
                02iG,,Boiler X,1,2026-03-01,,
                """);
        String id = job.get("id").asString();
        assertThat(job.get("mapping").toString()).isEqualTo("{\"0\":\"externalId\",\"1\":\"account\","
                + "\"2\":\"product\",\"3\":\"quantity\",\"4\":\"installDate\",\"5\":\"endOfLife\","
                + "\"6\":\"serialNumber\"}");
        assertThat(job.get("matchOn").asString()).isEqualTo("EXTERNAL_ID");
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("create");
        assertThat(preview.at("/lines/1/cells/2/problem").asString()).contains("'Gadget' is not a product of the catalogue");
        assertThat(preview.at("/lines/2/cells/5/problem").asString()).contains("is before the install date 2026-03-01");
        assertThat(preview.at("/lines/3/cells/3/problem").asString()).contains("is not a whole number");
        assertThat(preview.at("/lines/3/cells/4/problem").asString()).contains("is not a date");
        assertThat(preview.at("/lines/5/cells/2/problem").asString()).contains("no longer sold");
        assertThat(preview.at("/lines/6/cells/1/problem").asString()).contains("is required");
        assertThat(installed(rep, "Roofs Ltd")).as("the preview writes nothing").isEmpty();

        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        String errors = download("/api/v1/imports/" + id + "/errors.csv", rep);
        assertThat(errors).contains("3,product,").contains("(column 'Product2.Name')").contains("4,endOfLife,")
                .contains("5,quantity,").contains("5,installDate,").contains("6,installDate,").contains("overlaps")
                .contains("7,product,").contains("8,account,");
        assertThat(rep.call(() -> parties.accountsNamed("Tiles GmbH"))).as("no account for a line in error").isEmpty();
        assertThat(installed(rep, "Roofs Ltd")).singleElement().satisfies(boiler -> {
            assertThat(boiler.productName()).isEqualTo("Boiler X");
            assertThat(boiler.quantity()).isEqualTo(2);
            assertThat(boiler.installDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 1));
            assertThat(boiler.warrantyEnd()).as("from the product").isEqualTo(java.time.LocalDate.of(2028, 3, 1));
            assertThat(boiler.endOfLife()).isEqualTo(java.time.LocalDate.of(2036, 3, 1));
            assertThat(boiler.notes()).isEqualTo("Serial number: SN-1");
        });

        String again = upload(rep, "INSTALLED_PRODUCT", "Id,Account.Name,Product2.Name,InstallDate\n"
                + "02iA,Roofs Ltd,Boiler X,2040-01-01\n").get("id").asString();
        JsonNode refused = settings(rep, again, """
                {"mapping":{"0":"externalId","1":"account","2":"product","3":"installDate"},"duplicates":"UPDATE",
                 "matchOn":"EXTERNAL_ID"}""", 400);
        assertThat(refused.at("/errors/0/field").asString()).isEqualTo("duplicates");
        assertThat(call(get("/api/v1/imports/" + again + "/preview"), rep, 200).at("/lines/0/action").asString())
                .isEqualTo("skip");
        assertThat(run(rep, again).get("skipped").asLong()).as("matched on the external id").isEqualTo(1);
        String anyway = upload(rep, "INSTALLED_PRODUCT", "Id,Account.Name,Product2.Name,InstallDate\n"
                + "02iA,Roofs Ltd,Boiler X,2040-01-01\n").get("id").asString();
        settings(rep, anyway, """
                {"mapping":{"0":"externalId","1":"account","2":"product","3":"installDate"},"duplicates":"CREATE",
                 "matchOn":"EXTERNAL_ID"}""", 200);
        assertThat(run(rep, anyway).get("created").asLong()).as("created anyway").isEqualTo(1);
        assertThat(installed(rep, "Roofs Ltd")).hasSize(2);

        call(post("/api/v1/imports/" + anyway + "/undo"), rep, 200);
        assertThat(waitFor(rep, anyway).get("status").asString()).isEqualTo("UNDONE");
        assertThat(installed(rep, "Roofs Ltd")).singleElement().satisfies(i -> assertThat(i.installDate())
                .isEqualTo(java.time.LocalDate.of(2026, 3, 1)));
        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(rep.call(() -> parties.accountsNamed("Roofs Ltd"))).as("undo removes the installed products and"
                + " the account the import created").isEmpty();
    }

    @Test
    void installedProductsFindTheAccountOfAnEarlierImportAndStrictModeWritesNone() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        acme.admin().call(() -> installedBase.createProduct(new InstalledBase.ProductInput("Pump", null, null, 12,
                true)));
        run(rep, upload(rep, "ACCOUNT", "Id,Name\n001A,Pumps Ltd\n").get("id").asString());
        String byId = upload(rep, "INSTALLED_PRODUCT", "Id,AccountId,Product,Install Date\n"
                + "02iA,001A,Pump,1.3.2026\n02iB,001Z,Pump,2026-03-01\n").get("id").asString();
        JsonNode done = run(rep, byId);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + byId + "/errors.csv", rep)).contains("3,accountExternalId,")
                .contains("import the accounts first");
        assertThat(installed(rep, "Pumps Ltd")).singleElement().satisfies(i -> {
            assertThat(i.installDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 1));
            assertThat(i.serviceEnd()).isEqualTo(java.time.LocalDate.of(2027, 3, 1));
        });

        String strict = upload(rep, "INSTALLED_PRODUCT", "Id,Account,Product,Install Date\n"
                + "02iC,Strict Co,Pump,2026-03-01\n02iD,Strict Co,Nothing,2026-03-01\n").get("id").asString();
        settings(rep, strict, """
                {"mapping":{"0":"externalId","1":"account","2":"product","3":"installDate"},"duplicates":"SKIP",
                 "matchOn":"EXTERNAL_ID","strict":true}""", 200);
        assertThat(run(rep, strict).get("status").asString()).isEqualTo("FAILED");
        assertThat(rep.call(() -> parties.accountsNamed("Strict Co"))).as("nor the account a line would create").isEmpty();
    }

    /** The workspace's insight counters that are not zero, one line each, in key order. */
    List<String> counters(TestWorkspace workspace) {
        return jdbc.sql("""
                SELECT metric, day, user_id, dim, currency, count, amount_minor FROM insight_daily_counters
                WHERE workspace_id = :workspace AND (count <> 0 OR amount_minor <> 0)
                ORDER BY metric, day, user_id, dim, currency
                """).param("workspace", workspace.id()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                + rs.getLong(3) + " " + rs.getLong(4) + " " + rs.getString(5) + " " + rs.getLong(6) + " " + rs.getLong(7))
                .list();
    }

    /** The counters as a rebuild from the source data makes them (it replaces them: they must not change). */
    List<String> rebuilt(TestWorkspace workspace) throws Exception {
        call(post("/api/v1/insights/counters/rebuild"), workspace.admin(), 200);
        return counters(workspace);
    }

    long count(String sql, TestWorkspace workspace) {
        return jdbc.sql(sql).param("workspace", workspace.id()).query(Long.class).single();
    }

    @Test
    void wonAndLostDealsOfSalesforceHubSpotAndPipedriveAreRecordedAsHistoryAndUndoneWithWhatTheyBrought()
            throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        var roofs = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Roofs Ltd")));
        JsonNode salesforce = upload(rep, "DEAL", """
                Id,Name,Account.Name,StageName,Amount,CloseDate,CreatedDate,Loss_Reason__c,Paid,Paid on
                006W,Won roof,Roofs Ltd,Closed Won,5000,2024-03-05,2024-01-10T09:00:00.000Z,,yes,2024-04-01
                006L,Lost roof,Roofs Ltd,Closed Lost,100,2024-02-02,,No budget,,
                006X,Odd reason,Roofs Ltd,Closed Lost,100,2024-02-02,,Budget cuts,,
                006F,Won tomorrow,Roofs Ltd,Closed Won,100,2099-01-01,,,,
                006O,Still open,Roofs Ltd,Proposal,100,2099-01-01,,,,
                """);
        String id = salesforce.get("id").asString();
        assertThat(salesforce.get("mapping").toString()).isEqualTo("{\"0\":\"externalId\",\"1\":\"name\","
                + "\"2\":\"account\",\"3\":\"stage\",\"4\":\"amount\",\"5\":\"expectedCloseDate\","
                + "\"6\":\"createdDate\",\"7\":\"lostReason\",\"8\":\"paid\",\"9\":\"paidOn\"}");
        JsonNode preview = call(get("/api/v1/imports/" + id + "/preview"), rep, 200);
        assertThat(preview.findValuesAsString("action")).containsExactly("create", "create", "create", "error", "create");
        assertThat(preview.at("/lines/3/cells/5/problem").asString()).contains("cannot be in the future");

        JsonNode done = run(rep, id);
        assertThat(done.get("created").asLong()).isEqualTo(4);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", rep)).contains("5,expectedCloseDate,")
                .doesNotContain("lostReason");
        List<app.tickler.sales.DealSummary> deals = rep.call(() -> sales.dealsOf(roofs.id()));
        var won = deals.stream().filter(d -> d.name().equals("Won roof")).findFirst().orElseThrow();
        var lost = deals.stream().filter(d -> d.name().equals("Lost roof")).findFirst().orElseThrow();
        assertThat(won.status()).isEqualTo(app.tickler.sales.DealStatus.WON);
        assertThat(won.amountMinor()).isEqualTo(500_000);
        assertThat(rep.call(() -> sales.editableDeal(won.id()).orElseThrow().closedOn()))
                .isEqualTo(java.time.LocalDate.of(2024, 3, 5));
        assertThat(lost.status()).isEqualTo(app.tickler.sales.DealStatus.LOST);
        var odd = deals.stream().filter(d -> d.name().equals("Odd reason")).findFirst().orElseThrow();
        JsonNode oddDeal = call(get("/api/v1/deals/" + odd.id().value()), rep, 200);
        assertThat(oddDeal.get("lostReason").asString()).as("a reason the workspace does not have").isEqualTo("Other");
        assertThat(oddDeal.get("lostNote").asString()).isEqualTo("Budget cuts");
        assertThat(deals.stream().filter(d -> d.name().equals("Still open")).findFirst().orElseThrow().status())
                .isEqualTo(app.tickler.sales.DealStatus.OPEN);
        assertThat(jdbc.sql("SELECT paid_on FROM payments WHERE workspace_id = :w AND deal_id = :d")
                .param("w", acme.id()).param("d", won.id().value()).query(String.class).list())
                .containsExactly("2024-04-01");
        // a win or loss of years ago starts nothing today
        assertThat(count("SELECT COUNT(*) FROM customer_wins WHERE workspace_id = :workspace", acme))
                .as("no onboarding watch").isZero();
        assertThat(count("SELECT COUNT(*) FROM deal_closings WHERE workspace_id = :workspace", acme))
                .as("no closing attempt").isZero();
        assertThat(count("SELECT COUNT(*) FROM journal_items WHERE workspace_id = :workspace AND kind IN"
                + " ('DEAL_WON', 'DEAL_LOST')", acme)).as("no journal line").isZero();
        assertThat(count("SELECT COUNT(*) FROM follow_ups WHERE workspace_id = :workspace", acme))
                .as("no follow-up").isZero();

        JsonNode hubspot = upload(rep, "DEAL", """
                Record ID,Deal Name,Associated Company,Deal Stage,Amount,Close Date,Create Date,Closed Lost Reason
                9001,Hub win,Roofs Ltd,closedwon,700,2023-11-30,2023-10-01,
                9002,Hub loss,Roofs Ltd,Closed Lost,700,2023-12-01,,price too high
                """);
        assertThat(hubspot.get("mapping").toString()).contains("\"3\":\"stage\"").contains("\"6\":\"createdDate\"")
                .contains("\"7\":\"lostReason\"");
        assertThat(run(rep, hubspot.get("id").asString()).get("created").asLong()).isEqualTo(2);
        JsonNode pipedrive = upload(rep, "DEAL", """
                Deal - Title,Deal - Organization,Deal - Stage,Deal - Status,Deal - Value,Deal - Deal closed on,Deal - Lost reason
                Pipe win,Roofs Ltd,Proposal,Won,300,2024-05-06 10:22:11,
                Pipe clash,Roofs Ltd,Closed Lost,Won,300,2024-05-06,
                """);
        assertThat(pipedrive.get("mapping").toString()).contains("\"3\":\"status\"").contains("\"5\":\"closedDate\"")
                .contains("\"6\":\"lostReason\"");
        String pipedriveId = pipedrive.get("id").asString();
        JsonNode piped = run(rep, pipedriveId);
        assertThat(piped.get("created").asLong()).isEqualTo(1);
        assertThat(download("/api/v1/imports/" + pipedriveId + "/errors.csv", rep)).contains("3,status,");
        var pipeWin = rep.call(() -> sales.dealsOf(roofs.id())).stream().filter(d -> d.name().equals("Pipe win"))
                .findFirst().orElseThrow();
        assertThat(pipeWin.stageName()).as("won in the stage the file names").isEqualTo("Proposal");
        assertThat(pipeWin.status()).isEqualTo(app.tickler.sales.DealStatus.WON);

        String update = upload(rep, "DEAL", "Id,StageName,CloseDate\n006O,Closed Won,2024-01-01\n").get("id").asString();
        settings(rep, update, """
                {"mapping":{"0":"externalId","1":"stage","2":"expectedCloseDate"},"duplicates":"UPDATE","matchOn":"EXTERNAL_ID"}""",
                200);
        assertThat(download("/api/v1/imports/" + update + "/errors.csv", rep)).isEqualTo("line,field,reason\r\n");
        JsonNode refused = run(rep, update);
        assertThat(refused.get("errors").asLong()).as("an import never wins a deal of Tickler's").isEqualTo(1);
        assertThat(download("/api/v1/imports/" + update + "/errors.csv", rep))
                .contains("2,stage,\"says won, which is set only on deals the import creates");

        for (String undone : List.of(pipedriveId, hubspot.get("id").asString(), id)) {
            undo(rep, undone);
        }
        assertThat(rep.call(() -> sales.dealsOf(roofs.id()))).as("every deal they recorded is gone").isEmpty();
        assertThat(rep.call(() -> parties.account(roofs.id()))).as("the account was there before").isPresent();
        assertThat(count("SELECT COUNT(*) FROM payments WHERE workspace_id = :workspace", acme)).isZero();
        assertThat(count("SELECT COUNT(*) FROM deal_stage_changes WHERE workspace_id = :workspace", acme)).isZero();
        assertThat(rep.call(() -> timeline.of(new TimelineEntry.Subject("account", roofs.id().value()),
                app.tickler.platform.Paging.first(100)).items()))
                .as("the account's timeline keeps nothing of the deals removed")
                .noneMatch(e -> e.source() != null && e.source().type().equals("deal")
                        || e.link() != null && e.link().startsWith("/deals/"));
    }

    @Test
    void aLostDealsReasonTheWorkspaceHasNotTakesOtherAndWithoutOtherIsAnErrorOfItsLine() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        var roofs = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Roofs Ltd")));
        String file = """
                Name,Account.Name,StageName,CloseDate,Loss_Reason__c
                Cut %1$s,Roofs Ltd,Closed Lost,2024-02-02,Budget cuts
                Blank %1$s,Roofs Ltd,Closed Lost,2024-02-03,
                Known %1$s,Roofs Ltd,Closed Lost,2024-02-04,went SILENT
                """;
        String first = upload(rep, "DEAL", file.formatted(1)).get("id").asString();
        assertThat(preview(rep, first).findValuesAsString("action")).as("a new workspace has the reason Other")
                .containsExactly("create", "create", "create");
        assertThat(run(rep, first).get("created").asLong()).isEqualTo(3);
        java.util.Map<String, JsonNode> recorded = new java.util.HashMap<>();
        for (var deal : rep.call(() -> sales.dealsOf(roofs.id()))) {
            recorded.put(deal.name(), call(get("/api/v1/deals/" + deal.id().value()), rep, 200));
        }
        assertThat(recorded.get("Cut 1").get("lostReason").asString()).isEqualTo("Other");
        assertThat(recorded.get("Cut 1").get("lostNote").asString()).as("the file's text is kept").isEqualTo("Budget cuts");
        assertThat(recorded.get("Blank 1").get("lostReason").asString()).isEqualTo("Other");
        assertThat(recorded.get("Blank 1").get("lostNote").isNull()).isTrue();
        assertThat(recorded.get("Known 1").get("lostReason").asString()).isEqualTo("Went silent");

        // retired by a manager: a lost deal needs a reason, as when a deal is lost in Tickler
        JsonNode other = null;
        for (JsonNode reason : call(get("/api/v1/lost-reasons"), rep, 200).get("items")) {
            other = reason.get("label").asString().equals("Other") ? reason : other;
        }
        call(patch("/api/v1/lost-reasons/" + other.get("id").asString()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"retired\":true,\"version\":" + other.get("version").asLong() + "}"), acme.admin(), 200);
        String second = upload(rep, "DEAL", file.formatted(2)).get("id").asString();
        JsonNode preview = preview(rep, second);
        assertThat(preview.findValuesAsString("action")).containsExactly("error", "error", "create");
        assertThat(preview.at("/lines/0/cells/4/problem").asString())
                .contains("'Budget cuts' is not one of the workspace's lost reasons: one of Price too high")
                .contains("The reason \"Other\"").contains("Settings → Lost reasons");
        assertThat(preview.at("/lines/1/cells/4/problem").asString()).startsWith("is required for a lost deal");
        JsonNode done = run(rep, second);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("errors").asLong()).isEqualTo(2);
        // the error file doubles an apostrophe that begins a cell, as every export does
        assertThat(download("/api/v1/imports/" + second + "/errors.csv", rep))
                .contains("2,lostReason,\"''Budget cuts' is not one of the workspace's lost reasons")
                .contains("3,lostReason,\"is required for a lost deal").contains("(column 'Loss_Reason__c')");
    }

    @Test
    void anImportAndItsUndoLeaveTheInsightCountersAsTheyWere() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        var before = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Before Ltd")));
        JsonNode earlier = call(post("/api/v1/deals").contentType(MediaType.APPLICATION_JSON).content("""
                {"name":"Earlier","accountId":"%s","amountMinor":100}""".formatted(before.id().value())), rep, 201);
        List<String> untouched = counters(acme);
        assertThat(untouched).as("the deal typed in is counted").isNotEmpty();

        String leads = upload(rep, "LEAD", """
                Email,LastName,Status,Company
                a@leads.example,Ann,New,A Ltd
                b@leads.example,Bob,Closed - Converted,B Ltd
                c@leads.example,Cid,Unqualified,C Ltd
                """).get("id").asString();
        assertThat(run(rep, leads).get("created").asLong()).isEqualTo(3);
        String deals = upload(rep, "DEAL", """
                Id,Name,Account.Name,StageName,Amount,CloseDate,CreatedDate,Loss_Reason__c,Paid
                1,Open,New Ltd,Proposal,100,2099-01-01,,,
                2,Won,New Ltd,Closed Won,900,2024-03-05,2024-01-10,,yes
                3,Lost,Before Ltd,Closed Lost,100,2024-02-02,,No budget,
                """).get("id").asString();
        assertThat(run(rep, deals).get("created").asLong()).isEqualTo(3);
        List<String> imported = counters(acme);
        assertThat(imported).as("the import counted leads, stage entries and a payment").isNotEqualTo(untouched)
                .anyMatch(c -> c.startsWith("NEW_LEADS ")).anyMatch(c -> c.startsWith("PAYMENTS_RECEIVED 2024-03-05"))
                .anyMatch(c -> c.startsWith("STAGE_ENTERED 2024-01-10"));
        assertThat(rebuilt(acme)).as("as the source data says").isEqualTo(imported);

        undo(rep, deals);
        undo(rep, leads);

        assertThat(counters(acme)).as("as if the import had not happened").isEqualTo(untouched);
        assertThat(rebuilt(acme)).isEqualTo(untouched);

        // a change undone is itself a change: the deal's history keeps the move and the move back, and so do the counters
        String moved = upload(rep, "DEAL", "tickler.id,Stage\n" + earlier.get("id").asString() + ",Closing\n")
                .get("id").asString();
        settings(rep, moved, """
                {"mapping":{"0":"id","1":"stage"},"duplicates":"UPDATE","matchOn":"ID"}""", 200);
        assertThat(run(rep, moved).get("updated").asLong()).isEqualTo(1);
        undo(rep, moved);
        List<String> kept = counters(acme);
        assertThat(kept).isNotEqualTo(untouched);
        assertThat(rebuilt(acme)).isEqualTo(kept);
    }
}
