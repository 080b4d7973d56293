package app.tickler.journal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import jakarta.servlet.http.HttpServletRequest;

/** The journal's pages: a rep's day, the review queue, history and search, the reminder setting. */
@Controller
class JournalPages {

    private final Journal journal;
    private final Directory directory;
    private final MessageSource messages;

    JournalPages(Journal journal, Directory directory, MessageSource messages) {
        this.journal = journal;
        this.directory = directory;
        this.messages = messages;
    }

    @RepOrAbove
    @GetMapping("/journal")
    String today() {
        return "redirect:/journal/" + journal.today();
    }

    @RepOrAbove
    @GetMapping("/journal/{day}")
    String day(@PathVariable LocalDate day, @RequestParam(required = false) Long userId, Model model) {
        JournalDay journalDay = journal.day(userId == null ? null : new UserId(userId), day);
        return render(model, journalDay, journalDay.entry() == null ? null : journalDay.entry().plan(),
                journalDay.entry() == null ? null : journalDay.entry().reflection());
    }

    @RepOrAbove
    @PostMapping("/journal/{day}")
    String save(@PathVariable LocalDate day, @RequestParam(required = false) String plan,
            @RequestParam(required = false) String reflection, @RequestParam(required = false) Long version,
            @RequestParam(required = false) String submit, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        try {
            if (submit != null) {
                journal.submit(day, plan == null ? "" : plan, reflection == null ? "" : reflection);
                redirect.addFlashAttribute("flash", message("journal.submitted", request));
            } else {
                journal.save(day, plan, reflection, version);
                redirect.addFlashAttribute("flash", message("journal.saved", request));
            }
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return render(model, journal.day(null, day), plan, reflection);
        }
        return "redirect:/journal/" + day;
    }

    @RepOrAbove
    @PostMapping("/journal/entries/{id}/comments")
    String comment(@PathVariable long id, @RequestParam(required = false) String body,
            @RequestParam(defaultValue = "false") boolean reviewed, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        JournalEntry entry = journal.entry(new JournalEntryId(id));
        try {
            journal.comment(entry.id(), body, reviewed);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return render(model, journal.day(entry.userId(), entry.day()), entry.plan(), entry.reflection());
        }
        redirect.addFlashAttribute("flash", message("journal.commented", request));
        return "redirect:" + Journal.link(entry);
    }

    @ManagerOrAbove
    @PostMapping("/journal/entries/{id}/reviewed")
    String reviewed(@PathVariable long id, RedirectAttributes redirect, HttpServletRequest request) {
        journal.markReviewed(new JournalEntryId(id));
        redirect.addFlashAttribute("flash", message("journal.markedReviewed", request));
        return "redirect:/journal/review";
    }

    @ManagerOrAbove
    @GetMapping("/journal/review")
    String review(@RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", journal.reviewQueue(Paging.of(null, cursor)));
        return "journal/review";
    }

    @RepOrAbove
    @GetMapping("/journal/history")
    String history(@RequestParam(required = false) Long userId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) JournalStatus status,
            @RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LocalDate fromDay = date(problems, "from", from);
        LocalDate toDay = date(problems, "to", to);
        problems.throwIfAny();
        model.addAttribute("page", journal.history(userId == null ? null : new UserId(userId), fromDay, toDay, status, q,
                Paging.of(null, cursor)));
        model.addAttribute("userId", userId);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("status", status);
        model.addAttribute("q", q);
        model.addAttribute("users", directory.activeUsers());
        return "journal/history";
    }

    @ManagerOrAbove
    @GetMapping("/settings/journal")
    String settings(Model model) {
        model.addAttribute("settings", journal.settings());
        return "journal/settings";
    }

    @ManagerOrAbove
    @PostMapping("/settings/journal")
    String saveSettings(@RequestParam(required = false) String reminderTime,
            @RequestParam(defaultValue = "false") boolean remindersOn, @RequestParam(required = false) Long version,
            Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            LocalTime time;
            try {
                time = LocalTime.parse(reminderTime == null ? "" : reminderTime.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("reminderTime", "is not a time (HH:MM)");
            }
            journal.updateSettings(time, remindersOn, version);
        } catch (InvalidInput problems) {
            model.addAttribute("settings", journal.settings());
            model.addAttribute("problems", problems);
            return "journal/settings";
        }
        redirect.addFlashAttribute("flash", message("journal.settingsSaved", request));
        return "redirect:/settings/journal";
    }

    private static String render(Model model, JournalDay day, String plan, String reflection) {
        boolean own = day.userId().value() == Actors.current().userId();
        model.addAttribute("journal", day);
        model.addAttribute("plan", plan);
        model.addAttribute("reflection", reflection);
        model.addAttribute("own", own);
        model.addAttribute("manager", Actors.current().isManagerOrAdmin());
        model.addAttribute("mayMarkReviewed", !own && day.reviewable() && day.entry() != null
                && day.entry().status() == JournalStatus.SUBMITTED);
        model.addAttribute("previousDay", day.day().minusDays(1));
        model.addAttribute("nextDay", day.day().plusDays(1));
        return "journal/day";
    }

    private static LocalDate date(InvalidInput.Collector problems, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private String message(String key, HttpServletRequest request) {
        return messages.getMessage(key, null, request.getLocale());
    }
}
