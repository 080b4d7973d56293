package app.tickler.party;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import app.tickler.platform.jobs.Workspaces;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Empties the trash: accounts and contacts deleted more than 30 days ago are removed for good. */
@Component
class TrashCollector {

    static final Duration KEPT = Duration.ofDays(30);
    private static final int BATCH = 500;

    private final AccountRepository accounts;
    private final ContactRepository contacts;
    private final Accounts accountService;
    private final Contacts contactService;
    private final Workspaces workspaces;
    private final Clock clock;

    TrashCollector(AccountRepository accounts, ContactRepository contacts, Accounts accountService,
            Contacts contactService, Workspaces workspaces, Clock clock) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.accountService = accountService;
        this.contactService = contactService;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    @Scheduled(cron = "${tickler.jobs.trash-cron:0 30 3 * * *}", zone = "UTC")
    @SchedulerLock(name = "party.trash")
    void emptyTrash() {
        workspaces.forEach("party.trash", actor -> collect(actor.workspaceId()));
    }

    /** Removes what has been in the trash for 30 days in one workspace; each record is its own transaction. */
    int collect(long workspace) {
        long cutoff = clock.instant().minus(KEPT).toEpochMilli();
        int removed = 0;
        for (Long id : contacts.trashedBefore(workspace, cutoff, BATCH)) {
            contactService.remove(id, false);
            removed++;
        }
        for (Long id : accounts.trashedBefore(workspace, cutoff, BATCH)) {
            accountService.purge(id);
            removed++;
        }
        return removed;
    }
}
