package app.tickler.sales;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import app.tickler.party.BuyingRole;
import app.tickler.party.ContactId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.web.Patch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the sales fields of a JSON merge patch: ids, dates, whole numbers, contacts and custom values. */
final class PatchValues {

    private PatchValues() {
    }

    static <T> T id(Patch patch, String field, T current, LongFunction<T> make) {
        if (!patch.has(field)) {
            return current;
        }
        Long value = patch.number(field, null);
        return value == null ? null : make.apply(value);
    }

    static Integer integer(Patch patch, String field, Integer current) {
        if (!patch.has(field)) {
            return current;
        }
        Long value = patch.number(field, null);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInput(field, "is out of range");
        }
        return value.intValue();
    }

    static LocalDate date(Patch patch, String field, LocalDate current) {
        String text = patch.text(field, current == null ? null : current.toString());
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date YYYY-MM-DD");
        }
    }

    static List<Deal.DealContact> contacts(Patch patch, List<Deal.DealContact> current) {
        if (!patch.has("contacts")) {
            return current;
        }
        JsonNode node = patch.node("contacts");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInput("contacts", "must be a list of {\"contactId\", \"role\"}");
        }
        List<Deal.DealContact> contacts = new ArrayList<>();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = "contacts[" + i + "]";
            if (item == null || !item.isObject()) {
                problems.add(field, "must be {\"contactId\", \"role\"}");
                continue;
            }
            for (String name : item.propertyNames()) {
                if (!name.equals("contactId") && !name.equals("role")) {
                    problems.add(field + "." + name, "is not a field that can be written here");
                }
            }
            JsonNode id = item.get("contactId");
            Long contact = null;
            try {
                contact = id == null || id.isNull() ? null : Long.parseLong(id.asString().strip());
            } catch (NumberFormatException e) {
                problems.add(field + ".contactId", "is not an id");
            }
            BuyingRole role = null;
            JsonNode roleNode = item.get("role");
            if (roleNode != null && !roleNode.isNull()) {
                try {
                    role = BuyingRole.valueOf(roleNode.asString().strip().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(field + ".role", "must be one of " + java.util.Arrays.toString(BuyingRole.values()));
                }
            }
            contacts.add(new Deal.DealContact(contact == null ? null : new ContactId(contact), role));
        }
        problems.throwIfAny();
        return contacts;
    }

    /** The custom field values a patch sets (only those), or none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> custom(Patch patch, JsonMapper json) {
        if (!patch.has("custom")) {
            return Map.of();
        }
        JsonNode node = patch.node("custom");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidInput("custom", "must be an object of custom field values");
        }
        return new LinkedHashMap<>(json.treeToValue(node, Map.class));
    }
}
