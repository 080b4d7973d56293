package app.tickler.platform.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentHashMap;

import app.tickler.platform.EntityId;

/** Creates id records from their text or number form, for JSON and for path variables. */
final class EntityIds {

    private static final ConcurrentHashMap<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private EntityIds() {
    }

    static <T extends EntityId> T parse(Class<T> type, String text) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an id");
        }
        return of(type, value);
    }

    static <T extends EntityId> T of(Class<T> type, long value) {
        try {
            return type.cast(CONSTRUCTORS.computeIfAbsent(type, EntityIds::constructor).newInstance(value));
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot make " + type.getSimpleName(), e);
        }
    }

    private static Constructor<?> constructor(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(long.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " needs a constructor taking one long", e);
        }
    }
}
