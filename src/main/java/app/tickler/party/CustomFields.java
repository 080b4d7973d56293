package app.tickler.party;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Custom field definitions and the validation of their values, for every module whose records
 * carry a {@code custom} JSON column (accounts, contacts, leads, deals).
 */
@Service
public class CustomFields {

    /** The entities that have custom fields. */
    public static final Set<String> ENTITIES = Set.of("account", "contact", "lead", "deal");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    private static final int MAX_TEXT = 2000;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public record Definition(String entity, String key, String label, CustomFieldType type, List<String> options,
            Boolean required, Integer position) {
    }

    static final class CustomFieldNotFound extends NotFound {
        CustomFieldNotFound(long id) {
            super("Custom field", id);
        }
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Dialect dialect;
    private final RowMapper<CustomField> row;

    CustomFields(JdbcClient jdbc, IdGenerator ids, Clock clock, AuditLog audit, JsonMapper json, Dialect dialect) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
        this.dialect = dialect;
        this.row = (rs, n) -> new CustomField(new CustomFieldId(rs.getLong("id")), rs.getString("entity"),
                rs.getString("field_key"), rs.getString("label"), CustomFieldType.valueOf(rs.getString("type")),
                json.readValue(rs.getString("options"), STRINGS), rs.getBoolean("required"), rs.getInt("position"),
                rs.getBoolean("archived"), rs.getLong("version"));
    }

    // --- definitions ------------------------------------------------------------------------

    /** The fields of an entity in display order, archived ones included when asked. */
    public List<CustomField> of(String entity, boolean includeArchived) {
        return jdbc.sql("SELECT * FROM custom_fields WHERE workspace_id = :workspace AND entity = :entity"
                        + (includeArchived ? "" : " AND archived = FALSE") + " ORDER BY position, label, id")
                .param("workspace", workspace()).param("entity", entity).query(row).list();
    }

    public List<CustomField> all() {
        return jdbc.sql("SELECT * FROM custom_fields WHERE workspace_id = :workspace ORDER BY entity, position, label, id")
                .param("workspace", workspace()).query(row).list();
    }

