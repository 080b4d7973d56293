package app.tickler.dataio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.party.Address;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.ContactInput;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.ParseWarning;
import ezvcard.io.text.VCardReader;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.StructuredName;

/**
 * vCard (3.0 and 4.0) export of the contact list with its filters, and import of vCard files with
 * several cards: every card is read and checked first, and a file with any broken card is refused
 * whole, naming each card and what is wrong with it; otherwise all cards are imported in one
 * transaction (a card whose email is already a contact's is skipped).
 */
@Service
class VCards {

    static final int MAX_CARDS = 5_000;
    /** ez-vcard's warnings for lines it skipped as malformed, values it could not parse, and bad dates. */
    private static final Set<Integer> BROKEN = Set.of(25, 27, 5);

    record CardProblem(int card, Integer line, String field, String reason) {
    }

    record Result(int created, int skipped, List<String> contactIds) {
    }

    private final Parties parties;

    VCards(Parties parties) {
        this.parties = parties;
    }

    void export(Map<String, String> filters, VCardVersion version, OutputStream out) throws IOException {
        VCardWriter writer = new VCardWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), version);
        String cursor = null;
        do {
            Page<Contact> page = parties.contactList(filters, new Paging(CsvExports.PAGE, cursor));
            for (Contact c : page.items()) {
                writer.write(card(c));
            }
            writer.flush();
            cursor = page.nextCursor();
        } while (cursor != null);
        writer.flush();
    }

    static VCard card(Contact c) {
        VCard card = new VCard();
        StructuredName name = new StructuredName();
        name.setFamily(c.lastName());
        name.setGiven(c.firstName());
        card.setStructuredName(name);
        card.setFormattedName(c.name());
        if (c.title() != null) {
            card.addTitle(c.title());
        }
        for (Contact.Email email : c.emails()) {
            var property = card.addEmail(email.address(), EmailType.INTERNET);
            if (email.primary()) {
                property.setPref(1);
            }
        }
        for (Contact.Phone phone : c.phones()) {
            var property = card.addTelephoneNumber(phone.number(),
                    "mobile".equalsIgnoreCase(phone.label()) ? TelephoneType.CELL : TelephoneType.WORK);
            if (phone.primary()) {
                property.setPref(1);
            }
        }
        Address a = c.address();
        if (a != null && (a.street() != null || a.city() != null || a.postalCode() != null || a.region() != null
                || a.country() != null)) {
            ezvcard.property.Address address = new ezvcard.property.Address();
            address.setStreetAddress(a.street());
            address.setLocality(a.city());
            address.setPostalCode(a.postalCode());
            address.setRegion(a.region());
            address.setCountry(a.country());
            card.addAddress(address);
        }
        if (c.birthday() != null) {
            card.setBirthday(c.birthday());
        }
        if (!c.accounts().isEmpty()) {
            card.setOrganization(c.accounts().get(0).accountName());
        }
        if (!c.tags().isEmpty()) {
            card.setCategories(c.tags().toArray(String[]::new));
        }
        card.setUid(new ezvcard.property.Uid("urn:tickler:contact:" + c.id().value()));
        return card;
    }

    /** Reads every card, refusing the whole file if any is broken; then creates the contacts together. */
    @Transactional
    Result importCards(InputStream in) throws IOException {
        List<ContactInput> inputs = new ArrayList<>();
        List<String> organisations = new ArrayList<>();
        List<CardProblem> problems = new ArrayList<>();
        try (VCardReader reader = new VCardReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            VCard card;
            int number = 0;
            while ((card = reader.readNext()) != null) {
                number++;
                if (number > MAX_CARDS) {
                    throw new InvalidInput("file", "has more than " + MAX_CARDS + " cards: split it");
                }
                for (ParseWarning warning : reader.getWarnings()) {
                    if (warning.getCode() != null && BROKEN.contains(warning.getCode())) {
                        problems.add(new CardProblem(number, warning.getLineNumber(),
                                warning.getPropertyName() == null ? "line" : warning.getPropertyName(),
                                warning.getMessage()));
                    }
                }
                ContactInput input = input(card);
                try {
                    parties.checkContact(input);
                } catch (InvalidInput invalid) {
                    int n = number;
                    invalid.problems().forEach(p -> problems.add(new CardProblem(n, null, p.field(), p.message())));
                }
                inputs.add(input);
                organisations.add(card.getOrganization() == null || card.getOrganization().getValues().isEmpty() ? null
                        : card.getOrganization().getValues().get(0));
            }
        }
        if (inputs.isEmpty()) {
            throw new InvalidInput("file", "has no vCard (BEGIN:VCARD … END:VCARD)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems.stream().map(p -> new InvalidInput.FieldProblem(
                    "card[" + p.card() + "]." + p.field() + (p.line() == null ? "" : " (line " + p.line() + ")"),
                    p.reason().length() > 300 ? p.reason().substring(0, 300) + "..." : p.reason())).toList());
        }
        int created = 0;
        int skipped = 0;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ContactInput input = inputs.get(i);
            String email = input.emails().isEmpty() ? null : input.emails().get(0).address();
            if (email != null && !parties.contactsWithEmail(email).isEmpty()) {
                skipped++;
                continue;
            }
            Contact contact = parties.createContact(input);
            ids.add(Long.toString(contact.id().value()));
            String organisation = organisations.get(i);
            if (organisation != null && !organisation.isBlank()) {
                List<app.tickler.party.AccountId> named = parties.accountsNamed(organisation);
                app.tickler.party.AccountId account = named.isEmpty()
                        ? parties.createAccount(app.tickler.party.AccountInput.named(organisation.strip())).id()
                        : named.get(0);
                parties.link(account, new ContactId(contact.id().value()), BuyingRole.OTHER, false);
            }
            created++;
        }
        return new Result(created, skipped, ids);
    }

    private static ContactInput input(VCard card) {
        String first = null;
        String last = null;
        StructuredName name = card.getStructuredName();
        if (name != null) {
            first = name.getGiven();
            last = name.getFamily();
        }
        if ((first == null || first.isBlank()) && (last == null || last.isBlank()) && card.getFormattedName() != null) {
            String full = card.getFormattedName().getValue();
            int space = full == null ? -1 : full.strip().lastIndexOf(' ');
            first = space < 0 ? null : full.strip().substring(0, space);
            last = space < 0 ? full : full.strip().substring(space + 1);
        }
        List<Contact.Email> emails = new ArrayList<>();
        card.getEmails().stream().sorted((a, b) -> Integer.compare(pref(a.getPref()), pref(b.getPref())))
                .forEach(e -> emails.add(new Contact.Email(e.getValue(), null, emails.isEmpty())));
        List<Contact.Phone> phones = new ArrayList<>();
        card.getTelephoneNumbers().stream().sorted((a, b) -> Integer.compare(pref(a.getPref()), pref(b.getPref())))
                .forEach(t -> {
                    String number = t.getText() != null ? t.getText() : t.getUri() == null ? null : t.getUri().getNumber();
                    boolean mobile = t.getTypes().contains(TelephoneType.CELL);
                    phones.add(new Contact.Phone(number, mobile ? "mobile" : "work", phones.isEmpty()));
                });
        Address address = null;
        if (!card.getAddresses().isEmpty()) {
            ezvcard.property.Address a = card.getAddresses().get(0);
            address = new Address(a.getStreetAddress(), a.getLocality(), a.getPostalCode(), a.getRegion(), a.getCountry());
        }
        LocalDate birthday = null;
        if (card.getBirthday() != null) {
            Temporal date = card.getBirthday().getDate();
            if (date != null) {
                birthday = LocalDate.from(date);
            }
        }
        String title = card.getTitles().isEmpty() ? null : card.getTitles().get(0).getValue();
        List<String> tags = card.getCategories() == null ? List.of() : card.getCategories().getValues();
        return new ContactInput(first, last, title, emails, phones, address, birthday, null, null, false, null, null, null,
                Map.of(), tags, null, null, null);
    }

    private static int pref(Integer pref) {
        return pref == null ? 100 : pref;
    }
}
