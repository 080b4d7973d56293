package app.tickler.insight;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.security.Actors;

/** The pre-aggregated daily counters of the current workspace. */
@Repository
class DailyCounters {

    /** One counter row's key. */
    record Key(Metric metric, LocalDate day, long userId, long dim, String currency) implements Comparable<Key> {

        private static final java.util.Comparator<Key> ORDER = java.util.Comparator.comparing(Key::metric)
                .thenComparing(Key::day).thenComparingLong(Key::userId).thenComparingLong(Key::dim)
                .thenComparing(Key::currency, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** A counter's values. */
    record Value(long count, long amountMinor) {

        Value plus(Value other) {
            return new Value(count + other.count, amountMinor + other.amountMinor);
        }
    }

    /** A sum over a range of counters, grouped by one column. */
    record Sum(Metric metric, String group, String currency, long count, long amountMinor) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    DailyCounters(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Adds to a counter (creating it), in the caller's transaction. */
    void add(Metric metric, LocalDate day, long userId, long dim, String currency, long count, long amountMinor) {
        jdbc.sql("""
                INSERT INTO insight_daily_counters (workspace_id, metric, day, user_id, dim, currency, count, amount_minor)
                VALUES (:workspace, :metric, :day, :user, :dim, :currency, :count, :amount)
                ON CONFLICT (workspace_id, metric, day, user_id, dim, currency)
                DO UPDATE SET count = insight_daily_counters.count + excluded.count,
                              amount_minor = insight_daily_counters.amount_minor + excluded.amount_minor
                """).param("workspace", workspace()).param("metric", metric.name()).param("day", day.toString())
                .param("user", userId).param("dim", dim).param("currency", currency == null ? "" : currency)
                .param("count", count).param("amount", amountMinor).update();
    }

    /** One change of a counter, for {@link #addAll}. */
    record Addition(Metric metric, LocalDate day, long userId, long count) {
    }

    /** {@link #add} for many counters at once (without dimension, currency or amount): one statement batch. */
    void addAll(List<Addition> additions) {
        long workspace = workspace();
        List<Object[]> rows = new ArrayList<>(additions.size());
        for (Addition a : additions) {
            rows.add(new Object[] {workspace, a.metric().name(), a.day().toString(), a.userId(), 0L, "", a.count(), 0L});
        }
        template.batchUpdate("""
                INSERT INTO insight_daily_counters (workspace_id, metric, day, user_id, dim, currency, count, amount_minor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, metric, day, user_id, dim, currency)
                DO UPDATE SET count = insight_daily_counters.count + excluded.count,
                              amount_minor = insight_daily_counters.amount_minor + excluded.amount_minor
                """, rows);
    }

    /** Every counter of the workspace, ordered (for the consistency check). Zero counters are left out. */
    Map<Key, Value> all() {
        Map<Key, Value> all = new TreeMap<>();
        jdbc.sql("SELECT * FROM insight_daily_counters WHERE workspace_id = :workspace").param("workspace", workspace())
                .query(rs -> {
                    Value value = new Value(rs.getLong("count"), rs.getLong("amount_minor"));
                    if (value.count() != 0 || value.amountMinor() != 0) {
                        all.put(new Key(Metric.valueOf(rs.getString("metric")), LocalDate.parse(rs.getString("day")),
                                rs.getLong("user_id"), rs.getLong("dim"), rs.getString("currency")), value);
                    }
                });
        return all;
    }

    /** Replaces every counter of the workspace (the rebuild), in the caller's transaction. */
    int replaceAll(Map<Key, Value> counters) {
        long workspace = workspace();
        jdbc.sql("DELETE FROM insight_daily_counters WHERE workspace_id = :workspace").param("workspace", workspace)
                .update();
        List<Object[]> rows = new ArrayList<>(counters.size());
        counters.forEach((k, v) -> rows.add(new Object[] {workspace, k.metric().name(), k.day().toString(), k.userId(),
                k.dim(), k.currency(), v.count(), v.amountMinor()}));
        template.batchUpdate("""
                INSERT INTO insight_daily_counters (workspace_id, metric, day, user_id, dim, currency, count, amount_minor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, 2_000, (PreparedStatement ps, Object[] row) -> {
            for (int i = 0; i < row.length; i++) {
                ps.setObject(i + 1, row[i]);
            }
        });
        return rows.size();
    }

    /**
     * Sums of the given metrics from {@code from} to {@code to} (inclusive) over these users (all when
     * null), grouped by {@code group}: {@code user_id}, {@code day}, {@code dim} or a month
     * ({@code substr(day, 1, 7)}).
     */
    List<Sum> sums(Collection<Metric> metrics, LocalDate from, LocalDate to, Collection<Long> users, String group) {
        if (users != null && users.isEmpty()) {
            return List.of();
        }
        String column = switch (group) {
            case "user" -> "user_id";
            case "day" -> "day";
            case "dim" -> "dim";
            case "month" -> "substr(day, 1, 7)";
            default -> throw new IllegalArgumentException(group);
        };
        return jdbc.sql("SELECT metric, " + column + " AS grp, currency, SUM(count) AS n, SUM(amount_minor) AS amount"
                + " FROM insight_daily_counters WHERE workspace_id = :workspace AND metric IN (:metrics)"
                + " AND day >= :from AND day <= :to" + (users == null ? "" : " AND user_id IN (:users)")
                + " GROUP BY metric, " + column + ", currency")
                .param("workspace", workspace()).param("metrics", metrics.stream().map(Metric::name).toList())
                .param("from", from.toString()).param("to", to.toString())
                .params(users == null ? Map.of() : Map.of("users", users))
                .query((rs, n) -> new Sum(Metric.valueOf(rs.getString("metric")), rs.getString("grp"),
                        rs.getString("currency"), rs.getLong("n"), rs.getLong("amount")))
                .list();
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
