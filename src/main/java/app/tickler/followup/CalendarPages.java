package app.tickler.followup;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The calendar of follow-ups (month and week), the private iCalendar feed and its settings, the
 * notification bell, the daily digest preference, and the public unsubscribe page of emails.
 */
@Controller
class CalendarPages {

    record Day(LocalDate date, boolean inMonth, boolean today, List<FollowUp> followUps) {
    }

    private final FollowUpRepository followUps;
    private final CalendarFeeds feeds;
    private final Notifications notifications;
    private final Digests digests;
    private final Directory directory;
    private final Parties parties;
    private final Links links;
    private final MessageSource messages;
    private final Clock clock;

    CalendarPages(FollowUpRepository followUps, CalendarFeeds feeds, Notifications notifications, Digests digests,
            Directory directory, Parties parties, Links links, MessageSource messages, Clock clock) {
        this.followUps = followUps;
        this.feeds = feeds;
        this.notifications = notifications;
        this.digests = digests;
        this.directory = directory;
        this.parties = parties;
        this.links = links;
        this.messages = messages;
        this.clock = clock;
    }

    // --- the calendar -----------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/calendar")
    String calendar(@RequestParam(defaultValue = "month") String view, @RequestParam(required = false) String date,
            Model model) {
        Actor actor = Actors.current();
        LocalDate today = actor.today(clock);
        LocalDate anchor;
        try {
            anchor = date == null || date.isBlank() ? today : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("date", "must be a date such as 2026-03-31");
        }
        boolean week = "week".equals(view);
        LocalDate first = week ? anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : YearMonth.from(anchor).atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last = week ? first.plusDays(6)
                : YearMonth.from(anchor).atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        Map<LocalDate, List<FollowUp>> byDay = new LinkedHashMap<>();
        for (FollowUp f : followUps.query("f.assignee_id = :user AND f.status IN ('OPEN', 'DONE') AND f.due_date >= :from "
                + "AND f.due_date <= :to", Map.of("user", actor.userId(), "from", first.toString(), "to", last.toString()),
                "ORDER BY f.due_date, f.due_time, f.id LIMIT 3000")) {
            byDay.computeIfAbsent(f.dueDate(), d -> new ArrayList<>()).add(f);
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(new Day(d, week || d.getMonth() == anchor.getMonth(), d.equals(today), byDay.getOrDefault(d, List.of())));
        }
        model.addAttribute("days", days);
        model.addAttribute("view", week ? "week" : "month");
        model.addAttribute("anchor", anchor);
        model.addAttribute("today", today);
        model.addAttribute("previous", week ? anchor.minusWeeks(1) : anchor.minusMonths(1));
        model.addAttribute("next", week ? anchor.plusWeeks(1) : anchor.plusMonths(1));
        model.addAttribute("feed", feeds.status());
        model.addAttribute("digest", digests.wanted(actor.userId()));
        return "followup/calendar";
    }

    @AnyRole
    @PostMapping("/calendar/feed")
    String createFeed(RedirectAttributes redirect) {
        redirect.addFlashAttribute("feedUrl", feeds.create());
        return "redirect:/calendar";
    }

    @AnyRole
    @PostMapping("/calendar/stop-feed")
    String revokeFeed(RedirectAttributes redirect, HttpServletRequest request) {
        feeds.revoke();
        redirect.addFlashAttribute("flash", messages.getMessage("calendar.feed.revoked", null, request.getLocale()));
        return "redirect:/calendar";
    }

    @AnyRole
    @PostMapping("/calendar/digest")
    String digest(@RequestParam(defaultValue = "false") boolean dailyDigest, RedirectAttributes redirect,
            HttpServletRequest request) {
        digests.setWanted(Actors.current().userId(), dailyDigest);
        redirect.addFlashAttribute("flash", messages.getMessage("calendar.digest.saved", null, request.getLocale()));
        return "redirect:/calendar";
    }

    /** The feed itself: public, found and authorised by the secret in its address alone. */
    @PublicEndpoint
    @GetMapping("/calendar/feed/{token}")
    ResponseEntity<String> feed(@PathVariable String token,
            @org.springframework.web.bind.annotation.RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        long[] owner = feeds.owner(token).orElse(null);
        Actor actor = owner == null ? null
                : directory.actorFor(new WorkspaceId(owner[0]), new UserId(owner[1])).orElse(null);
        if (actor == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("No such calendar feed.\n");
        }
        CalendarFeeds.Rendered feed = Actors.callAs(actor, () -> feeds.render("Tickler — " + actor.displayName()));
        String etag = "\"" + feed.fingerprint() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=UTF-8"))
                .header("Cache-Control", "private, max-age=300").eTag(etag).body(feed.ics());
    }

    // --- notifications ----------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/notifications/bell")
    String bell(Model model) {
        model.addAttribute("unread", notifications.unread(Actors.current().userId()));
        return "followup/notifications :: bell";
    }

    @AnyRole
    @GetMapping("/notifications")
    String notifications(Model model) {
        model.addAttribute("items", notifications.latest(Actors.current().userId(), 100));
        return "followup/notifications";
    }

    @AnyRole
    @PostMapping("/notifications/read")
    String read() {
        notifications.markAllRead(Actors.current().userId());
        return "redirect:/notifications";
    }

    // --- unsubscribe ------------------------------------------------------------------------------

    @PublicEndpoint
    @GetMapping("/unsubscribe/{workspace}/{contact}/{signature}")
    String unsubscribePage(@PathVariable long workspace, @PathVariable long contact, @PathVariable String signature,
            Model model) {
        if (!links.validUnsubscribe(workspace, contact, signature)) {
            model.addAttribute("invalid", true);
            return "followup/unsubscribe";
        }
        model.addAttribute("company", Actors.callAs(systemOf(workspace), () -> directory.currentWorkspace().name()));
        return "followup/unsubscribe";
    }

    /** Marks the person do-not-contact; also the target of one-click unsubscribe (RFC 8058) from mail clients. */
    @PublicEndpoint
    @PostMapping("/unsubscribe/{workspace}/{contact}/{signature}")
    String unsubscribe(@PathVariable long workspace, @PathVariable long contact, @PathVariable String signature,
            Model model) {
        if (!links.validUnsubscribe(workspace, contact, signature)) {
            model.addAttribute("invalid", true);
            return "followup/unsubscribe";
        }
        Actors.runAs(systemOf(workspace), () -> parties.contact(new ContactId(contact))
                .ifPresent(c -> parties.markDoNotContact(c.id(), "unsubscribed from an email")));
        model.addAttribute("done", true);
        return "followup/unsubscribe";
    }

    private Actor systemOf(long workspace) {
        java.time.ZoneId zone = directory.allWorkspaces().stream().filter(w -> w.id().value() == workspace)
                .map(app.tickler.identity.WorkspaceSummary::zone).findFirst()
                .orElseThrow(() -> new InvalidInput("workspace", "does not exist"));
        return Actor.system(workspace, zone);
    }
}
