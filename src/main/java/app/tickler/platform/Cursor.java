package app.tickler.platform;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The position after the last item of a page: the sort keys of that item, opaque to clients
 * (a JSON array of strings in URL-safe Base64, so that no character a key may hold can split it).
 * Lists continue with {@code WHERE (key1, id) > (:k1, :id)}, never with OFFSET.
 */
public record Cursor(List<String> keys) {

    private static final JsonMapper JSON = new JsonMapper();

    public Cursor {
        keys = List.copyOf(keys);
    }

    public static Cursor of(Object... keys) {
        List<String> texts = new ArrayList<>(keys.length);
        for (Object key : keys) {
            texts.add(key == null ? "" : key.toString());
        }
        return new Cursor(texts);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(keys));
    }

    /** Reads a client's cursor, refusing anything that is not one of ours with a 400 naming {@code cursor}. */
    public static Cursor decode(String text, int expectedKeys) {
        try {
            JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(text));
            if (array == null || !array.isArray() || array.size() != expectedKeys) {
                throw notACursor();
            }
            List<String> keys = new ArrayList<>(expectedKeys);
            for (JsonNode key : array) {
                if (!key.isString()) {
                    throw notACursor();
                }
                keys.add(key.asString());
            }
            return new Cursor(keys);
        } catch (IllegalArgumentException | JacksonException e) {
            throw notACursor();
        }
    }

    public String key(int index) {
        return keys.get(index);
    }

    public long longKey(int index) {
        try {
            return Long.parseLong(keys.get(index));
        } catch (NumberFormatException e) {
            throw notACursor();
        }
    }

    private static InvalidInput notACursor() {
        return new InvalidInput("cursor", "is not a cursor returned by this list");
    }
}
