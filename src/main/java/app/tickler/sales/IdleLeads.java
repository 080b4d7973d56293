package app.tickler.sales;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import app.tickler.platform.jobs.Workspaces;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Every night, leads whose owner has not touched them for the workspace's idle days go back to the
 * pool (seed 002), in batches so that each transaction stays short. ShedLock keeps several
 * instances from running it twice.
 */
@Component
class IdleLeads {

    private static final int BATCH = 200;

    private final Leads leads;
    private final Workspaces workspaces;

    IdleLeads(Leads leads, Workspaces workspaces) {
        this.leads = leads;
        this.workspaces = workspaces;
    }

    @Scheduled(cron = "${tickler.sales.idle-leads-cron:0 20 3 * * *}", zone = "UTC")
    @SchedulerLock(name = "sales.idleLeads", lockAtMostFor = "PT1H")
    void nightly() {
        workspaces.forEach("sales.idleLeads", actor -> returnIdle());
    }

    /** Returns every idle lead of the current workspace to the pool; the number returned. */
    int returnIdle() {
        int total = 0;
        int returned;
        do {
            returned = leads.returnIdle(BATCH);
            total += returned;
        } while (returned == BATCH);
        return total;
    }
}
