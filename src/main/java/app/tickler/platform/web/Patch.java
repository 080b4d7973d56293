package app.tickler.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.InvalidInput.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge-patch body (RFC 7396): a field that is absent stays as it is, a field set to null is
 * cleared. Only the writable fields named by the endpoint are accepted — anything else ({@code id},
 * {@code workspaceId}, {@code createdAt}, a role the caller may not set…) is refused with a 400
 * naming it, never silently applied. {@code version} is always accepted: it guards the update.
 */
public final class Patch {

    private final JsonNode body;

    private Patch(JsonNode body) {
        this.body = body;
    }

    public static Patch of(JsonNode body, Set<String> writable) {
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
        return new Patch(body);
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

    /** The version the client based its change on: the body's {@code version} or the If-Match header. */
    public long version(String ifMatch) {
        return ETags.required(number("version", null), ifMatch);
    }
}
