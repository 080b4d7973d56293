package app.tickler.followup;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import app.tickler.party.CustomerLevel;

/**
 * The order of a queue, defined once and rendered both as SQL (for the queries) and as a comparator
 * (for the rule's tests): the follow-up's own priority, then the customer level (A first, none
 * last), the deal amount when known (largest first), the days overdue (oldest due first), the time.
 * Priority and level are kept on the row as {@code queue_rank}, the amount as {@code amount_key}, so
 * that the index of an assignee's open follow-ups is already in this order.
 */
final class QueueOrder {

    private record Key(String sql, Comparator<FollowUp> comparator) {
    }

    private static final List<Key> KEYS = List.of(
            new Key("f.queue_rank", Comparator.comparingInt(f -> rank(f.priority(), f.level()))),
            new Key("f.amount_key", Comparator.comparingLong(f -> amountKey(f.dealAmount()))),
            new Key("f.due_date", Comparator.comparing(FollowUp::dueDate)),
            new Key("f.due_at", Comparator.comparing(FollowUp::dueAt)),
            new Key("f.id", Comparator.comparingLong(f -> f.id().value())));

    static final String SQL = " ORDER BY " + KEYS.stream().map(Key::sql).collect(Collectors.joining(", "));

    static final Comparator<FollowUp> COMPARATOR = KEYS.stream().map(Key::comparator).reduce(Comparator::thenComparing)
            .orElseThrow();

    private QueueOrder() {
    }

    static int levelRank(CustomerLevel level) {
        return level == null ? 4 : level.ordinal();
    }

    /** The stored {@code queue_rank}: priority first, then the customer level. */
    static int rank(Priority priority, CustomerLevel level) {
        return priority.ordinal() * 5 + levelRank(level);
    }

    /** The stored {@code amount_key}: larger deals first, unknown amounts after every known one. */
    static long amountKey(Long dealAmount) {
        return dealAmount == null ? 0 : -Math.max(1, dealAmount);
    }

    /** The SQL that gives the open follow-ups of an account their rank after its level changed. */
    static String rerankSql() {
        return "UPDATE follow_ups SET queue_rank = CASE priority WHEN 'HIGH' THEN 0 WHEN 'NORMAL' THEN 5 ELSE 10 END"
                + " + :levelRank WHERE workspace_id = :workspace AND account_id = :account AND status = 'OPEN'";
    }
}
