package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

@TicklerTest
class ImportPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ImportRunner runner;
    @Autowired
    app.tickler.sales.SalesCycle sales;
    @Autowired
    app.tickler.party.Parties parties;
    @Autowired
    app.tickler.aftersale.InstalledBase installedBase;

    private String page(String path, TestUser user) throws Exception {
        return mvc.perform(get(path).with(user.browser())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    /** The import's progress panel, polled as the page does until the import has ended (30 s at most). */
    private String progressWhenDone(String location, String id, TestUser user) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String progress;
        do {
            Thread.sleep(50);
            progress = page(location + "/progress", user);
        } while ((progress.contains("hx-trigger=\"every 1s\"") || runner.isRunningHere(Long.parseLong(id)))
                && System.currentTimeMillis() < deadline);
        return progress;
    }

    @Test
    void aFileIsUploadedMappedPreviewedAndImportedFromThePages() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        // reached from the lists, beside their exports
        assertThat(page("/contacts", rep)).contains("href=\"/imports?entity=CONTACT\"");
        assertThat(page("/accounts", rep)).contains("href=\"/imports?entity=ACCOUNT\"");
        assertThat(page("/accounts", acme.user(Role.STAFF))).doesNotContain("href=\"/imports");
        assertThat(page("/imports", rep)).contains("enctype=\"multipart/form-data\"").contains("No imports yet.");

        String location = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "pipedrive.csv", "text/csv",
                        """
                        Person - Name,Person - Email,Person - Organization,Person - Labels
                        Ann Baker,ann@roofs.example,Roofs,VIP
                        Bob Cole,bob@@roofs,Roofs,
                        """.getBytes(StandardCharsets.UTF_8))).param("entity", "CONTACT").with(rep.browser()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String mapping = page(location, rep);
        assertThat(mapping).contains("pipedrive.csv").contains("<option value=\"fullName\" selected")
                .contains("<option value=\"email\" selected").contains("<option value=\"account\" selected")
                .contains("<option value=\"tags\" selected");
        assertThat(mapping).as("the preview checks each cell").contains("Preview").contains("bob@@roofs")
                .contains("class=\"error small\"");

        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(post(location + "/settings").with(rep.browser()).param("column.0", "fullName")
                        .param("column.1", "email").param("column.2", "account").param("duplicates", "SKIP")
                        .param("matchOn", "EMAIL").param("then", "start"))
                .andExpect(status().is3xxRedirection());
        String progress = progressWhenDone(location, id, rep);
        assertThat(progress).contains("Done").contains("<progress max=\"100\" value=\"100\"")
                .contains("Download the errors").contains("Undo the import").doesNotContain("hx-trigger");
        String errors = mvc.perform(get(location + "/errors.csv").with(rep.browser())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(errors).as("named as the preview names it").contains("3,email,");
        assertThat(page("/imports", rep)).contains("pipedrive.csv").contains("Done");
    }

    @Test
    void everyListTheImportFillsOffersTheImportWithItsKindChosenToThoseWhoMayImport() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String board = "/pipeline/" + acme.admin().call(() -> sales.defaultPipeline()).id().value();
        java.util.Map<String, String> lists = new java.util.LinkedHashMap<>();
        lists.put("/contacts", "CONTACT");
        lists.put("/accounts", "ACCOUNT");
        lists.put("/leads", "LEAD");
        lists.put("/deals", "DEAL");
        lists.put(board, "DEAL");
        lists.put("/installed-base", "INSTALLED_PRODUCT");
        for (Role role : Role.values()) {
            TestUser user = role == Role.ADMIN ? acme.admin() : acme.user(role);
            for (var list : lists.entrySet()) {
                String html = page(list.getKey(), user);
                if (role == Role.STAFF) {
                    assertThat(html).as("staff do not import: " + list.getKey()).doesNotContain("href=\"/imports");
                } else {
                    assertThat(html).as(role + " on " + list.getKey())
                            .contains("href=\"/imports?entity=" + list.getValue() + "\"");
                }
            }
        }
        TestUser rep = acme.user(Role.REP);
        for (String entity : lists.values()) {
            assertThat(page("/imports?entity=" + entity, rep)).as(entity)
                    .contains("<option value=\"" + entity + "\" selected=\"selected\"")
                    .containsOnlyOnce("selected=\"selected\"");
        }
        assertThat(page("/imports?entity=nonsense", rep)).as("an unknown kind chooses nothing")
                .doesNotContain("selected=\"selected\"");
        mvc.perform(get("/imports?entity=LEAD").with(acme.user(Role.STAFF).browser())).andExpect(status().isForbidden());
    }

    @Test
    void aBadMappingIsShownBesideTheForm() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String location = mvc.perform(post("/imports").with(rep.browser()).param("entity", "ACCOUNT")
                        .param("text", "Company name,Website\nRoofs,https://roofs.example\n"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String shown = mvc.perform(post(location + "/settings").with(rep.browser()).param("column.0", "nonsense")
                        .param("duplicates", "SKIP").param("matchOn", "NAME"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("mapping.0").contains("is not a field of accounts");
        String binary = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        new byte[] {1, 2, 0, 3})).param("entity", "CONTACT").with(rep.browser()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(binary).contains("binary");
    }

    @Test
    void aLeadFileIsChosenMappedAndImportedFromThePages() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        assertThat(page("/imports", rep)).contains("<option value=\"LEAD\">Leads</option>");
        String location = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "hubspot-leads.csv",
                        "text/csv", """
                        First Name,Last Name,Company Name,Email,Lead Status,Contact owner
                        Lea,Lead,Leads Ltd,lea@leads.example,In progress,
                        Nick,Nobody,Nowhere,nick@nowhere.example,,nobody@nowhere.example
                        """.getBytes(StandardCharsets.UTF_8))).param("entity", "LEAD").with(rep.browser()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String mapping = page(location, rep);
        assertThat(mapping).contains("Leads").contains("<option value=\"company\" selected")
                .contains("<option value=\"status\" selected").contains("<option value=\"owner\" selected");
        assertThat(mapping).as("the unknown owner is shown on its cell").contains("nobody@nowhere.example")
                .contains("is not an active user");
        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(post(location + "/start").with(rep.browser())).andExpect(status().is3xxRedirection());
        String progress = progressWhenDone(location, id, rep);
        assertThat(progress).contains("Done").contains("Undo the import");
        String errors = mvc.perform(get(location + "/errors.csv").with(rep.browser())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(errors).contains("3,owner,").contains("column 'Contact owner'");
        assertThat(rep.call(() -> sales.leadsWithEmails(java.util.List.of("lea@leads.example", "nick@nowhere.example"))))
                .containsOnlyKeys("lea@leads.example");
    }

    @Test
    void aPipedriveDealFileIsImportedFromThePagesIntoTheNamedStage() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String location = mvc.perform(post("/imports").with(rep.browser()).param("entity", "DEAL").param("text", """
                        Deal - Title,Deal - Organization,Deal - Stage,Deal - Value,Deal - Currency,Deal - Expected close date
                        Roof,Roofs Ltd,Closing,900,EUR,2027-01-15
                        """)).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String mapping = page(location, rep);
        assertThat(mapping).contains("Deals").contains("<option value=\"name\" selected")
                .contains("<option value=\"account\" selected").contains("<option value=\"stage\" selected")
                .contains("<option value=\"amount\" selected").contains("<option value=\"expectedCloseDate\" selected");
        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(post(location + "/start").with(rep.browser())).andExpect(status().is3xxRedirection());
        String progress = progressWhenDone(location, id, rep);
        assertThat(progress).contains("Done").contains("Undo the import");
        var deals = rep.call(() -> sales.dealsOf(parties.accountsNamed("Roofs Ltd").get(0)));
        assertThat(deals).singleElement().satisfies(d -> {
            assertThat(d.stageName()).isEqualTo("Closing");
            assertThat(d.amountMinor()).isEqualTo(90_000);
        });
    }

    @Test
    void aHubSpotFileOfWonAndLostDealsIsMappedPreviewedAndRecordedFromThePages() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String location = mvc.perform(post("/imports").with(rep.browser()).param("entity", "DEAL").param("text", """
                        Deal Name,Associated Company,Deal Stage,Amount,Close Date,Closed Lost Reason
                        Won roof,Roofs Ltd,Closed Won,900,2024-03-05,
                        Lost roof,Roofs Ltd,Closed Lost,900,2024-03-06,Weather
                        """)).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String mapping = page(location, rep);
        assertThat(mapping).as("what won and lost lines become").contains("recorded as history")
                .contains("Deal stage (name; &quot;Closed Won&quot; or &quot;Closed Lost&quot; tells the outcome)")
                .contains("<option value=\"lostReason\" selected").contains("Won or lost on");
        assertThat(mapping).as("a lost reason the workspace has not takes the reason Other")
                .doesNotContain("is not one of the workspace&#39;s lost reasons");
        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(post(location + "/start").with(rep.browser())).andExpect(status().is3xxRedirection());
        assertThat(progressWhenDone(location, id, rep)).contains("Done");
        assertThat(rep.call(() -> sales.dealsOf(parties.accountsNamed("Roofs Ltd").get(0))))
                .extracting(app.tickler.sales.DealSummary::status)
                .containsExactlyInAnyOrder(app.tickler.sales.DealStatus.WON, app.tickler.sales.DealStatus.LOST);
    }

    @Test
    void aSalesforceAssetFileIsImportedFromThePagesAsInstalledProductsAndItsUnknownProductShownOnItsCell()
            throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        acme.admin().call(() -> installedBase.createProduct(new app.tickler.aftersale.InstalledBase.ProductInput(
                "Boiler X", 120, 24, null, true)));
        assertThat(page("/imports", rep)).contains("<option value=\"INSTALLED_PRODUCT\">Installed products</option>");
        String location = mvc.perform(post("/imports").with(rep.browser()).param("entity", "INSTALLED_PRODUCT")
                .param("text", """
                        Id,Account.Name,Product2.Name,Quantity,InstallDate,UsageEndDate,SerialNumber
                        02iA,Roofs Ltd,Boiler X,2,2026-03-01,,SN-1
                        02iB,Roofs Ltd,Gadget,1,2026-03-01,,
                        """)).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String mapping = page(location, rep);
        assertThat(mapping).contains("Installed products").contains("<option value=\"product\" selected")
                .contains("<option value=\"installDate\" selected").contains("<option value=\"endOfLife\" selected")
                .contains("<option value=\"serialNumber\" selected").contains("<option value=\"quantity\" selected");
        assertThat(mapping).as("the unknown product is shown on its cell").contains("is not a product of the catalogue");
        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(post(location + "/start").with(rep.browser())).andExpect(status().is3xxRedirection());
        String progress = progressWhenDone(location, id, rep);
        assertThat(progress).contains("Done").contains("Undo the import");
        var roofs = rep.call(() -> parties.accountsNamed("Roofs Ltd")).get(0);
        assertThat(rep.call(() -> installedBase.installedProducts(roofs, null, app.tickler.platform.Paging.first(10))
                .items())).singleElement().satisfies(i -> {
                    assertThat(i.productName()).isEqualTo("Boiler X");
                    assertThat(i.quantity()).isEqualTo(2);
                    assertThat(i.notes()).isEqualTo("Serial number: SN-1");
                });
    }

    @Test
    void aPipedriveActivityFileIsImportedFromThePagesAndShownInTheContactsTouches() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        var ann = rep.call(() -> parties.createContact(new app.tickler.party.ContactInput("Ann", "Baker", null,
                java.util.List.of(new app.tickler.party.Contact.Email("ann@roofs.example", "work", true)), null, null,
                null, null, null, null, null, null, null, null, null, null, null, null)));
        assertThat(page("/imports", rep)).contains("<option value=\"TOUCH\">Touches (calls, emails, meetings: activity history)</option>");
        String location = mvc.perform(post("/imports").with(rep.browser()).param("entity", "TOUCH").param("text", """
                        Activity - Type,Activity - Subject,Activity - Due date,Activity - Due time,Activity - Done,Person - Email
                        Call,Intro call,2025-02-03,09:30,Yes,ann@roofs.example
                        Task,Send the quote,2025-02-04,,Yes,ann@roofs.example
                        Meeting,Demo,2025-02-05,10:00,Yes,bea@nowhere.example
                        """)).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String mapping = page(location, rep);
        assertThat(mapping).contains("Touches").contains("<option value=\"channel\" selected")
                .contains("<option value=\"occurredAt\" selected").contains("<option value=\"occurredTime\" selected")
                .contains("<option value=\"done\" selected").contains("<option value=\"contactEmail\" selected");
        assertThat(mapping).as("each cell checked in the preview").contains("skip (not a touch)")
                .contains("is a to-do or a note, not a touch")
                .contains("is not the email of a contact or lead you can see");
        assertThat(mapping).as("a lead can be named too").contains("<option value=\"leadEmail\"")
                .contains("<option value=\"leadExternalId\"");
        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(post(location + "/start").with(rep.browser())).andExpect(status().is3xxRedirection());
        String progress = progressWhenDone(location, id, rep);
        assertThat(progress).contains("Done").contains("Undo the import").contains("Download the errors");
        String contact = page("/contacts/" + ann.id().value(), rep);
        assertThat(contact).as("the imported call in the contact's touches").contains("Intro call")
                .contains(">imported<").contains("attempt 1");
    }
}
