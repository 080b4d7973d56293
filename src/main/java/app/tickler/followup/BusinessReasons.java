package app.tickler.followup;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actors;

/**
 * The workspace's list of business reasons. Seeded for every new workspace; managers rename, add,
 * reorder and archive them. The engine finds the ones it uses itself by their code.
 */
@Service
class BusinessReasons {

    static final class ReasonNotFound extends NotFound {
        ReasonNotFound(long id) {
            super("Business reason", id);
        }
    }

    /** The reasons the engine plans with itself. */
    enum Code {
        CHECK_IN, REASSESSMENT, CALLBACK, PROMISE, THANK_YOU, PRICING_UPDATE, NEW_PRODUCT, INSIGHT, SEASONAL,
        HOLIDAY_NOTICE, SERVICE, ONBOARDING, OTHER
    }

    private record Seed(Code code, String name, boolean valueAdding) {
    }

    /** Seed 004: "an update on pricing, or a new product, or that you are on holiday for a week are valid reasons". */
    private static final List<Seed> SEEDS = List.of(
            new Seed(Code.THANK_YOU, "Thank you", false),
            new Seed(Code.PRICING_UPDATE, "Pricing update", true),
            new Seed(Code.NEW_PRODUCT, "New product", true),
            new Seed(Code.INSIGHT, "Pertinent information or insight", true),
            new Seed(Code.SEASONAL, "Seasonal greeting", false),
            new Seed(Code.HOLIDAY_NOTICE, "Holiday notice", false),
            new Seed(Code.SERVICE, "Service", true),
            new Seed(Code.ONBOARDING, "Onboarding help", true),
            new Seed(Code.CHECK_IN, "Regular check-in", false),
            new Seed(Code.REASSESSMENT, "Customer level reassessment", false),
            new Seed(Code.CALLBACK, "Return a call", true),
            new Seed(Code.PROMISE, "Keep a promise", true),
            new Seed(Code.OTHER, "Other", false));

    record Input(String name, Boolean valueAdding, Integer position, Boolean archived) {
    }

    private static final RowMapper<BusinessReason> ROW = (rs, n) -> new BusinessReason(
            new BusinessReasonId(rs.getLong("id")), rs.getString("name"), rs.getBoolean("value_adding"),
            rs.getInt("position"), rs.getBoolean("archived"), rs.getLong("version"));

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    BusinessReasons(JdbcClient jdbc, IdGenerator ids, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** Gives a new workspace the shipped reasons (called in the workspace's creating transaction). */
    void seed() {
        int position = 0;
        for (Seed seed : SEEDS) {
            insert(seed.name(), seed.code().name(), seed.valueAdding(), position += 10);
        }
    }

    List<BusinessReason> all(boolean includeArchived) {
        return jdbc.sql("SELECT * FROM business_reasons WHERE workspace_id = :workspace"
                + (includeArchived ? "" : " AND archived = FALSE") + " ORDER BY position, id")
                .param("workspace", workspace()).query(ROW).list();
    }

    Optional<BusinessReason> find(long id) {
        return jdbc.sql("SELECT * FROM business_reasons WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).query(ROW).optional();
    }

    BusinessReason get(BusinessReasonId id) {
        return find(id.value()).orElseThrow(() -> new ReasonNotFound(id.value()));
    }

    /** The id of a reason the engine uses itself; null when a manager deleted its code's row (never: codes cannot be removed). */
    BusinessReasonId byCode(Code code) {
        return jdbc.sql("SELECT id FROM business_reasons WHERE workspace_id = :workspace AND code = :code")
                .param("workspace", workspace()).param("code", code.name()).query(Long.class).optional()
                .map(BusinessReasonId::new).orElse(null);
    }

    /** Checks a reason chosen for a touch, follow-up or step: it must exist in the workspace and not be archived. */
    void check(InvalidInput.Collector problems, String field, BusinessReasonId id) {
        if (id == null) {
            return;
        }
        BusinessReason reason = find(id.value()).orElse(null);
        if (reason == null) {
            problems.add(field, "is not a business reason of this workspace");
        } else if (reason.archived()) {
            problems.add(field, "is archived; choose a current reason");
        }
    }

    @Transactional
    BusinessReason create(Input input) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = name(problems, input.name(), null);
        problems.throwIfAny();
        int position = input.position() != null ? input.position()
                : jdbc.sql("SELECT COALESCE(MAX(position), 0) + 10 FROM business_reasons WHERE workspace_id = :workspace")
                        .param("workspace", workspace()).query(Integer.class).single();
        long id = insert(name, null, Boolean.TRUE.equals(input.valueAdding()), position);
        BusinessReason created = find(id).orElseThrow();
        audit.record("businessReason", id, "created", Changes.between(null, created));
        return created;
    }

    @Transactional
    BusinessReason update(BusinessReasonId id, Input input, long version) {
        BusinessReason before = get(id);
        if (before.version() != version) {
            throw new StaleVersion("The business reason", before.version());
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = input.name() == null ? before.name() : name(problems, input.name(), id);
        problems.throwIfAny();
        jdbc.sql("""
                UPDATE business_reasons SET name = :name, value_adding = :valueAdding, position = :position,
                       archived = :archived, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("name", name)
                .param("valueAdding", input.valueAdding() == null ? before.valueAdding() : input.valueAdding())
                .param("position", input.position() == null ? before.position() : input.position())
                .param("archived", input.archived() == null ? before.archived() : input.archived())
                .param("now", clock.millis()).param("workspace", workspace()).param("id", id.value())
                .param("version", version).update();
        BusinessReason after = get(id);
        audit.record("businessReason", id.value(), "updated", Changes.between(before, after));
        return after;
    }

    /** Names of the reasons by id, for lists. */
    Map<Long, BusinessReason> byId() {
        return all(true).stream().collect(java.util.stream.Collectors.toMap(r -> r.id().value(), r -> r));
    }

    private String name(InvalidInput.Collector problems, String raw, BusinessReasonId self) {
        String name = raw == null ? null : raw.strip();
        if (name == null || name.isEmpty()) {
            problems.add("name", "is required");
            return null;
        }
        if (name.length() > 100) {
            problems.add("name", "must have at most 100 characters");
            return null;
        }
        boolean taken = jdbc.sql("SELECT id FROM business_reasons WHERE workspace_id = :workspace AND LOWER(name) = LOWER(:name)")
                .param("workspace", workspace()).param("name", name).query(Long.class).list().stream()
                .anyMatch(other -> self == null || other != self.value());
        if (taken) {
            problems.add("name", "is already a reason of this workspace");
        }
        return name;
    }

    private long insert(String name, String code, boolean valueAdding, int position) {
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO business_reasons (workspace_id, id, name, code, value_adding, position, archived, version,
                                              created_at, updated_at)
                VALUES (:workspace, :id, :name, :code, :valueAdding, :position, FALSE, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("name", name).param("code", code)
                .param("valueAdding", valueAdding).param("position", position).param("now", now).update();
        return id;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
