package app.tickler.platform.audit;

import java.time.Instant;
import java.util.Map;

/** One entry of the append-only audit log. */
public record AuditEvent(long id, Instant occurredAt, Long actorId, String actorName, String clientAddress,
        String entityType, long entityId, String action, Map<String, Change> changes) {
}
