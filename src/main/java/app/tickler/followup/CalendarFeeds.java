package app.tickler.followup;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.property.DateStart;
import biweekly.util.DateTimeComponents;
import biweekly.util.Duration;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;

/**
 * The private per-user iCalendar feed (seed 004: "get your plan out of your head and on to your
 * calendar"). Its URL carries a secret of which only a hash is stored; creating a new one revokes the
 * old. Events have stable UIDs, a SEQUENCE that follows the follow-up's version, their time zone as
 * a VTIMEZONE built from the zone's rules, and the reason and a link in their description.
 */
@Service
class CalendarFeeds {

    static final String PREFIX = "tkc_";
    static final int MAX_EVENTS = 5_000;

    record Feed(boolean active, Instant createdAt, Instant lastReadAt) {
    }

    private final JdbcClient jdbc;
    private final FollowUpRepository followUps;
    private final Links links;
    private final Clock clock;
    private final AuditLog audit;

    CalendarFeeds(JdbcClient jdbc, FollowUpRepository followUps, Links links, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.followUps = followUps;
        this.links = links;
        this.clock = clock;
        this.audit = audit;
    }

    Feed status() {
        Actor actor = Actors.current();
        return jdbc.sql("SELECT created_at, last_read_at FROM calendar_feeds WHERE workspace_id = :workspace AND user_id = :user")
                .param("workspace", actor.workspaceId()).param("user", actor.userId())
                .query((rs, n) -> new Feed(true, Rows.instant(rs, "created_at"), Rows.nullableInstant(rs, "last_read_at")))
                .optional().orElse(new Feed(false, null, null));
    }

    /** A new feed URL for the caller; the previous one stops working. The URL is shown only now. */
    @Transactional
    String create() {
        Actor actor = Actors.current();
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("DELETE FROM calendar_feeds WHERE workspace_id = :workspace AND user_id = :user")
                .param("workspace", actor.workspaceId()).param("user", actor.userId()).update();
        jdbc.sql("INSERT INTO calendar_feeds (workspace_id, user_id, secret_hash, created_at) VALUES (:workspace, :user, :hash, :now)")
                .param("workspace", actor.workspaceId()).param("user", actor.userId()).param("hash", Links.sha256(secret))
                .param("now", clock.millis()).update();
        audit.record("calendarFeed", actor.userId(), "created", Map.of("feed", new Change(null, "new secret link")));
        return links.absolute("/calendar/feed/" + PREFIX + actor.workspaceId() + "_" + actor.userId() + "_" + secret + ".ics");
    }

    @Transactional
    void revoke() {
        Actor actor = Actors.current();
        rendered.remove(actor.workspaceId() + "_" + actor.userId());
        if (jdbc.sql("DELETE FROM calendar_feeds WHERE workspace_id = :workspace AND user_id = :user")
                .param("workspace", actor.workspaceId()).param("user", actor.userId()).update() > 0) {
            audit.record("calendarFeed", actor.userId(), "revoked", Map.of());
        }
    }

