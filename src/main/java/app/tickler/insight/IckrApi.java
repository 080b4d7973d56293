package app.tickler.insight;

import java.net.URI;
import java.time.Instant;
import java.time.Duration;
import java.time.Clock;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.followup.TouchId;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.party.PartyFigures;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API of ICKR scorecards, insight marks and the report of accounts with uncovered influencers. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insight")
class IckrApi {

    /** Either a touch to mark as an insight (its notes unless a note is given) or an account and a note. */
    record MarkRequest(TouchId touchId, AccountId accountId, String note) {
    }

    private final Ickr ickr;
    private final InsightMarks marks;
    private final Parties parties;
    private final PartyFigures figures;
    private final Clock clock;

    IckrApi(Ickr ickr, InsightMarks marks, Parties parties, PartyFigures figures, Clock clock) {
        this.ickr = ickr;
        this.marks = marks;
        this.parties = parties;
        this.figures = figures;
        this.clock = clock;
    }

    @AnyRole
    @GetMapping("/ickr/accounts/{id}")
    IckrScorecard scorecard(@PathVariable AccountId id) {
        return ickr.scorecard(id);
    }

    @RepOrAbove
    @PostMapping("/marks")
    ResponseEntity<InsightMark> mark(@RequestBody MarkRequest request) {
        InsightMark mark = request.touchId() != null ? marks.markTouch(request.touchId(), request.note())
                : marks.note(request.accountId(), request.note());
        return ResponseEntity.created(URI.create("/api/v1/insights/marks?accountId=" + mark.accountId().value()))
                .body(mark);
    }

    @AnyRole
    @GetMapping("/marks")
    List<InsightMark> marks(@RequestParam AccountId accountId) {
        parties.visibleAccount(accountId);
        return marks.of(accountId, 200);
    }

    @AnyRole
    @GetMapping("/uncovered-influencers")
    Page<PartyFigures.UncoveredAccount> uncovered(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return figures.uncoveredInfluencers(cutoff(clock), Paging.of(limit, cursor));
    }

    @AnyRole
    @GetMapping(value = "/uncovered-influencers.csv", produces = "text/csv")
    ResponseEntity<String> uncoveredCsv() {
        return csv("uncovered-influencers.csv", UncoveredReport.csv(figures, cutoff(clock)));
    }

    static Instant cutoff(Clock clock) {
        return clock.instant().minus(Duration.ofDays(Ickr.DAYS));
    }

    static ResponseEntity<String> csv(String fileName, String body) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").body(body);
    }
}