    public CustomField get(long id) {
        return jdbc.sql("SELECT * FROM custom_fields WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).query(row).optional()
                .orElseThrow(() -> new CustomFieldNotFound(id));
    }

    @Transactional
    public CustomField define(Definition definition) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(definition.entity() != null && ENTITIES.contains(definition.entity()), "entity",
                "must be one of " + ENTITIES);
        problems.check(definition.key() != null && KEY.matcher(definition.key()).matches(), "key",
                "must start with a letter and use only a-z, 0-9 and _ (at most 50)");
        problems.check(definition.type() != null, "type", "is required");
        String label = checkLabel(problems, definition.label());
        List<String> options = checkOptions(problems, definition.type(), definition.options());
        if (problems.isEmpty() && find(definition.entity(), definition.key()).isPresent()) {
            problems.add("key", "is already used by another " + definition.entity() + " field");
        }
        problems.throwIfAny();
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO custom_fields (workspace_id, id, entity, field_key, label, type, options, required, position,
                                           archived, version, created_at, updated_at)
                VALUES (:workspace, :id, :entity, :key, :label, :type, :options, :required, :position, FALSE, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("entity", definition.entity())
                .param("key", definition.key()).param("label", label).param("type", definition.type().name())
                .param("options", json.writeValueAsString(options))
                .param("required", Boolean.TRUE.equals(definition.required()))
                .param("position", definition.position() == null ? 0 : definition.position()).param("now", now).update();
        CustomField created = get(id);
        audit.record("customField", id, "created", Changes.between(null, created));
        return created;
    }

    /** Label, options, required and position can change; the key, entity and type cannot. */
    @Transactional
    public CustomField change(long id, String label, List<String> options, boolean required, int position,
            boolean archived, long version) {
        CustomField current = get(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String cleanLabel = checkLabel(problems, label);
        List<String> cleanOptions = checkOptions(problems, current.type(), options);
        problems.throwIfAny();
        int updated = jdbc.sql("""
                UPDATE custom_fields SET label = :label, options = :options, required = :required, position = :position,
                       archived = :archived, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("label", cleanLabel).param("options", json.writeValueAsString(cleanOptions))
                .param("required", required).param("position", position).param("archived", archived)
                .param("now", clock.millis()).param("workspace", workspace()).param("id", id).param("version", version)
                .update();
        if (updated == 0) {
            throw new StaleVersion("The custom field", current.version());
        }
        CustomField changed = get(id);
        audit.record("customField", id, "updated", Changes.between(current, changed));
        return changed;
    }

    private Optional<CustomField> find(String entity, String key) {
        return jdbc.sql("SELECT * FROM custom_fields WHERE workspace_id = :workspace AND entity = :entity AND field_key = :key")
                .param("workspace", workspace()).param("entity", entity).param("key", key).query(row).optional();
    }

    private static String checkLabel(InvalidInput.Collector problems, String label) {
        String clean = label == null ? "" : label.strip();
        problems.check(!clean.isEmpty() && clean.length() <= 100, "label", "is required (at most 100 characters)");
        return clean;
    }

    private static List<String> checkOptions(InvalidInput.Collector problems, CustomFieldType type, List<String> options) {
        List<String> clean = options == null ? List.of()
                : options.stream().map(o -> o == null ? "" : o.strip()).filter(o -> !o.isEmpty()).distinct().toList();
        boolean choice = type == CustomFieldType.SELECT || type == CustomFieldType.MULTI_SELECT;
        if (choice && clean.isEmpty()) {
            problems.add("options", "must list at least one option for a " + type + " field");
        }
        if (!choice && !clean.isEmpty()) {
            problems.add("options", "are only for SELECT and MULTI_SELECT fields");
        }
        problems.check(clean.stream().allMatch(o -> o.length() <= 100), "options", "must each be at most 100 characters");
        return clean;
    }

    // --- values -----------------------------------------------------------------------------

    /**
     * Validates values for a record of {@code entity} and returns them in their stored form. On an
     * update, {@code current} holds the record's values and {@code changes} the keys being set (null
     * removes a value); on a create, {@code current} is empty. A required field must have a value on
     * a create, and cannot be cleared later; records older than the field's definition are not
     * refused other changes for lacking it. Problems are named {@code custom.<key>}.
     */
    public Map<String, Object> validate(String entity, Map<String, Object> current, Map<String, Object> changes,
            boolean creating) {
        return validate(entity, current, changes, creating, of(entity, true));
    }

    /** As {@link #validate(String, Map, Map, boolean)} with the entity's definitions (archived ones too) read once for many records. */
    Map<String, Object> validate(String entity, Map<String, Object> current, Map<String, Object> changes,
            boolean creating, List<CustomField> definitions) {
        Map<String, CustomField> fields = new LinkedHashMap<>();
        definitions.forEach(f -> fields.put(f.key(), f));
        Map<String, Object> result = new LinkedHashMap<>(current);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String name = "custom." + change.getKey();
            CustomField field = fields.get(change.getKey());
            if (field == null) {
                problems.add(name, "is not a custom field of " + entity + "s");
                continue;
            }
            if (field.archived()) {
                problems.add(name, "is archived and can no longer be set");
                continue;
            }
            Object value = blankToNull(change.getValue());
            if (value == null) {
                result.remove(field.key());
                continue;
            }
            try {
                result.put(field.key(), normalise(field, value));
            } catch (IllegalArgumentException e) {
                problems.add(name, e.getMessage());
            }
        }
        for (CustomField field : fields.values()) {
            boolean concerned = creating || changes.containsKey(field.key());
            if (concerned && field.required() && !field.archived() && blankToNull(result.get(field.key())) == null) {
                problems.add("custom." + field.key(), "is required");
            }
        }
        problems.throwIfAny();
        return result;
    }

    /**
     * The custom field values of an entity as a form posted them: {@code custom.<key>} parameters (several
     * for a multi-select) and a {@code custom.<key>.shown} marker, so that an unticked box or an emptied
     * multi-select clears the value while fields the form did not show stay untouched.
     */
    public Map<String, Object> fromForm(String entity, Map<String, String[]> parameters) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (CustomField field : of(entity, false)) {
            String[] texts = parameters.get("custom." + field.key());
            boolean shown = parameters.containsKey("custom." + field.key() + ".shown");
            if (texts != null || shown) {
                values.put(field.key(), fromForm(field, texts == null ? List.of() : java.util.Arrays.asList(texts)));
            }
        }
        return values;
    }

    /** Reads a form's text for a field ("" clears it): numbers, dates, yes/no and options as typed. */
    public Object fromForm(CustomField field, List<String> texts) {
        List<String> values = texts == null ? List.of() : texts.stream().filter(t -> t != null && !t.isBlank()).toList();
        if (values.isEmpty()) {
            return field.type() == CustomFieldType.BOOLEAN ? Boolean.FALSE : null;
        }
        return switch (field.type()) {
            case MULTI_SELECT -> values;
            case BOOLEAN -> values.contains("true") || values.contains("on");
            case MONEY -> Map.of("amount", values.get(0), "currency", values.size() > 1 ? values.get(1) : "");
            default -> values.get(0);
        };
    }

    private static Object normalise(CustomField field, Object value) {
        return switch (field.type()) {
            case TEXT -> {
                String text = value.toString().strip();
                if (text.length() > MAX_TEXT) {
                    throw new IllegalArgumentException("must be at most " + MAX_TEXT + " characters");
                }
                yield text;
            }
            case NUMBER -> number(value);
            case MONEY -> money(value);
            case DATE -> {
                try {
                    yield LocalDate.parse(value.toString().strip()).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date YYYY-MM-DD");
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                String text = value.toString().strip().toLowerCase(Locale.ROOT);
                if (Set.of("true", "yes", "1").contains(text)) {
                    yield true;
                }
                if (Set.of("false", "no", "0").contains(text)) {
                    yield false;
                }
                throw new IllegalArgumentException("must be true or false");
            }
            case SELECT -> option(field, value.toString());
            case MULTI_SELECT -> {
                Collection<?> items = value instanceof Collection<?> c ? c : List.of(value.toString().split("\\s*;\\s*"));
                List<String> chosen = new ArrayList<>();
                for (Object item : items) {
                    String option = option(field, String.valueOf(item));
                    if (!chosen.contains(option)) {
                        chosen.add(option);
                    }
                }
                yield chosen;
            }
        };
    }

    private static BigDecimal number(Object value) {
        try {
            return value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
    }

    private static Map<String, Object> money(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("must be {\"amount\": minor units, \"currency\": \"EUR\"}");
        }
        Object amount = map.get("amount");
        long minor;
        try {
            minor = amount instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(amount).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a whole number of minor units (cents)");
        }
        String currency = String.valueOf(map.get("currency")).strip().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR");
        }
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("amount", minor);
        money.put("currency", currency);
        return money;
    }

    private static String option(CustomField field, String value) {
        String text = value.strip();
        return field.options().stream().filter(o -> o.equalsIgnoreCase(text)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("must be one of " + field.options()));
    }

    private static Object blankToNull(Object value) {
        if (value instanceof String s && s.isBlank()) {
            return null;
        }
        if (value instanceof Collection<?> c && c.isEmpty()) {
            return null;
        }
        return value;
    }

    // --- filtering --------------------------------------------------------------------------

    /**
     * A list condition "the field equals (or, for multi-select, contains) this value" on the custom
     * column of {@code alias}, with its parameter. The key comes from a definition, never from input.
     */
    public record Condition(String sql, String parameter, Object value) {
    }

    public Condition condition(String entity, String alias, String key, String value, int index) {
        CustomField field = find(entity, key).orElseThrow(
                () -> new InvalidInput("custom." + key, "is not a custom field of " + entity + "s"));
        Object normal;
        try {
            normal = field.type() == CustomFieldType.MULTI_SELECT ? option(field, value) : normalise(field, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("custom." + key, e.getMessage());
        }
        String parameter = "custom" + index;
        String column = alias + ".custom";
        String sql = switch (field.type()) {
            case MULTI_SELECT -> dialect == Dialect.SQLITE
                    ? "EXISTS (SELECT 1 FROM json_each(" + column + ", '$." + field.key() + "') WHERE value = :" + parameter + ")"
                    : "jsonb_exists(" + column + "::jsonb -> '" + field.key() + "', :" + parameter + ")";
            case BOOLEAN -> dialect == Dialect.SQLITE
                    ? "json_extract(" + column + ", '$." + field.key() + "') = :" + parameter
                    : "(" + column + "::jsonb ->> '" + field.key() + "')::boolean = :" + parameter;
            case NUMBER -> "CAST(" + dialect.jsonValue(column, field.key()) + " AS NUMERIC) = :" + parameter;
            case MONEY -> "CAST(" + dialect.jsonValue(column, field.key(), "amount") + " AS NUMERIC) = :" + parameter;
            default -> dialect.jsonValue(column, field.key()) + " = :" + parameter;
        };
        Object bound = switch (field.type()) {
            case BOOLEAN -> dialect == Dialect.SQLITE ? ((Boolean) normal ? 1 : 0) : normal;
            case MONEY -> ((Map<?, ?>) normal).get("amount");
            default -> normal;
        };
        return new Condition(sql, parameter, bound);
    }

    Map<String, Object> read(String custom) {
        return custom == null || custom.isBlank() ? Map.of() : json.readValue(custom, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    String write(Map<String, Object> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        return json.writeValueAsString(values);
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
