package app.tickler.followup;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.party.CustomerLevel;
import app.tickler.platform.NotFound;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * REST API of the engine's settings (business reasons, level policies, SMTP) and of each user's
 * own things: the calendar feed, notifications, the daily digest.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Follow-up settings")
class SettingsApi {

    record FeedStatus(boolean active, java.time.Instant createdAt, java.time.Instant lastReadAt) {
    }

    record NewFeed(String url) {
    }

    record Preferences(boolean dailyDigest) {
    }

    static final class SettingsNotFound extends NotFound {
        SettingsNotFound() {
            super("Email settings", "of this workspace");
        }
    }

    private static final Set<String> REASON_FIELDS = Set.of("name", "valueAdding", "position", "archived");
    private static final Set<String> POLICY_FIELDS = Set.of("maxSilenceDays", "reassessEveryDays");

    private final BusinessReasons reasons;
    private final LevelPolicies policies;
    private final SmtpSettings smtp;
    private final CalendarFeeds feeds;
    private final Notifications notifications;
    private final Digests digests;

    SettingsApi(BusinessReasons reasons, LevelPolicies policies, SmtpSettings smtp, CalendarFeeds feeds,
            Notifications notifications, Digests digests) {
        this.reasons = reasons;
        this.policies = policies;
        this.smtp = smtp;
        this.feeds = feeds;
        this.notifications = notifications;
        this.digests = digests;
    }

    @AnyRole
    @GetMapping("/business-reasons")
    List<BusinessReason> reasons(@RequestParam(defaultValue = "false") boolean includeArchived) {
        return reasons.all(includeArchived);
    }

    @ManagerOrAbove
    @PostMapping("/business-reasons")
    ResponseEntity<BusinessReason> createReason(@RequestBody BusinessReasons.Input input) {
        BusinessReason created = reasons.create(input);
        return ResponseEntity.created(URI.create("/api/v1/business-reasons/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @ManagerOrAbove
    @PatchMapping("/business-reasons/{id}")
    BusinessReason editReason(@PathVariable BusinessReasonId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, REASON_FIELDS);
        long version = patch.version(ifMatch);
        Long position = patch.number("position", null);
        return reasons.update(id, new BusinessReasons.Input(patch.text("name", null), patch.bool("valueAdding", null),
                position == null ? null : position.intValue(), patch.bool("archived", null)), version);
    }

    @AnyRole
    @GetMapping("/level-policies")
    List<LevelPolicy> policies() {
        return policies.all();
    }

    @ManagerOrAbove
    @PatchMapping("/level-policies/{level}")
    LevelPolicy editPolicy(@PathVariable CustomerLevel level, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, POLICY_FIELDS);
        long version = patch.version(ifMatch);
        LevelPolicy current = policies.get(level);
        Long silence = patch.number("maxSilenceDays", current.maxSilenceDays() == null ? null : current.maxSilenceDays().longValue());
        Long reassess = patch.number("reassessEveryDays",
                current.reassessEveryDays() == null ? null : current.reassessEveryDays().longValue());
        return policies.update(level, new LevelPolicies.Input(silence == null ? null : silence.intValue(),
                reassess == null ? null : reassess.intValue()), version);
    }

    @ManagerOrAbove
    @GetMapping("/smtp-settings")
    ResponseEntity<SmtpSettings.View> smtpSettings() {
        SmtpSettings.View view = smtp.view().orElseThrow(SettingsNotFound::new);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @ManagerOrAbove
    @PutMapping("/smtp-settings")
    ResponseEntity<SmtpSettings.View> saveSmtp(@RequestBody SmtpSettings.Input input,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        SmtpSettings.View view = smtp.save(input, ETags.parse(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @ManagerOrAbove
    @DeleteMapping("/smtp-settings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteSmtp() {
        smtp.delete();
    }

    @AnyRole
    @GetMapping("/calendar-feed")
    FeedStatus feed() {
        CalendarFeeds.Feed feed = feeds.status();
        return new FeedStatus(feed.active(), feed.createdAt(), feed.lastReadAt());
    }

    /** A new private feed URL (shown only now); the previous one stops working. */
    @AnyRole
    @PostMapping("/calendar-feed")
    @ResponseStatus(HttpStatus.CREATED)
    NewFeed newFeed() {
        return new NewFeed(feeds.create());
    }

    @AnyRole
    @DeleteMapping("/calendar-feed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeFeed() {
        feeds.revoke();
    }

    @AnyRole
    @GetMapping("/notifications")
    Map<String, Object> notifications() {
        long user = Actors.current().userId();
        return Map.of("unread", notifications.unread(user), "items", notifications.latest(user, 50));
    }

    @AnyRole
    @PostMapping("/notifications/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void readAll() {
        notifications.markAllRead(Actors.current().userId());
    }

    @AnyRole
    @GetMapping("/follow-up-preferences")
    Preferences preferences() {
        return new Preferences(digests.wanted(Actors.current().userId()));
    }

    @AnyRole
    @PutMapping("/follow-up-preferences")
    Preferences savePreferences(@RequestBody Preferences preferences) {
        digests.setWanted(Actors.current().userId(), preferences.dailyDigest());
        return preferences();
    }
}
