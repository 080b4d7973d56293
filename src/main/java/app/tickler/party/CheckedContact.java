package app.tickler.party;

import java.util.List;
import java.util.Map;

/**
 * A new contact that passed every check of a create ({@link Parties#contactChecker()}), ready for
 * {@link Parties#createContacts(List, String)} — so that an import checks each line once, when it reads
 * the line, and not a second time when it writes the batch. Only the party module makes one; use it in
 * the transaction that checked it.
 */
public final class CheckedContact {

    final Contact contact;
    final AccountId accountId;
    final BuyingRole role;
    final boolean keyPerson;

    CheckedContact(Contact contact, AccountId accountId, BuyingRole role, boolean keyPerson) {
        this.contact = contact;
        this.accountId = accountId;
        this.role = role == null ? BuyingRole.OTHER : role;
        this.keyPerson = keyPerson;
    }

    /** The same contact, placed in this account's buying centre when it is created (the account must exist then). */
    public CheckedContact inAccount(AccountId account, BuyingRole role, boolean key) {
        return new CheckedContact(contact, account, role, key);
    }

    /** Its emails as they will be stored. */
    public List<Contact.Email> emails() {
        return contact.emails();
    }

    /** Its custom-field values as they will be stored. */
    public Map<String, Object> custom() {
        return contact.custom();
    }
}
