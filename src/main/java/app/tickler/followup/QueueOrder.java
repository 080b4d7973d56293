package app.tickler.followup;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import app.tickler.party.CustomerLevel;

/**
 * The order of a queue, defined once and rendered both as SQL (for the queries) and as a comparator
 * (for the rule's tests): the follow-up's own priority, then the customer level (A first, none
 * last), the deal amount when known (largest first), the days overdue (oldest due first), the time.
 */
final class QueueOrder {

    private record Key(String sql, Comparator<FollowUp> comparator) {
    }

    private static final List<Key> KEYS = List.of(
            new Key("CASE f.priority WHEN 'HIGH' THEN 0 WHEN 'NORMAL' THEN 1 ELSE 2 END",
                    Comparator.comparingInt(f -> f.priority().ordinal())),
            new Key("CASE a.level WHEN 'A' THEN 0 WHEN 'B' THEN 1 WHEN 'C' THEN 2 WHEN 'D' THEN 3 ELSE 4 END",
                    Comparator.comparingInt(f -> levelRank(f.level()))),
            new Key("CASE WHEN f.deal_amount IS NULL THEN 1 ELSE 0 END",
                    Comparator.comparingInt(f -> f.dealAmount() == null ? 1 : 0)),
            new Key("COALESCE(f.deal_amount, 0) DESC",
                    Comparator.comparingLong((FollowUp f) -> f.dealAmount() == null ? 0 : f.dealAmount()).reversed()),
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
}
