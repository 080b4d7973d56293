package app.tickler.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.identity.Directory;
import app.tickler.identity.UserSummary;
import app.tickler.party.Channel;
import app.tickler.party.PartiesGenerated;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.DatabaseMaintenance;
import app.tickler.sales.DealStatus;
import app.tickler.sales.DealsGenerated;

/**
 * The follow-up part of the benchmark data ({@code --tickler.generate.touches=10000000
 * --tickler.generate.follow-ups=2000000}): two years of touches on the generated people — each with
 * its account, deal (when one was open at the time), reason, outcome and the attempt number the
 * engine would have given it — their subject rows, follow-ups done and skipped in the past and open
 * around today, and the attempt at which each closed deal closed. Announced with {@link TouchesGenerated}.
 */
@Component
class FollowUpGenerator {

    private static final Logger log = LoggerFactory.getLogger(FollowUpGenerator.class);
    private static final int BATCH = 5_000;
    private static final long DAY = 86_400_000L;
    private static final Channel[] CHANNELS = Channel.values();
    private static final String[] OUTCOMES = {"PROGRESSED", "RETAINED", "RETAINED", "DEMOTED"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IdGenerator ids;
    private final Directory directory;
    private final DatabaseMaintenance maintenance;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final long touchCount;
    private final long followUpCount;

    FollowUpGenerator(JdbcTemplate jdbc, TransactionTemplate transactions, IdGenerator ids, Directory directory,
            DatabaseMaintenance maintenance, ApplicationEventPublisher events, Clock clock,
            @Value("${tickler.generate.touches:0}") long touchCount,
            @Value("${tickler.generate.follow-ups:0}") long followUpCount) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ids = ids;
        this.directory = directory;
        this.maintenance = maintenance;
        this.events = events;
        this.clock = clock;
        this.touchCount = touchCount;
        this.followUpCount = followUpCount;
    }

    @EventListener
    void on(DealsGenerated generated) {
        PartiesGenerated parties = generated.parties();
        if (!parties.contactIds().isEmpty() && (touchCount > 0 || followUpCount > 0)) {
            generate(parties, generated.deals());
        }
        events.publishEvent(new TouchesGenerated(parties.workspaceId(), touchCount, followUpCount));
    }

