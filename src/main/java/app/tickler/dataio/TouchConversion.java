package app.tickler.dataio;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.tickler.followup.Direction;
import app.tickler.followup.Outcome;
import app.tickler.party.Channel;
import app.tickler.platform.InvalidInput;

/**
 * How the cells of an activity export (Salesforce tasks and events, HubSpot engagements, Pipedrive
 * activities) become a touch: the activity type as a channel, the direction, the outcome, the moment,
 * whether it was done. Pure rules, unit-tested; a cell that cannot be read is a problem named by its field.
 */
final class TouchConversion {

    /** What an activity type says: the channel and, for types like "Inbound call", the direction. */
    record Type(Channel channel, Direction direction) {
    }

    /** What an outcome cell says: whether the customer was reached, and Tickler's outcome of the touch. */
    record Result(Boolean reached, Outcome outcome) {
    }

    /** Activity types that are to-dos or notes, not interactions with the customer: their lines are skipped. */
    static final List<String> NOT_TOUCHES = List.of("task", "todo", "deadline", "note", "notes", "reminder",
            "followup task");

    private static final Map<String, Type> TYPES = new HashMap<>();
    private static final Map<String, Result> RESULTS = new HashMap<>();
    private static final Map<String, Direction> DIRECTIONS = new HashMap<>();

