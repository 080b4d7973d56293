package app.tickler.party;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;

/**
 * Reads a list's filters and sort from query parameters — the same names in the pages, the API,
 * saved views and exports: {@code q, ownerId, teamId, level, stage, tag, doNotContact, trash, sort}
 * and {@code custom.<key>=value}.
 */
final class ListParams {

    private ListParams() {
    }

    static PartyList.Filter filter(Map<String, String> params) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Map<String, String> custom = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("custom.") && value != null && !value.isBlank()) {
                custom.put(name.substring("custom.".length()), value);
            }
        });
        PartyList.Filter filter = new PartyList.Filter(blank(params.get("q")),
                id(problems, "ownerId", params.get("ownerId"), UserId::new),
                id(problems, "teamId", params.get("teamId"), TeamId::new),
                value(problems, "level", params.get("level"), CustomerLevel.class),
                value(problems, "stage", params.get("stage"), RelationshipStage.class), blank(params.get("tag")),
                bool(params.get("doNotContact")), custom, "true".equals(params.get("trash")));
        problems.throwIfAny();
        return filter;
    }

    static PartyList.Sort sort(String text) {
        if (text == null || text.isBlank()) {
            return PartyList.Sort.NAME;
        }
        try {
            return PartyList.Sort.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("sort", "must be one of name, updated, created, last_touch");
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Boolean bool(String text) {
        return text == null || text.isBlank() ? null : Boolean.valueOf(text.strip());
    }

    private static <T> T id(InvalidInput.Collector problems, String field, String text,
            java.util.function.LongFunction<T> make) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return make.apply(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            problems.add(field, "is not an id");
            return null;
        }
    }

    private static <E extends Enum<E>> E value(InvalidInput.Collector problems, String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
