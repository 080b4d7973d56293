package app.tickler.identity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import app.tickler.platform.InvalidInput;

/** The checks shared by set-up, sign-up and user administration, each naming its field. */
final class Inputs {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}+");

    private Inputs() {
    }

    static String email(InvalidInput.Collector problems, String field, String value) {
        String email = value == null ? "" : value.trim();
        if (email.isEmpty()) {
            problems.add(field, "is required");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(field, "is not a valid email address");
        }
        return email;
    }

    /**
     * A name of a person, team or workspace. Control characters (line breaks, tabs, U+001F…) have no
     * place in one and would break what shows or sorts it; they become a space.
     */
    static String name(InvalidInput.Collector problems, String field, String value) {
        String name = value == null ? "" : CONTROL.matcher(value).replaceAll(" ").strip();
        if (name.isEmpty()) {
            problems.add(field, "is required");
        } else if (name.length() > 200) {
            problems.add(field, "must have at most 200 characters");
        }
        return name;
    }

    /** A time zone id such as {@code Europe/Paris}; null or blank when optional and absent. */
    static ZoneId zone(InvalidInput.Collector problems, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required");
            }
            return null;
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            problems.add(field, "is not a known time zone (use an id such as Europe/Paris)");
            return null;
        }
    }

    static String currency(InvalidInput.Collector problems, String field, String value) {
        String code = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            problems.add(field, "is not an ISO 4217 currency code such as EUR or USD");
            return code;
        }
    }
}
