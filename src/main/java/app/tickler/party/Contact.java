package app.tickler.party;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;

/**
 * A person. {@code emails} and {@code phones} hold exactly one primary each when not empty;
 * {@code accounts} are the organisations whose buying centre they belong to.
 */
public record Contact(ContactId id, String firstName, String lastName, String title, List<Email> emails,
        List<Phone> phones, Address address, LocalDate birthday, Channel preferredChannel, UserId ownerId,
        boolean doNotContact, String doNotContactReason, Instant doNotContactSince, ContactId referredByContactId,
        UserId referredByUserId, Map<String, Object> custom, List<String> tags, List<Membership> accounts,
        Instant lastTouchAt, long version, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public record Email(String address, String label, boolean primary) {
    }

    public record Phone(String number, String label, boolean primary) {
    }

    /** The contact's place in an account's buying centre. */
    public record Membership(AccountId accountId, String accountName, BuyingRole role, boolean key) {
    }

    public String name() {
        return PartyNames.fullName(firstName, lastName);
    }

    public String primaryEmail() {
        return emails.stream().filter(Email::primary).map(Email::address).findFirst().orElse(null);
    }

    public String primaryPhone() {
        return phones.stream().filter(Phone::primary).map(Phone::number).findFirst().orElse(null);
    }

    public boolean inTrash() {
        return deletedAt != null;
    }
}
