package app.tickler.insight;

import java.time.Instant;

import app.tickler.party.BuyingCentreMember;
import app.tickler.party.PartyFigures;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;

/** The report of accounts whose influencers and key people nobody touched in the last 90 days, as CSV. */
final class UncoveredReport {

    /** The CSV export reads the report page by page, at most this many accounts. */
    static final int MAX_ROWS = 100_000;

    private UncoveredReport() {
    }

    static String csv(PartyFigures figures, Instant cutoff) {
        Csv csv = new Csv().row("account_id", "account", "contact_id", "person", "role", "key", "last_touch");
        Paging paging = Paging.first(Paging.MAX_LIMIT);
        int accounts = 0;
        while (accounts < MAX_ROWS) {
            Page<PartyFigures.UncoveredAccount> page = figures.uncoveredInfluencers(cutoff, paging);
            for (PartyFigures.UncoveredAccount account : page.items()) {
                for (BuyingCentreMember person : account.uncovered()) {
                    csv.row(Long.toString(account.id().value()), account.name(), Long.toString(person.contactId().value()),
                            person.name(), person.role().name(), person.key(),
                            person.lastTouchAt() == null ? "" : person.lastTouchAt().toString());
                }
            }
            accounts += page.items().size();
            if (!page.hasNext()) {
                break;
            }
            paging = new Paging(Paging.MAX_LIMIT, page.nextCursor());
        }
        return csv.toString();
    }
}
