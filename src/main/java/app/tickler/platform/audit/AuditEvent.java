package app.tickler.platform.audit;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** One entry of the append-only audit log. Its ids are written to JSON as strings, like every id. */
public record AuditEvent(@JsonSerialize(using = ToStringSerializer.class) long id, Instant occurredAt,
        @JsonSerialize(using = ToStringSerializer.class) Long actorId, String actorName, String clientAddress,
        String entityType, @JsonSerialize(using = ToStringSerializer.class) long entityId, String action,
        Map<String, Change> changes) {
}