    private void generate(PartiesGenerated parties, List<DealsGenerated.GeneratedDeal> deals) {
        long workspace = parties.workspaceId();
        long started = System.nanoTime();
        List<long[]> reasons = jdbc.query("SELECT id, value_adding FROM business_reasons WHERE workspace_id = ? "
                + "AND archived = FALSE ORDER BY position, id", (rs, n) -> new long[] {rs.getLong(1),
                        rs.getBoolean(2) ? 1 : 0}, workspace);
        Map<Long, String> names = directory.activeUsers().stream()
                .collect(Collectors.toMap(u -> u.id().value(), UserSummary::displayName));
        // the deals of each account, to tie a touch to the deal that was open at its time
        int accounts = parties.accountIds().size();
        int[] firstDeal = new int[accounts];
        int[] nextDeal = new int[deals.size()];
        Arrays.fill(firstDeal, -1);
        for (int d = deals.size() - 1; d >= 0; d--) {
            int account = deals.get(d).accountIndex();
            nextDeal[d] = firstDeal[account];
            firstDeal[account] = d;
        }
        Random random = new Random(parties.seed() + 2);
        long now = clock.millis();
        int contacts = parties.contactIds().size();
        long perContact = touchCount / contacts;
        long extra = touchCount % contacts;
        long followUpsPerContact = followUpCount / contacts;
        long followUpsExtra = followUpCount % contacts;
        List<Object[]> touches = new ArrayList<>();
        List<Object[]> subjects = new ArrayList<>();
        List<Object[]> followUps = new ArrayList<>();
        long writtenTouches = 0;
        long writtenFollowUps = 0;
        long swing = 0;
        for (int c = 0; c < contacts; c++) {
            int accountIndex = parties.accountOf(c);
            long account = parties.accountIds().get(accountIndex);
            long contact = parties.contactIds().get(c);
            long rep = parties.reps().get(accountIndex % parties.reps().size()).value();
            String repName = names.getOrDefault(rep, "Rep");
            // an uneven spread with the exact total: an even contact takes up to half a share more, its odd
            // neighbour as much less
            long share = perContact + (c < extra ? 1 : 0);
            if (c % 2 == 0) {
                swing = c + 1 < contacts && perContact >= 2 ? random.nextLong(perContact / 2 + 1) : 0;
            }
            int n = (int) (c % 2 == 0 ? share + swing : share - swing);
            long[] times = new long[n];
            for (int t = 0; t < n; t++) {
                times[t] = now - random.nextLong(730 * DAY);
            }
            Arrays.sort(times);
            // attempt numbers as the engine gives them: per deal for a touch on a deal, else per person; only the
            // account's first person (the deal's contact) has touches on its deals, so each chase is in time order
            boolean dealContact = parties.firstContactOf(accountIndex) == c;
            int chase = 0;
            Map<Long, Integer> dealChases = new java.util.HashMap<>();
            for (int t = 0; t < n; t++) {
                long id = ids.next();
                boolean outbound = random.nextInt(10) < 8;
                boolean reached = random.nextInt(100) < 35;
                boolean responded = !outbound || reached;
                Long deal = dealContact ? dealAt(deals, firstDeal[accountIndex], nextDeal, times[t]) : null;
                int before = deal == null ? chase : dealChases.getOrDefault(deal, 0);
                int attempt = outbound ? before + 1 : 0;
                chase = responded ? 0 : chase + 1;
                if (deal != null) {
                    dealChases.put(deal, responded ? 0 : before + 1);
                }
                long[] reason = reasons.get(random.nextInt(reasons.size()));
                touches.add(new Object[] {workspace, id, times[t], CHANNELS[random.nextInt(CHANNELS.length)].name(),
                        outbound ? "OUTBOUND" : "INBOUND", account, deal, reason[0], reason[1] == 1, reached, responded,
                        reached ? OUTCOMES[random.nextInt(OUTCOMES.length)] : null, attempt, rep, repName, times[t]});
                subjects.add(new Object[] {workspace, "account", account, times[t], id, outbound, responded});
                subjects.add(new Object[] {workspace, "contact", contact, times[t], id, outbound, responded});
                if (deal != null) {
                    subjects.add(new Object[] {workspace, "deal", deal, times[t], id, outbound, responded});
                }
            }
            long f = followUpsPerContact + (c < followUpsExtra ? 1 : 0);
            for (int k = 0; k < f; k++) {
                boolean open = k == f - 1 && c % 5 == 0;
                long due = open ? now + (random.nextInt(50) - 20) * DAY : now - (1 + random.nextInt(700)) * DAY;
                String dueDate = LocalDate.ofInstant(Instant.ofEpochMilli(due), ZoneOffset.UTC).toString();
                long dueAt = LocalDate.parse(dueDate).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
                String status = open ? "OPEN" : random.nextInt(10) == 0 ? "SKIPPED" : "DONE";
                long[] reason = reasons.get(random.nextInt(reasons.size()));
                followUps.add(new Object[] {workspace, ids.next(), rep, dueDate, "UTC", dueAt,
                        CHANNELS[random.nextInt(CHANNELS.length)].name(), reason[0], account, contact,
                        !open && random.nextInt(3) == 0 ? "LEVEL_POLICY" : "MANUAL", status, open ? null : dueAt,
                        open ? null : rep, dueAt - 7 * DAY, dueAt - 7 * DAY});
            }
            if (touches.size() >= BATCH || followUps.size() >= BATCH || c == contacts - 1) {
                writtenTouches += touches.size();
                writtenFollowUps += followUps.size();
                write(touches, subjects, followUps);
                touches.clear();
                subjects.clear();
                followUps.clear();
                if (c % 100_000 < (contacts > 100_000 ? 600 : contacts)) {
                    log.info("generated {} touches and {} follow-ups", writtenTouches, writtenFollowUps);
                }
            }
        }
        closings(workspace, deals, random);
        maintenance.afterBulkWrite();
        log.info("generated {} touches and {} follow-ups in {} s", writtenTouches, writtenFollowUps,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The account's deal that was open at {@code at}, if any. */
    private static Long dealAt(List<DealsGenerated.GeneratedDeal> deals, int first, int[] next, long at) {
        for (int d = first; d >= 0; d = next[d]) {
            DealsGenerated.GeneratedDeal deal = deals.get(d);
            if (deal.createdAt() <= at && (deal.closedAt() == null || at <= deal.closedAt())) {
                return deal.id();
            }
        }
        return null;
    }

    private void write(List<Object[]> touches, List<Object[]> subjects, List<Object[]> followUps) {
        transactions.executeWithoutResult(tx -> {
            jdbc.batchUpdate("""
                    INSERT INTO touches (workspace_id, id, occurred_at, channel, direction, account_id, deal_id, reason_id,
                                         value_adding, reached, responded, outcome, attempt, logged_by, logged_by_name,
                                         created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, touches);
            jdbc.batchUpdate("""
                    INSERT INTO touch_subjects (workspace_id, subject_type, subject_id, occurred_at, touch_id, outbound,
                                                responded)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, subjects);
            jdbc.batchUpdate("""
                    INSERT INTO follow_ups (workspace_id, id, assignee_id, due_date, zone, due_at, channel, reason_id,
                                            account_id, contact_id, origin, priority, status, closed_at, closed_by,
                                            created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, ?)
                    """, followUps);
        });
    }

    /** The attempt at which each closed deal closed: mostly 5 to 20, as seed 003 says, some sooner. */
    private void closings(long workspace, List<DealsGenerated.GeneratedDeal> deals, Random random) {
        List<Object[]> rows = new ArrayList<>();
        for (DealsGenerated.GeneratedDeal deal : deals) {
            if (deal.status() != DealStatus.OPEN) {
                int attempt = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 5 + random.nextInt(16);
                rows.add(new Object[] {workspace, deal.id(), deal.status() == DealStatus.WON, attempt, deal.closedAt()});
            }
            if (rows.size() == BATCH) {
                insertClosings(rows);
                rows.clear();
            }
        }
        insertClosings(rows);
    }

    private void insertClosings(List<Object[]> rows) {
        transactions.executeWithoutResult(tx -> jdbc.batchUpdate(
                "INSERT INTO deal_closings (workspace_id, deal_id, won, attempt, closed_at) VALUES (?, ?, ?, ?, ?)", rows));
    }
}
