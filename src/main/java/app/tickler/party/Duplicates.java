package app.tickler.party;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Finds likely duplicates: the same email, phone or website domain, or a near-identical name
 * (the same normal form, or one or two letters apart in names starting alike). Only records the caller
 * may see are named: a warning must not tell a rep what another team's records are called.
 */
@Component
public class Duplicates {

    /** A suspected duplicate and why. */
    public record Suspect(String type, String id, String name, List<String> reasons) {
    }

    private final AccountRepository accounts;
    private final ContactRepository contacts;

    Duplicates(AccountRepository accounts, ContactRepository contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    List<Suspect> ofAccount(AccountId self, AccountInput candidate) {
        long except = self == null ? 0L : self.value();
        String name = candidate.name() == null ? "" : candidate.name();
        String nameKey = PartyNames.matchKey(name, true);
        String domain = PartyNames.domain(candidate.website());
        String phone = PartyNames.phoneKey(candidate.phone());
        Map<Long, Suspect> found = new LinkedHashMap<>();
        List<Account> suspects = new ArrayList<>(accounts.sameAs(except, domain, phone, nameKey));
        if (nameKey.length() >= 3) {
            suspects.addAll(accounts.namedLike(except, nameKey.substring(0, 3)));
        }
        Actor actor = Actors.current();
        for (Account other : suspects) {
            if (!actor.canRead(Accounts.owner(other))) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (domain != null && domain.equals(other.domain())) {
                reasons.add("same website " + domain);
            }
            if (phone != null && phone.equals(PartyNames.phoneKey(other.phone()))) {
                reasons.add("same phone");
            }
            if (similar(nameKey, PartyNames.matchKey(other.name(), true))) {
                reasons.add("near-identical name");
            }
            if (!reasons.isEmpty()) {
                found.putIfAbsent(other.id().value(), new Suspect("account", Long.toString(other.id().value()),
                        other.name(), reasons));
            }
        }
        return List.copyOf(found.values());
    }

    List<Suspect> ofContact(ContactId self, ContactInput candidate) {
        long except = self == null ? 0L : self.value();
        String nameKey = PartyNames.matchKey(PartyNames.fullName(candidate.firstName(), candidate.lastName()), false);
        List<String> emails = candidate.emails() == null ? List.of() : candidate.emails().stream()
                .filter(Objects::nonNull).map(e -> PartyNames.emailKey(e.address())).filter(Objects::nonNull).toList();
        List<String> phones = candidate.phones() == null ? List.of() : candidate.phones().stream()
                .filter(Objects::nonNull).map(p -> PartyNames.phoneKey(p.number())).filter(Objects::nonNull).toList();
        List<Contact> suspects = new ArrayList<>(contacts.sameAs(except, emails, phones, nameKey));
        if (nameKey.length() >= 3) {
            suspects.addAll(contacts.namedLike(except, nameKey.substring(0, 3)));
        }
        Map<Long, Suspect> found = new LinkedHashMap<>();
        Actor actor = Actors.current();
        for (Contact other : suspects) {
            if (!actor.canRead(Contacts.owner(other))) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (other.emails().stream().anyMatch(e -> emails.contains(PartyNames.emailKey(e.address())))) {
                reasons.add("same email");
            }
            if (other.phones().stream().anyMatch(p -> phones.contains(PartyNames.phoneKey(p.number())))) {
                reasons.add("same phone");
            }
            if (similar(nameKey, PartyNames.matchKey(other.name(), false))) {
                reasons.add("near-identical name");
            }
            if (!reasons.isEmpty()) {
                found.putIfAbsent(other.id().value(), new Suspect("contact", Long.toString(other.id().value()),
                        other.name(), reasons));
            }
        }
        return List.copyOf(found.values());
    }

    /** The same normal form, or at most one edit apart per eight letters (two at most). */
    static boolean similar(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        int allowed = Math.min(2, Math.max(a.length(), b.length()) / 8);
        return allowed > 0 && Math.abs(a.length() - b.length()) <= allowed && distance(a, b) <= allowed;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
