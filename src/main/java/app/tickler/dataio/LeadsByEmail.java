package app.tickler.dataio;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.tickler.platform.security.Actors;
import app.tickler.sales.EditableLead;
import app.tickler.sales.LeadId;
import app.tickler.sales.SalesCycle;

/**
 * The leads a run's batch (or the preview's lines) may match by email — a lead import's lines, or the
 * leads a touch import's lines name: the leads having the lines' emails, read in one query, and those
 * leads in one more; an email not read yet is read when a line asks for it, and the emails of a lead a
 * line wrote are read again.
 */
final class LeadsByEmail {

    private final SalesCycle sales;
    private final Map<String, List<LeadId>> byEmail = new HashMap<>();
    private final Set<String> looked = new HashSet<>();
    private final Map<Long, EditableLead> leads = new HashMap<>();

    LeadsByEmail(SalesCycle sales, Collection<String> emails) {
        this.sales = sales;
        read(emails);
    }

    /** Reads the leads of these emails not read yet: the emails in one query, the leads in one more. */
    void read(Collection<String> emails) {
        List<String> keys = emails.stream().map(LeadsByEmail::key).distinct().filter(k -> !looked.contains(k)).toList();
        if (keys.isEmpty()) {
            return;
        }
        Map<String, List<LeadId>> found = sales.leadsWithEmails(keys);
        byEmail.putAll(found);
        looked.addAll(keys);
        List<LeadId> matched = found.values().stream().flatMap(List::stream).distinct()
                .filter(id -> !leads.containsKey(id.value())).toList();
        if (!matched.isEmpty()) {
            sales.editableLeads(matched).forEach((id, lead) -> leads.put(id.value(), lead));
        }
    }

    /** The oldest lead with this email that the caller may see. */
    Optional<EditableLead> first(String email) {
        String key = key(email);
        if (looked.add(key)) {
            byEmail.putAll(sales.leadsWithEmails(List.of(key)));
        }
        for (LeadId id : byEmail.getOrDefault(key, List.of())) {
            EditableLead lead = leads.containsKey(id.value()) ? leads.get(id.value()) : sales.editableLead(id).orElse(null);
            if (lead != null && Actors.current().canRead(lead.owner())) {
                return Optional.of(lead);
            }
        }
        return Optional.empty();
    }

    /** A lead created or changed by a line: later lines look its emails and the lead up again. */
    void written(long id, String before, String after) {
        leads.remove(id);
        for (String email : Arrays.asList(before, after)) {
            if (email != null) {
                looked.remove(key(email));
                byEmail.remove(key(email));
            }
        }
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
