package app.tickler.platform;

/** A page request: at most {@value #MAX_LIMIT} items after the cursor, if any. */
public record Paging(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public Paging {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && cursor.isBlank()) {
            cursor = null;
        }
    }

    public static Paging of(Integer limit, String cursor) {
        return new Paging(limit == null ? DEFAULT_LIMIT : limit, cursor);
    }

    public static Paging first(int limit) {
        return new Paging(limit, null);
    }

    public boolean hasCursor() {
        return cursor != null;
    }

    public Cursor after(int keys) {
        return Cursor.decode(cursor, keys);
    }

    /** Queries fetch one row more than the limit to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
