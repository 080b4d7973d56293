package app.tickler.party;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;

/**
 * Every editable field of a contact. {@code accountId} with {@code role} and {@code keyPerson}, on a
 * create, places the new contact in that account's buying centre at once.
 */
public record ContactInput(String firstName, String lastName, String title, List<Contact.Email> emails,
        List<Contact.Phone> phones, Address address, LocalDate birthday, Channel preferredChannel, UserId ownerId,
        Boolean doNotContact, String doNotContactReason, ContactId referredByContactId, UserId referredByUserId,
        Map<String, Object> custom, List<String> tags, AccountId accountId, BuyingRole role, Boolean keyPerson) {

    public static ContactInput named(String firstName, String lastName) {
        return new ContactInput(firstName, lastName, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    static ContactInput of(Contact c) {
        return new ContactInput(c.firstName(), c.lastName(), c.title(), c.emails(), c.phones(), c.address(), c.birthday(),
                c.preferredChannel(), c.ownerId(), c.doNotContact(), c.doNotContactReason(), c.referredByContactId(),
                c.referredByUserId(), c.custom(), c.tags(), null, null, null);
    }
}
