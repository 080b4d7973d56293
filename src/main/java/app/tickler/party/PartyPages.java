package app.tickler.party;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import app.tickler.platform.security.AnyRole;
import jakarta.servlet.http.HttpServletRequest;

/** Search as you type in the top bar, the pickers of forms, and helpers of the party pages. */
@Controller
class PartyPages {

    private final PartySearch search;

    PartyPages(PartySearch search) {
        this.search = search;
    }

    /** The top bar's results as you type (an htmx fragment), or a results page without JavaScript. */
    @AnyRole
    @GetMapping("/search")
    String search(@RequestParam(required = false) String q, Model model, HttpServletRequest request) {
        model.addAttribute("q", q);
        model.addAttribute("hits", q == null || q.isBlank() ? List.of() : search.search(q, 10));
        return request.getHeader("HX-Request") != null ? "party/search :: results" : "party/search";
    }

    /** Suggestions for a picker field: a datalist of "Name #id" of accounts or contacts. */
    @AnyRole
    @GetMapping("/search/pick")
    String pick(@RequestParam Map<String, String> params, @RequestParam String type, Model model) {
        String q = params.getOrDefault(params.getOrDefault("field", "q"), "");
        model.addAttribute("hits", q.isBlank() ? List.of()
                : search.search(q, 10).stream().filter(hit -> hit.type().equals(type)).toList());
        return "party/search :: options";
    }

    /** The query string of the current list without the named parameters, for links and saved views. */
    static String queryWithout(HttpServletRequest request, String... names) {
        Set<String> drop = Set.of(names);
        return request.getParameterMap().entrySet().stream().filter(e -> !drop.contains(e.getKey()))
                .flatMap(e -> java.util.Arrays.stream(e.getValue()).filter(v -> !v.isBlank())
                        .map(v -> UriComponentsBuilder.newInstance().queryParam(e.getKey(), v).build().encode()
                                .getQuery()))
                .collect(Collectors.joining("&"));
    }

    /** A list query to return to after a post: only our own query string, never another site. */
    static String safeQuery(String query) {
        if (query == null || query.isBlank()) {
            return "";
        }
        String q = query.startsWith("?") ? query.substring(1) : query;
        return q.contains("://") || q.startsWith("/") || q.contains("\n") ? "" : "?" + q;
    }

    /** The merge form's fields where the user chose the duplicate's value ({@code field=duplicate}). */
    static Set<String> chosen(Map<String, String> choices) {
        return choices.entrySet().stream().filter(e -> "duplicate".equals(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
