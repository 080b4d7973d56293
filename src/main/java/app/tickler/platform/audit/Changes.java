package app.tickler.platform.audit;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The field diff of two versions of a record, for the audit log and the timeline: every record
 * component whose value differs, except bookkeeping such as {@code version} and {@code updatedAt}.
 */
public final class Changes {

    private static final Set<String> BOOKKEEPING = Set.of("version", "updatedAt", "createdAt", "workspaceId");

    private Changes() {
    }

    public static Map<String, Change> between(Record before, Record after, String... ignored) {
        if (before == null && after == null) {
            return Map.of();
        }
        Record sample = after != null ? after : before;
        Set<String> skip = Set.of(ignored);
        Map<String, Change> changes = new LinkedHashMap<>();
        for (RecordComponent component : sample.getClass().getRecordComponents()) {
            String name = component.getName();
            if (BOOKKEEPING.contains(name) || skip.contains(name)) {
                continue;
            }
            Object old = before == null ? null : value(component, before);
            Object now = after == null ? null : value(component, after);
            if (!Objects.equals(old, now)) {
                changes.put(name, new Change(old, now));
            }
        }
        return changes;
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
