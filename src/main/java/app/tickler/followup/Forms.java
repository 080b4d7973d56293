package app.tickler.followup;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import app.tickler.platform.InvalidInput;

/** Reads the text fields of the engine's HTML forms, naming the field of anything unreadable. */
final class Forms {

    private Forms() {
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static LocalDate date(InvalidInput.Collector problems, String field, String text) {
        try {
            return blank(text) ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be a date such as 2026-03-31");
            return null;
        }
    }

    static LocalTime time(InvalidInput.Collector problems, String field, String text) {
        try {
            return blank(text) ? null : LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be a time such as 09:30");
            return null;
        }
    }

    static Long id(InvalidInput.Collector problems, String field, String text) {
        try {
            return blank(text) ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            problems.add(field, "is not an id");
            return null;
        }
    }

    static Integer number(InvalidInput.Collector problems, String field, String text) {
        try {
            return blank(text) ? null : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problems.add(field, "must be a whole number");
            return null;
        }
    }

    static <E extends Enum<E>> E choice(InvalidInput.Collector problems, String field, Class<E> type, String text) {
        try {
            return blank(text) ? null : Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            problems.add(field, "is not one of the choices");
            return null;
        }
    }

    /** A local date-time of a form field, in the user's zone. */
    static java.time.Instant moment(InvalidInput.Collector problems, String field, String text, ZoneId zone) {
        try {
            return blank(text) ? null : LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field, "must be a date and time");
            return null;
        }
    }

    static List<Long> ids(InvalidInput.Collector problems, String field, List<String> texts) {
        List<Long> ids = new ArrayList<>();
        if (texts != null) {
            for (String text : texts) {
                Long id = id(problems, field, text);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
