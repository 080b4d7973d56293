package app.tickler.sales;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.PartiesGenerated;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.DatabaseMaintenance;

/**
 * The sales part of the benchmark data ({@code --tickler.generate.deals=100000}): deals on the
 * generated accounts in the default pipeline — a fifth open across its stages, the rest won or lost
 * over the last two years — each with a contact, its stage history and, when won, its payment.
 * Written in batches exactly as the services write them, then announced with {@link DealsGenerated}.
 */
@Component
class SalesGenerator {

    private static final Logger log = LoggerFactory.getLogger(SalesGenerator.class);
    private static final int BATCH = 2_000;
    private static final long DAY = 86_400_000L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IdGenerator ids;
    private final Directory directory;
    private final DatabaseMaintenance maintenance;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int dealCount;

    SalesGenerator(JdbcTemplate jdbc, TransactionTemplate transactions, IdGenerator ids, Directory directory,
            DatabaseMaintenance maintenance, ApplicationEventPublisher events, Clock clock,
            @Value("${tickler.generate.deals:0}") int dealCount) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ids = ids;
        this.directory = directory;
        this.maintenance = maintenance;
        this.events = events;
        this.clock = clock;
        this.dealCount = dealCount;
    }

    @EventListener
    @Order(10)
    void on(PartiesGenerated parties) {
        List<DealsGenerated.GeneratedDeal> deals = parties.accountIds().isEmpty() ? List.of() : generate(parties);
        events.publishEvent(new DealsGenerated(parties, deals));
    }

    private List<DealsGenerated.GeneratedDeal> generate(PartiesGenerated parties) {
        long workspace = parties.workspaceId();
        long pipeline = jdbc.queryForObject("SELECT id FROM pipelines WHERE workspace_id = ? AND is_default = TRUE",
                Long.class, workspace);
        List<Long> stages = jdbc.queryForList("""
                SELECT id FROM pipeline_stages WHERE workspace_id = ? AND pipeline_id = ? AND retired = FALSE
                ORDER BY position, id
                """, Long.class, workspace, pipeline);
        List<Integer> probabilities = jdbc.queryForList("""
                SELECT probability FROM pipeline_stages WHERE workspace_id = ? AND pipeline_id = ? AND retired = FALSE
                ORDER BY position, id
                """, Integer.class, workspace, pipeline);
        Long lostReason = jdbc.queryForList("SELECT id FROM lost_reasons WHERE workspace_id = ? ORDER BY position, id",
                Long.class, workspace).stream().findFirst().orElse(null);
        String currency = directory.currentWorkspace().currency();
        Map<Long, String> names = directory.activeUsers().stream()
                .collect(Collectors.toMap(u -> u.id().value(), UserSummary::displayName));
        List<UserId> reps = parties.reps();
        Random random = new Random(parties.seed() + 1);
        long now = clock.millis();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long started = System.nanoTime();
        List<DealsGenerated.GeneratedDeal> generated = new ArrayList<>(dealCount);
        for (int from = 0; from < dealCount; from += BATCH) {
            int to = Math.min(dealCount, from + BATCH);
            List<Object[]> deals = new ArrayList<>();
            List<Object[]> contacts = new ArrayList<>();
            List<Object[]> moves = new ArrayList<>();
            List<Object[]> payments = new ArrayList<>();
            for (int i = from; i < to; i++) {
                long id = ids.next();
                int accountIndex = random.nextInt(parties.accountIds().size());
                long account = parties.accountIds().get(accountIndex);
                long owner = reps.get(accountIndex % reps.size()).value();
                int roll = random.nextInt(100);
                DealStatus status = roll < 20 ? DealStatus.OPEN : roll < 65 ? DealStatus.WON : DealStatus.LOST;
                boolean repeat = random.nextInt(4) == 0;
                long amount = (5 + random.nextInt(400)) * 10_000L;
                int terms = List.of(14, 30, 30, 45, 60).get(random.nextInt(5));
                long created = now - (30 + random.nextInt(700)) * DAY - random.nextInt((int) DAY);
                int stage = status == DealStatus.OPEN ? random.nextInt(stages.size())
                        : Math.min(stages.size() - 1, stages.size() / 2 + random.nextInt(Math.max(1, stages.size() / 2)));
                long entered = status == DealStatus.OPEN
                        ? Math.max(created, now - random.nextInt(60) * DAY - random.nextInt((int) DAY))
                        : created + (5 + random.nextInt(60)) * DAY;
                Long closedAt = status == DealStatus.OPEN ? null
                        : Math.min(now - DAY, entered + (1 + random.nextInt(40)) * DAY);
                String closedOn = closedAt == null ? null
                        : LocalDate.ofInstant(Instant.ofEpochMilli(closedAt), ZoneOffset.UTC).toString();
                String expected = status == DealStatus.OPEN ? today.plusDays(random.nextInt(180)).toString() : closedOn;
                String name = (repeat ? "Renewal " : "Roof project ") + (i + 1);
                long lastActivity = closedAt != null ? closedAt : entered;
                deals.add(new Object[] {workspace, id, name, name.toLowerCase(), account, amount, currency,
                        probabilities.get(stage), expected, terms, owner, repeat ? "REPEAT" : "NEW_BUSINESS", status.name(),
                        pipeline, stages.get(stage), entered, lastActivity, closedAt, closedOn,
                        status == DealStatus.LOST ? lostReason : null, created, lastActivity});
                int contact = parties.firstContactOf(accountIndex);
                if (contact >= 0) {
                    contacts.add(new Object[] {workspace, id, parties.contactIds().get(contact), "DECISION_MAKER"});
                }
                String actor = names.getOrDefault(owner, "Rep");
                moves.add(new Object[] {workspace, ids.next(), id, pipeline, null, stages.get(0), "ENTERED", created, null,
                        owner, actor});
                if (stage > 0) {
                    moves.add(new Object[] {workspace, ids.next(), id, pipeline, stages.get(0), stages.get(stage),
                            "PROGRESSED", entered, created, owner, actor});
                }
                if (status == DealStatus.WON) {
                    LocalDate due = LocalDate.parse(closedOn).plusDays(terms);
                    boolean paid = due.isBefore(today) && random.nextInt(10) > 0;
                    payments.add(new Object[] {workspace, ids.next(), id, account, amount, currency, due.toString(),
                            paid ? due.toString() : null, paid ? due.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() : null,
                            closedAt, closedAt});
                }
                generated.add(new DealsGenerated.GeneratedDeal(id, accountIndex, owner, status, amount, created,
                        closedAt));
            }
            transactions.executeWithoutResult(tx -> {
                jdbc.batchUpdate("""
                        INSERT INTO deals (workspace_id, id, name, sort_name, account_id, amount_minor, currency, probability,
                                           expected_close_on, payment_terms_days, owner_id, origin, status, pipeline_id,
                                           stage_id, stage_entered_at, last_activity_at, closed_at, closed_on,
                                           lost_reason_id, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, deals);
                jdbc.batchUpdate("INSERT INTO deal_contacts (workspace_id, deal_id, contact_id, role) VALUES (?, ?, ?, ?)",
                        contacts);
                jdbc.batchUpdate("""
                        INSERT INTO deal_stage_changes (workspace_id, id, deal_id, pipeline_id, from_stage_id, to_stage_id,
                                                        movement, moved_at, from_entered_at, actor_id, actor_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, moves);
                jdbc.batchUpdate("""
                        INSERT INTO payments (workspace_id, id, deal_id, account_id, amount_minor, currency, due_on,
                                              paid_on, paid_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, payments);
            });
        }
        maintenance.afterBulkWrite();
        log.info("generated {} deals in {} s", dealCount, (System.nanoTime() - started) / 1_000_000_000);
        return generated;
    }
}
