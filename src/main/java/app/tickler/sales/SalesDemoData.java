package app.tickler.sales;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import app.tickler.identity.Directory;
import app.tickler.party.BuyingRole;
import app.tickler.party.DemoDataCreated;
import app.tickler.platform.security.Actors;

/**
 * The sales part of a demo workspace: deals on the first demo accounts spread over the default
 * pipeline's stages (a few won with their payment schedule, a few lost) and leads waiting in the pool,
 * made through the module's own operations so that history, timelines and events are all real.
 * Runs when the workspace's creation is about to commit, after every module has seeded its defaults.
 */
@Component
class SalesDemoData {

    private static final String[] PROJECTS = {"Roof renewal", "Solar panels", "Gutter system", "Skylights",
        "Insulation upgrade", "Maintenance contract", "Facade cleaning", "Storm repair"};
    private static final String[][] LEADS = {{"Nora", "Lindqvist", "Facility manager", "Nordlicht Hotels"},
        {"Paolo", "Ricci", "Owner", "Ricci Bakery"}, {"Hanna", "Berg", "Head of operations", "Berg Logistics"},
        {"Tom", "Okafor", "Property manager", "Okafor Estates"}, {"Lea", "Schmidt", "Purchasing", "Schmidt & Söhne"},
        {"Ivan", "Petrov", "CFO", "Petrov Storage"}, {"Mia", "Jensen", "Office manager", "Jensen Dental"},
        {"Ali", "Demir", "Managing director", "Demir Textiles"}};
    static final int DEALS = 32;

    private final Deals deals;
    private final Leads leads;
    private final Pipelines pipelines;
    private final LostReasons lostReasons;
    private final Directory directory;
    private final Clock clock;

    SalesDemoData(Deals deals, Leads leads, Pipelines pipelines, LostReasons lostReasons, Directory directory,
            Clock clock) {
        this.deals = deals;
        this.leads = leads;
        this.pipelines = pipelines;
        this.lostReasons = lostReasons;
        this.directory = directory;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    @Order(10)
    void on(DemoDataCreated demo) {
        Actors.runAs(directory.actorFor(demo.workspace(), demo.admin()).orElseThrow(), () -> fill(demo));
    }

    private void fill(DemoDataCreated demo) {
        Random random = new Random(demo.workspace().value() + 20);
        Pipeline pipeline = pipelines.defaultPipeline();
        List<Pipeline.Stage> stages = pipeline.activeStages().stream().filter(s -> !s.collectsPayment()).toList();
        var today = Actors.current().today(clock);
        // "Other" is for reasons nobody has named; the demo's deals were lost for named ones
        var lost = lostReasons.active().stream().filter(r -> !r.label().equals(LostReasons.OTHER)).toList();
        int count = Math.min(DEALS, demo.accounts().size());
        for (int i = 0; i < count; i++) {
            DemoDataCreated.DemoAccount account = demo.accounts().get(i);
            List<Deal.DealContact> people = account.contacts().isEmpty() ? List.of()
                    : List.of(new Deal.DealContact(account.contacts().get(0), BuyingRole.DECISION_MAKER));
            String project = PROJECTS[random.nextInt(PROJECTS.length)];
            Deal deal = deals.create(new DealInput(project + " for " + account.name(), account.id(), people,
                    (20 + random.nextInt(780)) * 10_000L, null, null, today.plusDays(10 + random.nextInt(80)), null,
                    demo.admin(), DealOrigin.NEW_BUSINESS, pipeline.id(), stages.get(0).id(), null, Map.of()), null);
            // the won and lost ones had come a long way; the open ones are spread over every stage
            int stage = i < 9 ? Math.max(0, stages.size() - 2) : i % stages.size();
            if (stage > 0) {
                deal = deals.move(deal.id(), stages.get(stage).id(), deal.version(), null);
            }
            if (i < 5) {
                deals.win(deal.id(), null, null, deal.version());
            } else if (i < 9 && !lost.isEmpty()) {
                deals.lose(deal.id(), lost.get(random.nextInt(lost.size())).id(), null, deal.version());
            }
        }
        LeadSource[] sources = {LeadSource.WEB_FORM, LeadSource.EVENT, LeadSource.REFERRAL, LeadSource.OTHER};
        for (int i = 0; i < LEADS.length; i++) {
            String[] lead = LEADS[i];
            leads.create(new LeadInput(lead[0], lead[1], lead[2], lead[3],
                    (lead[0] + "." + lead[1]).toLowerCase() + "@example.com", "+49 30 " + (5_550_000 + i), sources[i % 4],
                    null, null, null, null, null, Map.of()));
        }
    }
}
