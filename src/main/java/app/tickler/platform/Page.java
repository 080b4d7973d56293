package app.tickler.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** Builds the page from rows fetched with {@link Paging#fetchSize()}. */
    public static <T> Page<T> of(List<T> fetched, Paging paging, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= paging.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, paging.limit());
        return new Page<>(items, cursorOf.apply(items.get(items.size() - 1)).encode());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
