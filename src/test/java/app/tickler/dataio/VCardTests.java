package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Address;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.Parties;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Role;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;

@TicklerTest
class VCardTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;

    List<Contact> contacts(TestUser user) {
        return user.call(() -> parties.contactList(Map.of(), Paging.first(200)).items());
    }

    String importCards(TestUser user, String vcf, int expected) throws Exception {
        return mvc.perform(multipart("/api/v1/imports/vcards").file(new MockMultipartFile("file", "cards.vcf", "text/vcard",
                vcf.getBytes(StandardCharsets.UTF_8))).with(user.api())).andExpect(status().is(expected)).andReturn()
                .getResponse().getContentAsString();
    }

    @Test
    void contactsGoOutAsVCardsThreeAndFourAndComeBackIn() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        rep.run(() -> parties.createContact(new ContactInput("Ann", "Baker", "Buyer",
                List.of(new Contact.Email("ann@roofs.example", null, true), new Contact.Email("ann@home.example", null, false)),
                List.of(new Contact.Phone("+49 30 1234567", "work", true), new Contact.Phone("+49 151 7654321", "mobile", false)),
                new Address("Main St 1", "Berlin", "10115", "Berlin", "Germany"), LocalDate.of(1980, 5, 17), null, null,
                false, null, null, null, Map.of(), List.of("vip"), null, null, null)));
        for (String version : List.of("3.0", "4.0")) {
            String vcf = mvc.perform(get("/api/v1/exports/contacts.vcf?version=" + version).with(rep.api()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(vcf).contains("VERSION:" + version);
            List<VCard> cards = Ezvcard.parse(vcf).all();
            assertThat(cards).hasSize(1);
            assertThat(cards.get(0).getVersion()).isEqualTo(version.equals("3.0") ? VCardVersion.V3_0 : VCardVersion.V4_0);
            assertThat(cards.get(0).getStructuredName().getFamily()).isEqualTo("Baker");
            assertThat(cards.get(0).getEmails()).hasSize(2);

            TestWorkspace other = fixtures.workspace();
            TestUser otherRep = other.user(Role.REP);
            String result = importCards(otherRep, vcf, 201);
            assertThat(result).contains("\"created\":1");
            Contact copy = contacts(otherRep).get(0);
            assertThat(copy.name()).isEqualTo("Ann Baker");
            assertThat(copy.title()).isEqualTo("Buyer");
            assertThat(copy.primaryEmail()).isEqualTo("ann@roofs.example");
            assertThat(copy.emails()).hasSize(2);
            assertThat(copy.phones()).extracting(Contact.Phone::number).containsExactly("+49 30 1234567", "+49 151 7654321");
            assertThat(copy.address()).isEqualTo(new Address("Main St 1", "Berlin", "10115", "Berlin", "Germany"));
            assertThat(copy.birthday()).isEqualTo(LocalDate.of(1980, 5, 17));
            assertThat(copy.tags()).containsExactly("vip");
            assertThat(importCards(otherRep, vcf, 201)).as("the same cards again are skipped").contains("\"skipped\":1");
        }
    }

    @Test
    void severalCardsInOneFileAreImportedWithTheirOrganisation() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String result = importCards(rep, """
                BEGIN:VCARD
                VERSION:3.0
                N:Cole;Bob;;;
                FN:Bob Cole
                ORG:Roofs Ltd
                EMAIL;TYPE=INTERNET:bob@roofs.example
                END:VCARD
                BEGIN:VCARD
                VERSION:4.0
                FN:Cid Dunn
                ORG:Roofs Ltd
                TEL;TYPE=cell:+49 151 1111111
                END:VCARD
                """, 201);
        assertThat(result).contains("\"created\":2");
        assertThat(contacts(rep)).extracting(Contact::name).containsExactlyInAnyOrder("Bob Cole", "Cid Dunn");
        assertThat(contacts(rep)).allSatisfy(c -> assertThat(c.accounts()).extracting(Contact.Membership::accountName)
                .containsExactly("Roofs Ltd"));
    }

    @Test
    void aFileWithABrokenCardIsRefusedWholeNamingTheCard() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String refused = importCards(rep, """
                BEGIN:VCARD
                VERSION:3.0
                FN:Good Person
                EMAIL:good@x.example
                END:VCARD
                BEGIN:VCARD
                VERSION:3.0
                FN:Broken Person
                this line has no colon and is broken
                EMAIL:not an email
                END:VCARD
                """, 400);
        assertThat(refused).contains("card[2]").contains("this line has no colon");
        assertThat(contacts(rep)).as("nothing else is written").isEmpty();
        importCards(rep, "just some text, not a card", 400);
    }
}
