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
     * A column compared byte by byte (code point order): SQLite's own binary collation, {@code COLLATE "C"} on
     * PostgreSQL. With {@link #startsWithBytewise} and an index on the same expression, a prefix and an
     * ORDER BY of that expression are one index range.
     */
    public String bytewise(String column) {
        return this == POSTGRESQL ? column + " COLLATE \"C\"" : column;
    }

    /** "column starts with" as a range over {@link #bytewise}; bind it with {@link #prefixRange}. */
    public String startsWithBytewise(String column, String parameter) {
        String compared = bytewise(column);
        return "(" + compared + " >= :" + parameter + " AND " + compared + " < :" + parameter + "Upper)";
    }

    /** The bounds of {@link #startsWithBytewise}: the prefix, and the first text after all that start with it. */
    public java.util.Map<String, Object> prefixRange(String parameter, String prefix) {
        return java.util.Map.of(parameter, prefix, parameter + "Upper", upperBound(prefix));
    }

    /** The prefix with its last character replaced by the next one, or past every text when there is none. */
    static String upperBound(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start;
        }
        return new String(Character.toChars(Character.MAX_CODE_POINT)).repeat(2);
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
