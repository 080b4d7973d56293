package app.tickler.platform.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.InvalidInput.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON merge-patch body (RFC 7396): a field that is absent stays as it is, a field set to null is
 * cleared. Only the writable fields named by the endpoint are accepted — anything else ({@code id},
 * {@code workspaceId}, {@code createdAt}, a role the caller may not set…) is refused with a 400
 * naming it, never silently applied. {@code version} is always accepted: it guards the update.
 */
public final class Patch {

    private final JsonNode body;
    private final JsonMapper json;

    private Patch(JsonNode body, JsonMapper json) {
        this.body = body;
        this.json = json;
    }

    public static Patch of(JsonNode body, Set<String> writable) {
        return of(body, writable, null);
    }

    /** A patch that can also read lists, dates and nested objects (with the application's JSON mapper). */
    public static Patch of(JsonNode body, Set<String> writable, JsonMapper json) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "must be a JSON object");
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (!writable.contains(name) && !name.equals("version")) {
                problems.add(new FieldProblem(name, "is not a field that can be written here"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new Patch(body, json);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public String text(String field, String current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidInput(field, "must be a string");
        }
        return value.asString();
    }

    public Long number(String field, Long current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.asString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidInput(field, "must be a whole number");
            }
        }
        throw new InvalidInput(field, "must be a whole number");
    }

    public Boolean bool(String field, Boolean current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidInput(field, "must be true or false");
        }
        return value.asBoolean();
    }

    /** A yes-or-no field that always has a value: absent keeps {@code current}, and null is refused. */
    public boolean requiredBool(String field, boolean current) {
        if (body.has(field) && body.get(field).isNull()) {
            throw new InvalidInput(field, "cannot be null");
        }
        return bool(field, current);
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E current) {
        String text = text(field, current == null ? null : current.name());
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public JsonNode node(String field) {
        return body.get(field);
    }

    public LocalDate date(String field, LocalDate current) {
        String text = text(field, current == null ? null : current.toString());
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date YYYY-MM-DD");
        }
    }

    /** A list replaced as a whole (JSON merge patch has no partial arrays); null clears it. */
    public <T> List<T> list(String field, Class<T> type, List<T> current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidInput(field, "must be a list");
        }
        try {
            List<T> items = new ArrayList<>();
            for (JsonNode item : value) {
                items.add(json.treeToValue(item, type));
            }
            return items;
        } catch (JacksonException e) {
            throw new InvalidInput(field, "has an item of the wrong form");
        }
    }

    /** The nested object of a field as its own patch (its fields merge), or null when absent or null. */
    public Patch nested(String field, Set<String> writable) {
        if (!body.has(field) || body.get(field).isNull()) {
            return null;
        }
        if (!body.get(field).isObject()) {
            throw new InvalidInput(field, "must be an object");
        }
        try {
            return Patch.of(body.get(field), writable, json);
        } catch (InvalidInput e) {
            throw new InvalidInput(e.problems().stream()
                    .map(p -> new FieldProblem(field + "." + p.field(), p.message())).toList());
        }
    }

    /** Whether the field is present and explicitly null. */
    public boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    /** A free-form object (custom field values) as a map; absent gives an empty map. */
    public Map<String, Object> map(String field) {
        if (!body.has(field) || body.get(field).isNull()) {
            return Map.of();
        }
        if (!body.get(field).isObject()) {
            throw new InvalidInput(field, "must be an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : body.get(field).propertyNames()) {
            JsonNode value = body.get(field).get(name);
            values.put(name, value.isNull() ? null : json.treeToValue(value, Object.class));
        }
        return values;
    }

    /** The version the client based its change on: the body's {@code version} or the If-Match header. */
    public long version(String ifMatch) {
        return ETags.required(number("version", null), ifMatch);
    }
}
