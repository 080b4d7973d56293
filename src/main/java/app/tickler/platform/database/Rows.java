package app.tickler.platform.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reading the portable column types: instants are BIGINT epoch milliseconds (UTC), dates are ISO
 * {@code YYYY-MM-DD} text, so that both databases sort and compare them the same way.
 */
public final class Rows {

    private Rows() {
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    public static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    public static LocalDate nullableDate(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : LocalDate.parse(value);
    }

    /** The stored form of an instant. */
    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** The stored form of a date. */
    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
