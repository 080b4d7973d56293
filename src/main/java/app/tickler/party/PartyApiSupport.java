package app.tickler.party;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry;
import app.tickler.platform.web.Patch;

/** What the account and contact APIs and pages share: timelines, notes, bulk bodies, patches. */
@Component
class PartyApiSupport {

    record NoteRequest(String body) {
    }

    record BulkRequest(List<String> ids, UserId ownerId, String addTag, CustomerLevel level) {

        PartyList.BulkChange change() {
            if (ids == null || ids.isEmpty()) {
                throw new InvalidInput("ids", "is required: choose at least one record");
            }
            if (ownerId == null && (addTag == null || addTag.isBlank()) && level == null) {
                throw new InvalidInput("ownerId", "or addTag or level is required");
            }
            try {
                return new PartyList.BulkChange(ids.stream().map(Long::parseLong).toList(), ownerId, addTag, level);
            } catch (NumberFormatException e) {
                throw new InvalidInput("ids", "must all be ids");
            }
        }
    }

    record BulkResult(int changed) {
    }

    record MergeRequest(String duplicateId, Set<String> takeFromDuplicate) {

        long duplicate() {
            try {
                return Long.parseLong(duplicateId == null ? "" : duplicateId.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("duplicateId", "is required: the id of the duplicate to merge");
            }
        }

        Set<String> fields() {
            return takeFromDuplicate == null ? Set.of() : takeFromDuplicate;
        }
    }

    static final int MAX_NOTE = 20_000;

    private final Timeline timeline;

    PartyApiSupport(Timeline timeline) {
        this.timeline = timeline;
    }

    Page<TimelineEntry> timeline(String type, long id, Integer limit, String cursor) {
        return timeline.of(new TimelineEntry.Subject(type, id), Paging.of(limit, cursor));
    }

    /** Anyone who can see a record may add a note to it, staff included. */
    void addNote(String type, long id, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidInput("body", "is required");
        }
        if (text.length() > MAX_NOTE) {
            throw new InvalidInput("body", "must be at most " + MAX_NOTE + " characters");
        }
        timeline.addNote(List.of(new TimelineEntry.Subject(type, id)), text, null);
    }

    /** Its author edits a note; a manager or admin may too. */
    TimelineEntry editNote(long noteId, String body, long version) {
        TimelineEntry note = ownNote(noteId);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > MAX_NOTE) {
            throw new InvalidInput("body", "is required (at most " + MAX_NOTE + " characters)");
        }
        timeline.editNote(note.id(), text, version);
        return timeline.note(noteId);
    }

    void deleteNote(long noteId) {
        timeline.deleteNote(ownNote(noteId).id());
    }

    private TimelineEntry ownNote(long noteId) {
        TimelineEntry note = timeline.note(noteId);
        var actor = Actors.current();
        if (!actor.isManagerOrAdmin() && (note.actorId() == null || note.actorId() != actor.userId())) {
            throw new org.springframework.security.access.AccessDeniedException("only its author changes a note");
        }
        return note;
    }

    static final Set<String> ADDRESS_FIELDS = Set.of("street", "city", "postalCode", "region", "country");

    static Address address(Patch patch, Address current) {
        Patch nested = patch.nested("address", ADDRESS_FIELDS);
        if (nested == null) {
            return patch.isNull("address") ? Address.NONE : current;
        }
        return new Address(nested.text("street", current.street()), nested.text("city", current.city()),
                nested.text("postalCode", current.postalCode()), nested.text("region", current.region()),
                nested.text("country", current.country()));
    }

    static UserId user(Patch patch, String field, UserId current) {
        Long value = patch.number(field, current == null ? null : current.value());
        return value == null ? null : new UserId(value);
    }
}
