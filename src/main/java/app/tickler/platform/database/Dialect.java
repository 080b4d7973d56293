package app.tickler.platform.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The two databases Tickler runs on. SQL is written once in the portable subset of both; the few
 * places that truly differ (JSON access, text search, bulk paths) ask the dialect.
 */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
            if (product.contains("sqlite")) {
                return SQLITE;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new IllegalStateException("Tickler runs on SQLite or PostgreSQL, not on " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }

    /**
     * A condition "column starts with the text bound to {@code parameter}" that an index serves: a
     * range on SQLite (binary collation), LIKE on a text_pattern_ops index on PostgreSQL. Bind the
     * value with {@link #startsWithValue}.
     */
    public String startsWith(String column, String parameter) {
        return switch (this) {
            case SQLITE -> "(" + column + " >= :" + parameter + " AND " + column + " < :" + parameter + "Upper)";
            case POSTGRESQL -> column + " LIKE :" + parameter + " ESCAPE '\\'";
        };
    }

    /** The parameters for {@link #startsWith}: the prefix (and its upper bound on SQLite). */
    public java.util.Map<String, Object> startsWithValue(String parameter, String prefix) {
        return switch (this) {
            case SQLITE -> java.util.Map.of(parameter, prefix, parameter + "Upper", prefix + Character.MAX_VALUE);
            case POSTGRESQL -> java.util.Map.of(parameter,
                    prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        };
    }

    /**
     * The value at a path of keys in a JSON text column, as SQL. Keys are spliced into the statement,
     * so they must come from definitions (custom field keys), never from request input.
     */
    public String jsonValue(String column, String... path) {
        return switch (this) {
            case SQLITE -> "json_extract(" + column + ", '$." + String.join(".", path) + "')";
            case POSTGRESQL -> "(" + column + "::jsonb #>> '{" + String.join(",", path) + "}')";
        };
    }
}
