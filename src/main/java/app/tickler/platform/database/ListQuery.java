package app.tickler.platform.database;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Visibility;

/**
 * Builds a filtered, keyset-paginated list query: conditions are added with their parameters, and
 * the page continues after the cursor's {@code (sort key, id)} — never with OFFSET, so a deep page
 * costs what the first does when an index on {@code (workspace_id, sort column, id)} exists.
 */
public final class ListQuery {

    /** A sort order: the column (qualified), whether its values are numbers, and the direction. */
    public record Sort(String column, boolean numeric, boolean descending) {

        public static Sort ascending(String column) {
            return new Sort(column, false, false);
        }

        public static Sort numeric(String column, boolean descending) {
            return new Sort(column, true, descending);
        }
    }

    private final StringBuilder sql;
    private final Map<String, Object> params = new HashMap<>();

    private ListQuery(String selectFromWhere) {
        this.sql = new StringBuilder(selectFromWhere);
    }

    /** Starts from a SELECT … FROM … WHERE … that already scopes the workspace. */
    public static ListQuery of(String selectFromWhere) {
        return new ListQuery(selectFromWhere);
    }

    public ListQuery param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public ListQuery and(String condition) {
        sql.append(" AND ").append(condition);
        return this;
    }

    public ListQuery and(String condition, String name, Object value) {
        params.put(name, value);
        return and(condition);
    }

    public ListQuery visibleTo(Visibility visibility) {
        params.putAll(visibility.parameters());
        return and(visibility.sql());
    }

    /**
     * Runs the query for one page.
     *
     * @param idColumn the qualified id column, the tie-breaker of every order
     * @param sortKey the value of the sort column of a row, for the cursor
     */
    public <T> Page<T> page(JdbcClient jdbc, RowMapper<T> mapper, Sort sort, String idColumn, Paging paging,
            Function<T, Object> sortKey, Function<T, Long> id) {
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (").append(sort.column()).append(", ").append(idColumn).append(sort.descending() ? ") < " : ") > ")
                    .append("(:cursorKey, :cursorId)");
            params.put("cursorKey", sort.numeric() ? (Object) after.longKey(0) : after.key(0));
            params.put("cursorId", after.longKey(1));
        }
        String direction = sort.descending() ? " DESC" : "";
        sql.append(" ORDER BY ").append(sort.column()).append(direction).append(", ").append(idColumn).append(direction)
                .append(" LIMIT :pageLimit");
        params.put("pageLimit", paging.fetchSize());
        List<T> rows = jdbc.sql(sql.toString()).params(params).query(mapper).list();
        return Page.of(rows, paging, row -> Cursor.of(sortKey.apply(row), id.apply(row)));
    }

    /** Every matching row, in id order, for bulk operations that must see them all. */
    public List<Long> ids(JdbcClient jdbc, String idColumn, int max) {
        String query = "SELECT " + idColumn + " FROM (" + sql + ") matched ORDER BY 1 LIMIT " + max;
        return jdbc.sql(query).params(params).query(Long.class).list();
    }

    public String sql() {
        return sql.toString();
    }

    public Map<String, Object> params() {
        return params;
    }
}
