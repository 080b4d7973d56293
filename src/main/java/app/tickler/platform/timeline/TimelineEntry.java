package app.tickler.platform.timeline;

import java.time.Instant;
import java.util.Map;

import app.tickler.platform.audit.Change;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * One item of a record's timeline: a change of the record, a note, or something another module
 * appended (a touch, a follow-up, a stage move).
 *
 * @param kind what happened, e.g. {@code record.updated}, {@code note}, {@code touch.logged}
 * @param body Markdown for notes, plain text otherwise; may be null
 * @param changes field diffs of a record change; empty otherwise
 * @param link a path in the UI for the thing the entry is about, or null
 */
public record TimelineEntry(@JsonSerialize(using = ToStringSerializer.class) long id, Subject subject, String kind,
        Instant occurredAt, @JsonSerialize(using = ToStringSerializer.class) Long actorId, String actorName,
        String title, String body, Map<String, Change> changes, String link, Subject source, long version) {

    /** The record a timeline belongs to: {@code account}, {@code contact}, {@code lead} or {@code deal}. */
    public record Subject(String type, @JsonSerialize(using = ToStringSerializer.class) long id) {
    }

    public boolean isNote() {
        return "note".equals(kind);
    }
}
