package app.tickler.insight;

import java.time.Clock;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.followup.TouchId;
import app.tickler.party.AccountId;
import app.tickler.party.PartyFigures;
import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import jakarta.servlet.http.HttpServletRequest;

/** Pages: the report of accounts with uncovered influencers, and marking insights from the account page. */
@Controller
class InsightPages {

    private final InsightMarks marks;
    private final PartyFigures figures;
    private final MessageSource messages;
    private final Clock clock;

    InsightPages(InsightMarks marks, PartyFigures figures, MessageSource messages, Clock clock) {
        this.marks = marks;
        this.figures = figures;
        this.messages = messages;
        this.clock = clock;
    }

    @AnyRole
    @GetMapping("/insights/uncovered-influencers")
    String uncovered(@RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", figures.uncoveredInfluencers(IckrApi.cutoff(clock), Paging.of(50, cursor)));
        return "insight/uncovered";
    }

    @AnyRole
    @GetMapping("/insights/uncovered-influencers.csv")
    ResponseEntity<String> uncoveredCsv() {
        return IckrApi.csv("uncovered-influencers.csv", UncoveredReport.csv(figures, IckrApi.cutoff(clock)));
    }

    /** From the ICKR panel: a touch marked as an insight, or an insight noted on the account. */
    @RepOrAbove
    @PostMapping("/insights/marks")
    String mark(@RequestParam long accountId, @RequestParam(required = false) Long touchId,
            @RequestParam(required = false) String note, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            if (touchId != null) {
                marks.markTouch(new TouchId(touchId), note);
            } else {
                marks.note(new AccountId(accountId), note);
            }
            redirect.addFlashAttribute("flash", messages.getMessage("insight.marked", null, request.getLocale()));
        } catch (InvalidInput | Conflict problem) {
            redirect.addFlashAttribute("flash", problem.getMessage());
        }
        return "redirect:/accounts/" + accountId;
    }
}
