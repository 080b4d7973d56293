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

    /** The text value of a top-level key of a JSON column, as SQL. */
    public String jsonText(String column, String key) {
        return switch (this) {
            case SQLITE -> "json_extract(" + column + ", '$." + key + "')";
            case POSTGRESQL -> "(" + column + "::jsonb ->> '" + key + "')";
        };
    }
}
