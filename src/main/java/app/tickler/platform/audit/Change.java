package app.tickler.platform.audit;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One field's value before and after a change; either side may be null. {@code Long} values — ids,
 * mostly — are written to JSON as strings, since JavaScript numbers stop at 2^53.
 */
public record Change(@JsonSerialize(using = Change.LongsAsText.class) Object before,
        @JsonSerialize(using = Change.LongsAsText.class) Object after) {

    /** Writes a {@code Long} as text and any other value as it would be written anyway. */
    public static final class LongsAsText extends ValueSerializer<Object> {

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            if (value instanceof Long number) {
                generator.writeString(number.toString());
            } else {
                context.writeValue(generator, value);
            }
        }
    }
}