    /** The owner of a feed token, when the token is current: workspace and user ids. */
    Optional<long[]> owner(String token) {
        String name = token.endsWith(".ics") ? token.substring(0, token.length() - 4) : token;
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = name.substring(PREFIX.length()).split("_", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long workspace;
        long user;
        try {
            workspace = Long.parseLong(parts[0]);
            user = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String hash = jdbc.sql("SELECT secret_hash FROM calendar_feeds WHERE workspace_id = :workspace AND user_id = :user")
                .param("workspace", workspace).param("user", user).query(String.class).optional().orElse(null);
        if (hash == null || !java.security.MessageDigest.isEqual(hash.getBytes(), Links.sha256(parts[2]).getBytes())) {
            return Optional.empty();
        }
        return Optional.of(new long[] {workspace, user});
    }

    /** A rendered feed and the state of the queue it was rendered from. */
    record Rendered(String fingerprint, String ics, long at) {
    }

    /** Calendars poll their feeds; a queue that did not change is not rendered again for a few minutes. */
    private static final long CACHE_MILLIS = 5 * 60_000L;
    private final Map<String, Rendered> rendered = new java.util.concurrent.ConcurrentHashMap<>();

    /** The feed of the current user: every open follow-up (overdue ones included), soonest first. */
    Rendered render(String calendarName) {
        Actor actor = Actors.current();
        long now = clock.millis();
        jdbc.sql("UPDATE calendar_feeds SET last_read_at = :now WHERE workspace_id = :workspace AND user_id = :user")
                .param("now", now).param("workspace", actor.workspaceId()).param("user", actor.userId()).update();
        String fingerprint = jdbc.sql("""
                SELECT COUNT(*) || '-' || COALESCE(MAX(updated_at), 0) || '-' || COALESCE(MAX(id), 0) FROM follow_ups
                WHERE workspace_id = :workspace AND assignee_id = :user AND status = 'OPEN'
                """).param("workspace", actor.workspaceId()).param("user", actor.userId()).query(String.class).single();
        String key = actor.workspaceId() + "_" + actor.userId();
        Rendered cached = rendered.get(key);
        if (cached != null && cached.fingerprint().equals(fingerprint) && now - cached.at() < CACHE_MILLIS) {
            return cached;
        }
        List<FollowUp> open = followUps.query("f.assignee_id = :user AND f.status = 'OPEN'", Map.of("user", actor.userId()),
                "ORDER BY f.due_date, f.id LIMIT " + MAX_EVENTS);
        Rendered fresh = new Rendered(fingerprint, ics(open, calendarName, actor.zone()), now);
        if (rendered.size() > 10_000) {
            rendered.clear();
        }
        rendered.put(key, fresh);
        return fresh;
    }

    String ics(List<FollowUp> followUps, String calendarName, ZoneId defaultZone) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Tickler//Follow-ups//EN");
        calendar.setName(calendarName);
        calendar.setExperimentalProperty("X-WR-CALNAME", calendarName);
        calendar.setExperimentalProperty("X-WR-TIMEZONE", defaultZone.getId());
        calendar.setExperimentalProperty("X-PUBLISHED-TTL", "PT1H");
        Map<ZoneId, TimezoneAssignment> zones = new HashMap<>();
        for (FollowUp f : followUps) {
            VEvent event = new VEvent();
            event.setUid("follow-up-" + f.id().value() + "@tickler");
            event.setSequence((int) Math.min(Integer.MAX_VALUE, f.version()));
            event.setDateTimeStamp(Date.from(f.updatedAt()));
            event.setSummary(Planner.label(f));
            event.setUrl(links.absolute("/follow-ups/" + f.id().value()));
            StringBuilder description = new StringBuilder();
            if (f.reasonName() != null) {
                description.append("Reason: ").append(f.reasonName()).append('\n');
            }
            if (f.instructions() != null) {
                description.append(f.instructions()).append('\n');
            }
            description.append("Origin: ").append(f.origin().name().toLowerCase().replace('_', ' ')).append('\n');
            description.append(links.absolute("/follow-ups/" + f.id().value()));
            event.setDescription(description.toString());
            if (f.dueTime() == null) {
                // an all-day event: a DATE value, the same day wherever the calendar is
                LocalDate day = f.dueDate();
                event.setDateStart(new DateStart(new ICalDate(new DateTimeComponents(day.getYear(), day.getMonthValue(),
                        day.getDayOfMonth()), false)));
                event.setDuration(new Duration.Builder().days(1).build());
            } else {
                DateStart start = new DateStart(Date.from(f.dueAt()), true);
                event.setDateStart(start);
                event.setDuration(new Duration.Builder().minutes(30).build());
                TimezoneAssignment zone = zones.computeIfAbsent(f.timeZone(),
                        z -> new TimezoneAssignment(TimeZone.getTimeZone(z), vtimezone(z)));
                calendar.getTimezoneInfo().setTimezone(start, zone);
            }
            calendar.addEvent(event);
        }
        return Biweekly.write(calendar).go();
    }

    /** A VTIMEZONE with the zone's current rules (yearly transitions), or its fixed offset. */
    static VTimezone vtimezone(ZoneId zone) {
        VTimezone component = new VTimezone(zone.getId());
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransitionRule> transitions = rules.getTransitionRules();
        if (transitions.isEmpty()) {
            ZoneOffset now = rules.getOffset(Instant.now());
            ZoneOffsetTransition last = rules.previousTransition(Instant.now());
            StandardTime standard = new StandardTime();
            LocalDateTime since = last == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : last.getDateTimeAfter();
            standard.setDateStart(components(since));
            standard.setTimezoneOffsetFrom(offset(last == null ? now : last.getOffsetBefore()));
            standard.setTimezoneOffsetTo(offset(now));
            component.addStandardTime(standard);
            return component;
        }
        for (ZoneOffsetTransitionRule rule : transitions) {
            ZoneOffsetTransition example = rule.createTransition(1970);
            Observance observance = rule.getOffsetAfter().equals(rule.getStandardOffset()) ? new StandardTime()
                    : new DaylightSavingsTime();
            observance.setDateStart(components(example.getDateTimeBefore()));
            observance.setTimezoneOffsetFrom(offset(rule.getOffsetBefore()));
            observance.setTimezoneOffsetTo(offset(rule.getOffsetAfter()));
            Recurrence.Builder recurrence = new Recurrence.Builder(Frequency.YEARLY).byMonth(rule.getMonth().getValue());
            int day = rule.getDayOfMonthIndicator();
            if (rule.getDayOfWeek() == null) {
                recurrence.byMonthDay(day);
            } else {
                // "the weekday on or after day N" (or on or before the N-th last day): a week of candidate days
                List<Integer> days = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    days.add(day > 0 ? day + i : day - i);
                }
                recurrence.byMonthDay(days).byDay(biweekly.util.DayOfWeek.valueOfAbbr(
                        rule.getDayOfWeek().name().substring(0, 2)));
            }
            observance.setRecurrenceRule(recurrence.build());
            if (observance instanceof StandardTime standard) {
                component.addStandardTime(standard);
            } else {
                component.addDaylightSavingsTime((DaylightSavingsTime) observance);
            }
        }
        return component;
    }

    private static DateTimeComponents components(LocalDateTime local) {
        return new DateTimeComponents(local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(),
                local.getMinute(), local.getSecond(), false);
    }

    private static UtcOffset offset(ZoneOffset offset) {
        return new UtcOffset(offset.getTotalSeconds() * 1000L);
    }
}
