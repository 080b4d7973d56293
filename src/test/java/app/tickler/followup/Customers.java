package app.tickler.followup;

import java.util.List;

import app.tickler.TestUser;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;

/** Accounts and contacts for the follow-up tests, made through the parties API as a given user. */
final class Customers {

    record Customer(Account account, Contact contact) {
        String accountId() {
            return Long.toString(account.id().value());
        }

        String contactId() {
            return Long.toString(contact.id().value());
        }
    }

    private Customers() {
    }

    static Customer make(Parties parties, TestUser user, String name, CustomerLevel level) {
        return user.call(() -> {
            Account account = parties.createAccount(AccountInput.named(name));
            if (level != null) {
                account = parties.setLevel(account.id(), level, "test");
            }
            Contact contact = parties.createContact(new ContactInput("Ann", "Baker " + name, "Buyer",
                    List.of(new Contact.Email("ann." + Math.abs(name.hashCode()) + "@" + name.toLowerCase().replaceAll("[^a-z]", "")
                            + ".example", "work", true)), null, null, null, null, null, null, null, null, null, null, null,
                    account.id(), BuyingRole.DECISION_MAKER, true));
            return new Customer(account, contact);
        });
    }
}
