package app.tickler.sales;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.ContactInput;
import app.tickler.party.Duplicates;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Turns a lead into an account and a contact — new ones, or existing ones found by the parties
 * module's duplicate detection — and optionally a deal, in one transaction. The lead stays, closed,
 * with its history, pointing at what it became.
 */
@Service
class LeadConversion {

    /**
     * @param accountId link to this existing account; null creates one named {@code accountName}
     *        (default: the lead's company, else the person's name)
     * @param contactId link this existing person; null creates one from the lead
     * @param ignoreDuplicates create new records even where likely duplicates exist
     * @param deal a deal to open for the account, or null
     */
    record Conversion(AccountId accountId, String accountName, ContactId contactId, BuyingRole role, Boolean keyPerson,
            boolean ignoreDuplicates, NewDeal deal, long version) {
    }

    /** The deal a conversion opens: in the chosen pipeline (default: the workspace's), at its first stage unless said. */
    record NewDeal(String name, PipelineId pipelineId, StageId stageId, Long amountMinor, String currency,
            LocalDate expectedCloseDate) {
    }

    /** Likely existing records for a lead, so the person converting can link them instead. */
    record Matches(List<Duplicates.Suspect> accounts, List<Duplicates.Suspect> contacts) {
    }

    record Result(Lead lead, Account account, Contact contact, Deal deal) {
    }

    private final Leads leads;
    private final Deals deals;
    private final Parties parties;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;

    LeadConversion(Leads leads, Deals deals, Parties parties, Timeline timeline, ApplicationEventPublisher events,
            java.time.Clock clock) {
        this.clock = clock;
        this.leads = leads;
        this.deals = deals;
        this.parties = parties;
        this.timeline = timeline;
        this.events = events;
    }

    Matches matches(LeadId id) {
        Lead lead = leads.visible(id);
        return new Matches(parties.accountDuplicates(AccountInput.named(accountName(lead, null))),
                parties.contactDuplicates(contactInput(lead, null, null, null, null)));
    }

    @Transactional
    Result convert(LeadId id, Conversion request) {
        Lead lead = leads.writable(id);
        if (lead.converted()) {
            throw new Conflict("This lead was already converted on " + lead.convertedAt()
                    + "; open its account instead");
        }
        if (!lead.active()) {
            throw new Conflict("This lead is disqualified; it cannot be converted");
        }
        if (lead.version() != request.version()) {
            throw new app.tickler.platform.StaleVersion("The lead", lead.version());
        }
        UserId owner = lead.ownerId() != null ? lead.ownerId()
                : Actors.current().isSystem() ? null : new UserId(Actors.current().userId());
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Account account = null;
        if (request.accountId() != null) {
            account = parties.account(request.accountId()).orElse(null);
            if (account == null) {
                problems.add("accountId", "is not an account of this workspace");
            }
        } else if (!request.ignoreDuplicates()) {
            List<Duplicates.Suspect> suspects = parties.accountDuplicates(AccountInput.named(accountName(lead, request.accountName())));
            if (!suspects.isEmpty()) {
                problems.add("accountId", "is needed: the lead looks like " + describe(suspects)
                        + " — link it, or convert with ignoreDuplicates");
            }
        }
        Contact contact = null;
        if (request.contactId() != null) {
            contact = parties.contact(request.contactId()).orElse(null);
            if (contact == null) {
                problems.add("contactId", "is not a contact of this workspace");
            }
        } else if (!request.ignoreDuplicates()) {
            List<Duplicates.Suspect> suspects = parties.contactDuplicates(contactInput(lead, null, null, null, null));
            if (!suspects.isEmpty()) {
                problems.add("contactId", "is needed: the lead looks like " + describe(suspects)
                        + " — link them, or convert with ignoreDuplicates");
            }
        }
        problems.throwIfAny();
        if (account == null) {
            account = parties.createAccount(new AccountInput(accountName(lead, request.accountName()), null, null, null,
                    null, null, null, owner, null, null, null, null, null, null, null, null));
        }
        BuyingRole role = request.role();
        boolean key = Boolean.TRUE.equals(request.keyPerson());
        if (contact == null) {
            contact = parties.createContact(contactInput(lead, owner, account.id(), role == null ? BuyingRole.OTHER : role, key));
        } else {
            AccountId linked = account.id();
            if (contact.accounts().stream().noneMatch(m -> m.accountId().equals(linked))) {
                parties.link(account.id(), contact.id(), role == null ? BuyingRole.OTHER : role, key);
            }
        }
        Deal deal = null;
        if (request.deal() != null) {
            NewDeal wanted = request.deal();
            String name = wanted.name() == null || wanted.name().isBlank() ? account.name() : wanted.name();
            try {
                deal = deals.create(new DealInput(name, account.id(),
                        List.of(new Deal.DealContact(contact.id(), role)), wanted.amountMinor(), wanted.currency(),
                        null, wanted.expectedCloseDate(), null, owner, DealOrigin.NEW_BUSINESS, wanted.pipelineId(),
                        wanted.stageId(), null, Map.of()), lead.id());
            } catch (InvalidInput e) {
                throw new InvalidInput(e.problems().stream()
                        .map(p -> new InvalidInput.FieldProblem("deal." + p.field(), p.message())).toList());
            }
        }
        leads.converted(lead, account.id(), contact.id(), deal == null ? null : deal.id());
        Lead converted = leads.get(id);
        List<Subject> subjects = new ArrayList<>(List.of(Leads.subject(lead), new Subject("account", account.id().value()),
                new Subject("contact", contact.id().value())));
        timeline.append(new Timeline.Append(subjects, "lead.converted", clock.instant(),
                "Converted from lead " + lead.displayName() + (deal == null ? "" : " with the deal " + deal.name()),
                lead.notes(), Map.of(), Leads.link(lead), Leads.subject(lead)));
        events.publishEvent(new LeadConverted(id, account.id(), contact.id(), deal == null ? null : deal.id()));
        return new Result(converted, parties.account(account.id()).orElse(account),
                parties.contact(contact.id()).orElse(contact), deal);
    }

    private static String accountName(Lead lead, String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested.strip();
        }
        return lead.company() != null ? lead.company() : lead.name();
    }

    private static ContactInput contactInput(Lead lead, UserId owner, AccountId account, BuyingRole role, Boolean key) {
        return new ContactInput(lead.firstName(), lead.lastName(), lead.title(),
                lead.email() == null ? null : List.of(new Contact.Email(lead.email(), "work", true)),
                lead.phone() == null ? null : List.of(new Contact.Phone(lead.phone(), "work", true)), null, null, null,
                owner, null, null, lead.referredByContactId(), lead.referredByUserId(), null, null, account, role, key);
    }

    private static String describe(List<Duplicates.Suspect> suspects) {
        return suspects.stream().limit(3).map(s -> s.type() + " «" + s.name() + "» (" + s.id() + ", "
                + String.join(", ", s.reasons()) + ")").reduce((a, b) -> a + "; " + b).orElse("");
    }
}
