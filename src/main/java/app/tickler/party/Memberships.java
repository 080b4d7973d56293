package app.tickler.party;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.InvalidInput;

/** Placing people in an account's buying centre and taking them out, as the user asks. */
@Service
class Memberships {

    private final Accounts accounts;
    private final Contacts contacts;
    private final BuyingCentre buyingCentre;

    Memberships(Accounts accounts, Contacts contacts, BuyingCentre buyingCentre) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.buyingCentre = buyingCentre;
    }

    @Transactional
    List<BuyingCentreMember> place(AccountId account, ContactId contact, BuyingRole role, boolean key) {
        accounts.writable(account.value());
        try {
            contacts.visible(contact.value());
        } catch (Contacts.ContactNotFound e) {
            throw new InvalidInput("contactId", "is not a contact of this workspace");
        }
        if (role == null) {
            throw new InvalidInput("role", "is required: one of " + java.util.Arrays.toString(BuyingRole.values()));
        }
        buyingCentre.link(account, contact, role, key, true);
        contacts.reindex(contact);
        return buyingCentre.of(account);
    }

    @Transactional
    void remove(AccountId account, ContactId contact) {
        accounts.writable(account.value());
        if (!buyingCentre.isMember(account, contact)) {
            throw new InvalidInput("contactId", "is not in this account's buying centre");
        }
        buyingCentre.unlink(account, contact);
        contacts.reindex(contact);
    }
}
