package app.tickler.followup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.tickler.platform.InvalidInput;

/**
 * The merge fields an email template may use, written {@code {{contact.firstName}}}. Templates are
 * checked when a cadence is saved, so that an unknown field is refused then — never sent as is.
 */
final class MergeFields {

    static final Map<String, String> KNOWN = known();
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private MergeFields() {
    }

    private static Map<String, String> known() {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("contact.firstName", "the person's first name");
        known.put("contact.lastName", "the person's last name");
        known.put("contact.name", "the person's full name");
        known.put("contact.title", "the person's job title");
        known.put("account.name", "the person's organisation");
        known.put("sender.name", "the name of the sending colleague");
        known.put("sender.email", "the email of the sending colleague");
        known.put("workspace.name", "your company's name in Tickler");
        return known;
    }

    /** Adds a problem on {@code field} for every unknown merge field or stray brace of a template. */
    static void check(InvalidInput.Collector problems, String field, String template) {
        if (template == null) {
            return;
        }
        Matcher matcher = FIELD.matcher(template);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!KNOWN.containsKey(name)) {
                problems.add(field, "uses the unknown merge field {{" + name + "}}; known fields are "
                        + String.join(", ", KNOWN.keySet().stream().map(k -> "{{" + k + "}}").toList()));
            }
            rest.append(template, last, matcher.start());
            last = matcher.end();
        }
        rest.append(template.substring(last));
        if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
            problems.add(field, "has an unclosed merge field: write fields as {{contact.firstName}}");
        }
    }

    /** Fills the fields; a field without a value becomes empty. */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }
}