    static {
        for (Channel channel : Channel.values()) {
            type(channel, null, channel.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        type(Channel.CALL, null, "phone", "phone call", "call logged", "logged call", "outbound call", "cold call",
                "outgoing call", "conference call", "call back", "callback");
        type(Channel.CALL, Direction.INBOUND, "inbound call", "incoming call", "call in");
        type(Channel.VOICEMAIL, null, "voice mail", "left voicemail", "left a voicemail", "left message");
        type(Channel.EMAIL, null, "e mail", "mail", "sent email", "email sent", "outbound email", "emails",
                "forwarded email", "send quote", "send letter quote");
        type(Channel.EMAIL, Direction.INBOUND, "incoming email", "inbound email", "email received", "received email");
        type(Channel.HANDWRITTEN_NOTE, null, "letter", "send letter", "postal mail", "handwritten", "note card");
        type(Channel.CARD, null, "greeting card", "christmas card", "holiday card");
        type(Channel.VISIT, null, "site visit", "in person", "customer visit", "field visit", "on site");
        type(Channel.MEETING, null, "meetings", "demo", "presentation", "video call", "video meeting", "zoom", "teams",
                "lunch", "appointment", "online meeting");
        type(Channel.MESSAGE, null, "sms", "text", "text message", "linkedin", "linkedin message", "whatsapp",
                "whats app", "chat", "instant message", "social");
        type(Channel.EVENT, null, "webinar", "trade show", "tradeshow", "conference", "seminar");
        result(true, null, "connected", "reached", "answered", "spoke", "talked", "conversation",
                "interested", "meeting booked", "held", "attended", "replied");
        result(false, null, "no answer", "not reached", "busy", "left voicemail", "left live message", "no show",
                "wrong number", "not answered", "unreachable", "bounced", "no reply");
        for (Outcome outcome : Outcome.values()) {
            result(null, outcome, outcome.name().toLowerCase(Locale.ROOT));
        }
        direction(Direction.OUTBOUND, "outbound", "out", "outgoing", "sent", "to customer", "internal");
        direction(Direction.INBOUND, "inbound", "in", "incoming", "received", "from customer");
    }

    private static void type(Channel channel, Direction direction, String... names) {
        for (String name : names) {
            TYPES.put(key(name), new Type(channel, direction));
        }
    }

    private static void result(Boolean reached, Outcome outcome, String... names) {
        for (String name : names) {
            RESULTS.put(key(name), new Result(reached, outcome));
        }
    }

    private static void direction(Direction direction, String... names) {
        for (String name : names) {
            DIRECTIONS.put(key(name), direction);
        }
    }

    private TouchConversion() {
    }

    /** Letters and digits only, lower case: "Logged Call" and "logged_call" are the same type. */
    static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Whether the activity type is a to-do or a note rather than an interaction (the line is skipped). */
    static boolean notATouch(String type) {
        return type != null && NOT_TOUCHES.stream().anyMatch(t -> key(t).equals(key(type)));
    }

    /** The channel an activity type names; an unknown type is a problem naming the allowed values. */
    static Type type(InvalidInput.Collector problems, String text) {
        if (text == null) {
            problems.add("channel", "is required: the kind of activity (" + allowedChannels() + ")");
            return null;
        }
        Type type = TYPES.get(key(text));
        if (type == null) {
            problems.add("channel", "'" + Conversion.shorten(text) + "' is not a kind of touch: one of "
                    + allowedChannels() + " (or Call, Email, Meeting as the CRMs name them)");
        }
        return type;
    }

    static String allowedChannels() {
        return String.join(", ", Arrays.stream(Channel.values()).map(Channel::name).toList());
    }

    /** The direction a cell names (blank: the type's, else outbound). */
    static Direction direction(InvalidInput.Collector problems, String text, Type type) {
        if (text == null) {
            return type != null && type.direction() != null ? type.direction() : Direction.OUTBOUND;
        }
        Direction direction = DIRECTIONS.get(key(text));
        if (direction == null) {
            problems.add("direction", "'" + Conversion.shorten(text) + "' is not a direction: OUTBOUND (we reached out)"
                    + " or INBOUND (the customer did)");
        }
        return direction;
    }

    /** What the outcome cell says (blank: nothing). */
    static Result result(InvalidInput.Collector problems, String text) {
        if (text == null) {
            return new Result(null, null);
        }
        Result result = RESULTS.get(key(text));
        if (result == null) {
            problems.add("outcome", "'" + Conversion.shorten(text) + "' is not an outcome: reached (Connected, Answered),"
                    + " not reached (No answer, Busy, Left voicemail) or one of "
                    + Arrays.toString(Outcome.values()));
            return new Result(null, null);
        }
        return result;
    }

    /** Whether the activity was done ("Completed", yes); blank: done. Lines not done yet are skipped. */
    static boolean done(InvalidInput.Collector problems, String text) {
        if (text == null) {
            return true;
        }
        return switch (key(text)) {
            case "completed", "complete", "done", "closed", "held" -> true;
            case "notstarted", "open", "inprogress", "waitingonsomeoneelse", "deferred", "planned", "scheduled",
                    "notdone" -> false;
            default -> {
                Boolean yes = Conversion.bool(new InvalidInput.Collector(), "done", text);
                if (yes == null) {
                    problems.add("done", "'" + Conversion.shorten(text) + "' is not yes or no (or Completed)");
                    yield true;
                }
                yield yes;
            }
        };
    }

    static final String FORMATS = "YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM:SSZ, D.M.YYYY HH:MM or M/D/YYYY h:mm AM;"
            + " a date alone is taken at noon";

    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
                    .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT),
            DateTimeFormatter.ofPattern("d.M.uuuu H:mm[:ss]", Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("M/d/uuuu h:mm[:ss][ ]a")
                    .toFormatter(Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]", Locale.ROOT));
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT), DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT));
    private static final List<DateTimeFormatter> TIMES = List.of(DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("h:mm[:ss][ ]a").toFormatter(Locale.ROOT));

    /**
     * The moment of the activity: a date and time with an offset (2024-03-05T14:30:00Z) as it says, a
     * local date and time in {@code zone} (the importer's), a date alone at noon of that day — or with
     * the time of a separate column (Pipedrive's "Due time").
     */
    static Instant occurredAt(InvalidInput.Collector problems, String text, String timeText, ZoneId zone) {
        if (text == null) {
            problems.add("occurredAt", "is required: when it happened (" + FORMATS + ")");
            return null;
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return Instant.parse(value.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            // not an instant
        }
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, format).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate day = LocalDate.parse(value, format);
                LocalTime time = LocalTime.NOON;
                if (timeText != null) {
                    time = time(problems, timeText);
                    if (time == null) {
                        return null;
                    }
                }
                return day.atTime(time).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        problems.add("occurredAt", "'" + Conversion.shorten(text) + "' is not a date and time (" + FORMATS + ")");
        return null;
    }

    private static LocalTime time(InvalidInput.Collector problems, String text) {
        for (DateTimeFormatter format : TIMES) {
            try {
                return LocalTime.parse(text.strip(), format);
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        problems.add("occurredTime", "'" + Conversion.shorten(text) + "' is not a time (HH:MM or h:mm AM)");
        return null;
    }

    private static final java.util.regex.Pattern BRACKETED = java.util.regex.Pattern.compile("[(<\\[]([^()<>\\[\\]]+@[^()<>\\[\\]]+)[)>\\]]");

    /**
     * The email addresses of a contact cell: one, or several separated by ; or , — each as it is, or
     * within brackets after a name, as HubSpot writes an associated contact ("Ann Baker (ann@roofs.example)").
     */
    static List<String> emails(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> emails = new java.util.ArrayList<>();
        for (String part : text.split("[;,]")) {
            String value = part.strip();
            java.util.regex.Matcher bracketed = BRACKETED.matcher(value);
            if (bracketed.find()) {
                value = bracketed.group(1).strip();
            }
            if (!value.isEmpty() && !emails.contains(value)) {
                emails.add(value);
            }
        }
        return emails;
    }

    /** The subject as the first line of the notes, the note below it. */
    static String notes(String subject, String note) {
        if (subject == null) {
            return note;
        }
        return note == null || note.equals(subject) ? subject : subject + "\n\n" + note;
    }
}
