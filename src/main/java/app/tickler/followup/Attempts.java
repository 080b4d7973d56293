package app.tickler.followup;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Attempt numbers. A chase is the run of outbound touches on a record since the customer last
 * <em>responded</em>; a touch is a response when it is inbound (the customer called, wrote or came
 * to us) or when the customer was reached (a conversation took place, or they answered). An outbound
 * touch's attempt number counts the outbound touches of the chase up to and including itself; an
 * inbound touch is not an attempt (0). A response ends the chase: the next outbound touch is attempt 1.
 *
 * <p>The chase is kept per record: the deal when a touch has one, else the lead, else the contacts
 * (the highest of theirs), else the account. A touch logged with an earlier time counts the touches
 * before that time; later touches keep the numbers they were given.
 */
@Component
class Attempts {

    /** A chase longer than this is counted as this long; nobody should need more. */
    static final int LONGEST_CHASE = 500;

    /** One earlier touch on a record, newest first. */
    record Past(boolean outbound, boolean responded) {
    }

    private final JdbcClient jdbc;

    Attempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a touch counts as the customer responding. */
    static boolean isResponse(Direction direction, boolean reached) {
        return direction == Direction.INBOUND || reached;
    }

    /** Outbound touches since the last response, in history ordered newest first. */
    static int attemptsSoFar(List<Past> newestFirst) {
        int count = 0;
        for (Past past : newestFirst) {
            if (past.responded()) {
                // a response that was itself an outbound attempt (a call that got through) ends the chase
                return count;
            }
            if (past.outbound()) {
                count++;
            }
        }
        return count;
    }

    /** The number a new touch gets: the next attempt for an outbound touch, 0 for an inbound one. */
    static int numberOf(Direction direction, List<Past> newestFirst) {
        return direction == Direction.INBOUND ? 0 : attemptsSoFar(newestFirst) + 1;
    }

    /** The attempts made on a record since the customer last responded, as of now. */
    int current(Subject subject) {
        return attemptsSoFar(history(subject, Long.MAX_VALUE));
    }

    /** The number of a touch about to be logged at {@code at} on its chase records (most specific first). */
    int next(List<Subject> chase, Direction direction, long at) {
        int highest = direction == Direction.INBOUND ? 0 : 1;
        for (Subject subject : chase) {
            highest = Math.max(highest, numberOf(direction, history(subject, at)));
        }
        return highest;
    }

    /** The records whose chase a touch continues: its deal, else its lead, else its contacts, else its account. */
    static List<Subject> chaseOf(Related.Records records) {
        if (records.dealId() != null) {
            return List.of(new Subject("deal", records.dealId()));
        }
        if (records.leadId() != null) {
            return List.of(new Subject("lead", records.leadId()));
        }
        if (!records.contacts().isEmpty()) {
            return records.contacts().stream().map(c -> new Subject("contact", c.id().value())).toList();
        }
        return records.account() == null ? List.of() : List.of(new Subject("account", records.account().id().value()));
    }

    /** One touch of a record's history, oldest first, for renumbering. */
    record Entry(long touch, long at, boolean outbound, boolean responded) {
    }

    /** A touch whose number may change: its direction, its chase records and the number it has. */
    record Numbered(long touch, boolean outbound, List<Subject> chase, int attempt) {
    }

    /**
     * Each touch's number from the histories of its chase records (oldest first), by the rule above: the
     * outbound touches of the chase before it (in time, then id order), plus itself. Pure, for the
     * renumbering after many touches were added to or removed from histories at once.
     */
    static java.util.Map<Long, Integer> numbers(java.util.Map<Subject, List<Entry>> oldestFirst, List<Numbered> touches) {
        java.util.Map<Subject, java.util.Map<Long, Integer>> before = new java.util.HashMap<>();
        oldestFirst.forEach((subject, entries) -> {
            java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
            int count = 0;
            for (Entry entry : entries) {
                counts.put(entry.touch(), count);
                if (entry.responded()) {
                    count = 0;
                } else if (entry.outbound()) {
                    count = Math.min(count + 1, LONGEST_CHASE);
                }
            }
            before.put(subject, counts);
        });
        java.util.Map<Long, Integer> numbers = new java.util.HashMap<>();
        for (Numbered touch : touches) {
            if (!touch.outbound()) {
                numbers.put(touch.touch(), 0);
                continue;
            }
            int highest = 1;
            for (Subject subject : touch.chase()) {
                Integer count = before.getOrDefault(subject, java.util.Map.of()).get(touch.touch());
                if (count != null) {
                    highest = Math.max(highest, count + 1);
                }
            }
            numbers.put(touch.touch(), highest);
        }
        return numbers;
    }

    private List<Past> history(Subject subject, long atOrBefore) {
        return jdbc.sql("""
                SELECT outbound, responded FROM touch_subjects
                WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :id AND occurred_at <= :at
                ORDER BY occurred_at DESC, touch_id DESC LIMIT :limit
                """).param("workspace", Actors.current().workspaceId()).param("type", subject.type())
                .param("id", subject.id()).param("at", atOrBefore).param("limit", LONGEST_CHASE)
                .query((rs, n) -> new Past(rs.getBoolean("outbound"), rs.getBoolean("responded"))).list();
    }
}
