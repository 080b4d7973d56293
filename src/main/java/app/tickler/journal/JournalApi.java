package app.tickler.journal;

import java.time.LocalDate;
import java.time.LocalTime;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.UserId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API of the daily journal. */
@RestController
@RequestMapping("/api/v1/journal")
@Tag(name = "Daily journal")
class JournalApi {

    record EntryRequest(String plan, String reflection, Long version) {
    }

    record CommentRequest(String body, Boolean reviewed) {
    }

    record SettingsRequest(LocalTime reminderTime, Boolean remindersOn, Long version) {
    }

    private final Journal journal;

    JournalApi(Journal journal) {
        this.journal = journal;
    }

    /** Today's journal of the caller (or of {@code userId}, for the rep's managers). */
    @RepOrAbove
    @GetMapping("/today")
    JournalDay today(@RequestParam(required = false) UserId userId) {
        return journal.day(userId, journal.today());
    }

    @RepOrAbove
    @GetMapping("/days/{day}")
    JournalDay day(@PathVariable LocalDate day, @RequestParam(required = false) UserId userId) {
        return journal.day(userId, day);
    }

    /** Saves the plan and reflection of the caller's day as a draft. */
    @RepOrAbove
    @PutMapping("/days/{day}")
    JournalEntry save(@PathVariable LocalDate day, @RequestBody EntryRequest request) {
        return journal.save(day, request.plan(), request.reflection(), request.version());
    }

    /** Submits the caller's day; a second submission is refused with 409 and changes nothing. */
    @RepOrAbove
    @PostMapping("/days/{day}/submit")
    JournalEntry submit(@PathVariable LocalDate day, @RequestBody(required = false) EntryRequest request) {
        return journal.submit(day, request == null ? null : request.plan(), request == null ? null : request.reflection());
    }

    /** History and search: entries newest day first, within what the caller may read. */
    @RepOrAbove
    @GetMapping
    Page<JournalEntry> history(@RequestParam(required = false) UserId userId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) JournalStatus status, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return journal.history(userId, from, to, status, q, Paging.of(limit, cursor));
    }

    /** Submitted journals awaiting review: the manager's team, or every team for an admin. */
    @ManagerOrAbove
    @GetMapping("/review-queue")
    Page<JournalEntry> reviewQueue(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return journal.reviewQueue(Paging.of(limit, cursor));
    }

    @RepOrAbove
    @GetMapping("/entries/{id}")
    JournalDay entry(@PathVariable JournalEntryId id) {
        JournalEntry entry = journal.entry(id);
        return journal.day(entry.userId(), entry.day());
    }

    /** A comment on a submitted entry; {@code reviewed} (default true for a manager) marks it reviewed. */
    @RepOrAbove
    @PostMapping("/entries/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    JournalComment comment(@PathVariable JournalEntryId id, @RequestBody CommentRequest request) {
        return journal.comment(id, request.body(), request.reviewed() == null || request.reviewed());
    }

    @ManagerOrAbove
    @PostMapping("/entries/{id}/reviewed")
    JournalEntry reviewed(@PathVariable JournalEntryId id) {
        return journal.markReviewed(id);
    }

    @RepOrAbove
    @GetMapping("/settings")
    JournalSettings settings() {
        return journal.settings();
    }

    @ManagerOrAbove
    @PutMapping("/settings")
    JournalSettings updateSettings(@RequestBody SettingsRequest request) {
        return journal.updateSettings(request.reminderTime(), request.remindersOn(), request.version());
    }
}
