package app.tickler.sales;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.identity.Directory;
import app.tickler.identity.WorkspaceCreated;
import app.tickler.platform.jobs.Workspaces;
import app.tickler.platform.security.Actors;

/**
 * Gives every workspace its sales defaults — settings, the qualification checklist, lost reasons and
 * the three seed pipelines — in the transaction that creates the workspace, and on start-up to
 * workspaces made before this module existed.
 */
@Component
class SalesSeeding {

    private static final Logger log = LoggerFactory.getLogger(SalesSeeding.class);

    private final SalesSettings settings;
    private final Pipelines pipelines;
    private final Qualification qualification;
    private final LostReasons lostReasons;
    private final Directory directory;
    private final Workspaces workspaces;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SalesSeeding(SalesSettings settings, Pipelines pipelines, Qualification qualification, LostReasons lostReasons,
            Directory directory, Workspaces workspaces, JdbcClient jdbc, TransactionTemplate transactions) {
        this.settings = settings;
        this.pipelines = pipelines;
        this.qualification = qualification;
        this.lostReasons = lostReasons;
        this.directory = directory;
        this.workspaces = workspaces;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventListener
    void on(WorkspaceCreated created) {
        seed(created.workspace().value());
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedOlderWorkspaces() {
        Integer missing = jdbc.sql("""
                SELECT COUNT(*) FROM workspaces w
                WHERE NOT EXISTS (SELECT 1 FROM sales_settings s WHERE s.workspace_id = w.workspace_id)
                """).query(Integer.class).single();
        if (missing == 0) {
            return;
        }
        workspaces.forEach("sales.seed", actor -> {
            try {
                transactions.executeWithoutResult(status -> {
                    if (settings.find(actor.workspaceId()).isEmpty()) {
                        seed(actor.workspaceId());
                    }
                });
            } catch (RuntimeException e) {
                // another instance seeded it at the same moment: its settings row won
                log.info("sales defaults of workspace {} not seeded here: {}", actor.workspaceId(), e.getMessage());
            }
        });
    }

    /** The caller acts for the workspace (its first admin, or the system actor). */
    private void seed(long workspace) {
        if (Actors.current().workspaceId() != workspace) {
            throw new IllegalStateException("seeding a workspace as another workspace's actor");
        }
        settings.insertDefaults(workspace, directory.currentWorkspace().currency());
        qualification.seed();
        lostReasons.seed();
        pipelines.seed();
    }
}
