package app.tickler.followup;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * The records a touch, follow-up or commitment concerns, checked: they exist, the caller may see
 * them, and the sales ids are verified by the sales module. Also the time zone of a colleague.
 */
@Component
class Related {

    /** Checked references; {@code account} may have been inferred from the contact's organisation. */
    record Records(Account account, List<Contact> contacts, Long leadId, Long dealId) {

        AccountId accountId() {
            return account == null ? null : account.id();
        }

        List<ContactId> contactIds() {
            return contacts.stream().map(Contact::id).toList();
        }

        Contact firstContact() {
            return contacts.isEmpty() ? null : contacts.get(0);
        }

        boolean isEmpty() {
            return account == null && contacts.isEmpty() && leadId == null && dealId == null;
        }

        /** The timelines the thing belongs on. */
        List<Subject> subjects() {
            List<Subject> subjects = new ArrayList<>();
            if (account != null) {
                subjects.add(new Subject("account", account.id().value()));
            }
            contacts.forEach(c -> subjects.add(new Subject("contact", c.id().value())));
            if (leadId != null) {
                subjects.add(new Subject("lead", leadId));
            }
            if (dealId != null) {
                subjects.add(new Subject("deal", dealId));
            }
            return subjects;
        }
    }

    private final Parties parties;
    private final Directory directory;
    private final SalesHooks sales;

    Related(Parties parties, Directory directory, SalesHooks sales) {
        this.parties = parties;
        this.directory = directory;
        this.sales = sales;
    }

    Records check(InvalidInput.Collector problems, AccountId accountId, Collection<ContactId> contactIds, Long leadId,
            Long dealId, boolean inferAccount) {
        Account account = null;
        if (accountId != null) {
            try {
                account = parties.visibleAccount(accountId);
            } catch (NotFound e) {
                problems.add("accountId", "is not an account you can see");
            }
        }
        List<Contact> contacts = new ArrayList<>();
        int i = 0;
        for (ContactId id : contactIds == null ? List.<ContactId>of() : new LinkedHashSet<>(contactIds)) {
            String field = contactIds.size() == 1 ? "contactId" : "contactIds[" + i + "]";
            i++;
            if (id == null) {
                problems.add(field, "is required");
                continue;
            }
            try {
                contacts.add(parties.visibleContact(id));
            } catch (NotFound e) {
                problems.add(field, "is not a contact you can see");
            }
        }
        sales.verify(problems, leadId, dealId);
        if (account == null && accountId == null && inferAccount && !contacts.isEmpty()
                && !contacts.get(0).accounts().isEmpty()) {
            account = parties.account(contacts.get(0).accounts().get(0).accountId()).orElse(null);
        }
        return new Records(account, contacts, leadId, dealId);
    }

    /** The colleague's own time zone, or the workspace's when they have none. */
    ZoneId zoneOf(UserId user) {
        return directory.user(user).map(UserSummary::timeZone).filter(z -> z != null && !z.isBlank()).map(ZoneId::of)
                .orElseGet(() -> directory.currentWorkspace().zone());
    }

    /** The active colleague, or a problem on {@code field}. */
    UserSummary activeUser(InvalidInput.Collector problems, String field, UserId user) {
        UserSummary found = user == null ? null : directory.user(user).orElse(null);
        if (found == null || !found.active()) {
            problems.add(field, "is not an active user of this workspace");
            return null;
        }
        return found;
    }
}
