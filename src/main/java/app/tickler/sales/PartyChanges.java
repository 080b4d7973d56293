package app.tickler.sales;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import app.tickler.party.AccountsMerged;
import app.tickler.party.ContactsMerged;
import app.tickler.party.PartyRemoved;

/**
 * Keeps the sales records pointing at live parties, in the transaction of the merge or removal:
 * merged duplicates hand their leads, deals and payments to the survivor; a purged account takes
 * its deals with it, each removed as an import undone removes one ({@link DealRemoved}); a removed
 * person leaves the deals and leads that named them.
 */
@Component
class PartyChanges {

    private final LeadRepository leads;
    private final DealRepository deals;
    private final Deals dealService;

    PartyChanges(LeadRepository leads, DealRepository deals, Deals dealService) {
        this.leads = leads;
        this.deals = deals;
        this.dealService = dealService;
    }

    @EventListener
    void on(AccountsMerged merged) {
        leads.repointAccount(merged.from(), merged.into());
        deals.repointAccount(merged.from(), merged.into());
    }

    @EventListener
    void on(ContactsMerged merged) {
        leads.repointContact(merged.from(), merged.into());
        deals.repointContact(merged.from(), merged.into());
    }

    @EventListener
    void on(PartyRemoved removed) {
        if (removed.account() != null) {
            // each deal announces its removal, so that what other modules counted of it is taken back
            dealService.removeAllOf(removed.account());
            leads.forgetAccount(removed.account());
        }
        if (removed.contact() != null) {
            deals.removeContact(removed.contact());
            leads.forgetContact(removed.contact());
        }
    }
}
