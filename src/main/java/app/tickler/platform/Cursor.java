package app.tickler.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The position after the last item of a page: the sort keys of that item, opaque to clients
 * (URL-safe Base64). Lists continue with {@code WHERE (key1, id) > (:k1, :id)}, never with OFFSET.
 */
public record Cursor(List<String> keys) {

    private static final char SEPARATOR = '\u001f';

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
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), keys).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a client's cursor, refusing anything that is not one of ours with a 400 naming {@code cursor}. */
    public static Cursor decode(String text, int expectedKeys) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            List<String> keys = List.of(joined.split(String.valueOf(SEPARATOR), -1));
            if (keys.size() != expectedKeys) {
                throw new IllegalArgumentException();
            }
            return new Cursor(keys);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("cursor", "is not a cursor returned by this list");
        }
    }

    public String key(int index) {
        return keys.get(index);
    }

    public long longKey(int index) {
        try {
            return Long.parseLong(keys.get(index));
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor", "is not a cursor returned by this list");
        }
    }
}
