package app.tickler.dataio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import app.tickler.followup.Direction;
import app.tickler.followup.FollowUps;
import app.tickler.followup.ImportedTouch;
import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actors;
import app.tickler.sales.DealId;
import app.tickler.sales.DealSummary;
import app.tickler.sales.EditableLead;
import app.tickler.sales.LeadId;
import app.tickler.sales.SalesCycle;

/**
 * The lines of a touch import (an activity history): each becomes an {@link ImportedTouch} on records
 * that exist already and that the importer may see — a contact by email or by the id of an earlier
 * import, a lead likewise (by its own columns, or by a contact column when no contact has that email or
 * id: an activity export names a lead where it names a contact), an account by name or earlier id (else
 * the contact's organisation, else the deal's account), a deal by earlier id or by its name within that
 * account. An import of touches creates no contact, lead, account or deal: a record the importer cannot
 * see is "not found", exactly as one that does not exist. Used by the run (a batch's lookups cached, its
 * emails and earlier ids read in one query per kind of record) and by the preview.
 */
@Component
class TouchLines {

    /** A line read: the touch and its key (the activity id, else a fingerprint), or why it is skipped. */
    record Line(ImportedTouch touch, String key, String skipped) {
    }

    private final Parties parties;
    private final SalesCycle sales;
    private final ImportRepository imports;
    private final FollowUps followUps;

    TouchLines(Parties parties, SalesCycle sales, ImportRepository imports, FollowUps followUps) {
        this.parties = parties;
        this.sales = sales;
        this.imports = imports;
        this.followUps = followUps;
    }

    Lookups lookups() {
        return new Lookups();
    }

    /**
     * The line's touch; problems are named by the import's fields ({@code contactEmail}, {@code occurredAt})
     * and thrown together. A to-do, a note or an activity not done yet is skipped, not an error.
     */
    Line line(Lookups lookups, Map<String, String> values, Function<String, UserId> authors) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String typeText = Conversion.text(values, "channel");
        if (TouchConversion.notATouch(typeText)) {
            return new Line(null, null, "'" + Conversion.shorten(typeText) + "' is a to-do or a note, not a touch");
        }
        boolean done = TouchConversion.done(problems, Conversion.text(values, "done"));
        if (!done) {
            return new Line(null, null, "not done: only what happened is history");
        }
        TouchConversion.Type type = TouchConversion.type(problems, typeText);
        Direction direction = TouchConversion.direction(problems, Conversion.text(values, "direction"), type);
        TouchConversion.Result result = TouchConversion.result(problems, Conversion.text(values, "outcome"));
        Instant at = TouchConversion.occurredAt(problems, Conversion.text(values, "occurredAt"),
                Conversion.text(values, "occurredTime"), Actors.current().zone());
        String notes = TouchConversion.notes(Conversion.text(values, "subject"), Conversion.text(values, "notes"));

        List<Contact> contacts = new ArrayList<>();
        List<Long> leads = new ArrayList<>();
        for (String email : TouchConversion.emails(Conversion.text(values, "contactEmail"))) {
            Contact contact = lookups.contactWithEmail(email);
            named(problems, "contactEmail", email, contact, contact == null ? lookups.leadWithEmail(email) : null,
                    "is not the email of a contact or lead you can see (import them first)", contacts, leads);
        }
        String contactExternal = Conversion.text(values, "contactExternalId");
        if (contactExternal != null) {
            Contact contact = lookups.contactImported(contactExternal);
            named(problems, "contactExternalId", contactExternal, contact,
                    contact == null ? lookups.leadImported(contactExternal) : null,
                    "is not the id of a contact or lead imported before that you can see (import them first)", contacts,
                    leads);
        }
        for (String email : TouchConversion.emails(Conversion.text(values, "leadEmail"))) {
            named(problems, "leadEmail", email, null, lookups.leadWithEmail(email),
                    "is not the email of a lead you can see (import the leads first)", contacts, leads);
        }
        String leadExternal = Conversion.text(values, "leadExternalId");
        if (leadExternal != null) {
            named(problems, "leadExternalId", leadExternal, null, lookups.leadImported(leadExternal),
                    "is not the id of a lead imported before that you can see (import the leads first)", contacts, leads);
        }
        AccountId account = null;
        String accountName = Conversion.text(values, "account");
        String accountExternal = Conversion.text(values, "accountExternalId");
        if (accountExternal != null) {
            account = lookups.accountImported(accountExternal);
            if (account == null) {
                problems.add("accountExternalId", "'" + Conversion.shorten(accountExternal)
                        + "' is not the id of an account imported before that you can see (import the accounts first)");
            }
        } else if (accountName != null) {
            account = lookups.accountNamed(accountName);
            if (account == null) {
                problems.add("account", "'" + Conversion.shorten(accountName) + "' is not an account you can see");
            }
        }
        if (account == null && accountName == null && accountExternal == null && !contacts.isEmpty()
                && !contacts.get(0).accounts().isEmpty()) {
            // as a touch logged with a contact: on the person's organisation too
            account = contacts.get(0).accounts().get(0).accountId();
        }
        DealSummary deal = null;
        String dealExternal = Conversion.text(values, "dealExternalId");
        String dealName = Conversion.text(values, "deal");
        if (dealExternal != null) {
            deal = lookups.dealImported(dealExternal);
            if (deal == null) {
                problems.add("dealExternalId", "'" + Conversion.shorten(dealExternal)
                        + "' is not the id of a deal imported before that you can see (import the deals first)");
            }
        } else if (dealName != null) {
            if (account == null) {
                if (!problems.has("account") && !problems.has("accountExternalId") && !problems.has("contactEmail")) {
                    problems.add("deal", "needs the deal's account (an account column, or a contact of it) to be found"
                            + " by name");
                }
            } else {
                deal = lookups.dealNamed(account, dealName);
                if (deal == null) {
                    problems.add("deal", "'" + Conversion.shorten(dealName) + "' is not a deal you can see of that account");
                }
            }
        }
        if (account == null && deal != null) {
            account = deal.accountId();
        }
        UserId author = null;
        String authorText = Conversion.text(values, "loggedBy");
        if (authorText != null) {
            // a colleague who has left is named too: the history is theirs
            author = authors.apply(authorText);
            if (author == null) {
                problems.add("loggedBy", "'" + Conversion.shorten(authorText)
                        + "' is not a user of this workspace (give their email)");
            }
        }
        boolean named = !problems.has("contactEmail") && !problems.has("contactExternalId") && !problems.has("leadEmail")
                && !problems.has("leadExternalId") && !problems.has("account") && !problems.has("accountExternalId")
                && !problems.has("deal") && !problems.has("dealExternalId");
        Long lead = leads.isEmpty() ? null : leads.get(0);
        if (named && contacts.isEmpty() && lead == null && account == null && deal == null) {
            problems.add("contactEmail", "or leadEmail, account or deal is required: a touch is with someone");
        }
        problems.throwIfAny();
        ImportedTouch touch = new ImportedTouch(at, type.channel(), direction, account,
                contacts.stream().map(Contact::id).toList(), lead, deal == null ? null : deal.id().value(), notes,
                result.reached(), result.outcome(), author);
        try {
            followUps.checkImportedTouch(touch);
        } catch (InvalidInput invalid) {
            List<InvalidInput.FieldProblem> renamed = invalid.problems().stream().map(p -> new InvalidInput.FieldProblem(
                    switch (p.field()) {
                        case "contactIds" -> "contactEmail";
                        case "accountId" -> "account";
                        case "leadId" -> "leadEmail";
                        case "dealId" -> "deal";
                        default -> p.field();
                    }, p.message())).toList();
            throw new InvalidInput(renamed);
        }
        String external = Conversion.text(values, "externalId");
        return new Line(touch, external != null ? external : fingerprint(touch), null);
    }

    /** A touch is on one lead at most (as a CRM's activity is): a second one the line names is its problem. */
    /** The person a cell names: its contact, else its lead; neither is a problem of the cell's field. */
    private static void named(InvalidInput.Collector problems, String field, String cell, Contact contact, Long leadId,
            String neither, List<Contact> contacts, List<Long> leads) {
        if (contact != null) {
            if (contacts.stream().noneMatch(c -> c.id().equals(contact.id()))) {
                contacts.add(contact);
            }
        } else if (leadId != null) {
            oneLead(problems, field, cell, leads, leadId);
        } else {
            problems.add(field, "'" + Conversion.shorten(cell) + "' " + neither);
        }
    }

    private static void oneLead(InvalidInput.Collector problems, String field, String cell, List<Long> leads,
            Long found) {
        if (leads.isEmpty()) {
            leads.add(found);
        } else if (!leads.contains(found)) {
            problems.add(field, "'" + Conversion.shorten(cell) + "' is a second lead: a touch is with one lead at most");
        }
    }

    /**
     * A touch has no natural key: without an activity id, a line is known by what it says — the same
     * records, channel, direction, moment, notes, author and result give the same key, so the same file
     * imported again is recognised line by line.
     */
    static String fingerprint(ImportedTouch touch) {
        String text = String.join("\u001f", String.valueOf(touch.channel()), String.valueOf(touch.direction()),
                Long.toString(touch.occurredAt().toEpochMilli()),
                touch.accountId() == null ? "" : Long.toString(touch.accountId().value()),
                touch.contactIds().stream().map(c -> Long.toString(c.value())).sorted().reduce((a, b) -> a + "," + b)
                        .orElse(""),
                Objects.toString(touch.dealId(), ""), Objects.toString(touch.notes(), ""),
                touch.loggedBy() == null ? "" : Long.toString(touch.loggedBy().value()),
                Objects.toString(touch.reached(), ""), Objects.toString(touch.outcome(), ""));
        if (touch.leadId() != null) {
            // only with a lead, so that the lines of earlier imports keep their keys
            text += "\u001flead:" + touch.leadId();
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "line:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a batch's lines look up, each key once: contacts, leads, accounts and deals the importer may see. */
    final class Lookups {
        private final Map<String, Optional<Contact>> byEmail = new HashMap<>();
        private final Map<String, Optional<Contact>> byExternal = new HashMap<>();
        private final LeadsByEmail leadsByEmail = new LeadsByEmail(sales, List.of());
        private final Map<String, Optional<Long>> leadsByExternal = new HashMap<>();
        private final Map<String, Optional<AccountId>> accountsByName = new HashMap<>();
        private final Map<String, Optional<AccountId>> accountsByExternal = new HashMap<>();
        private final Map<String, Optional<DealSummary>> dealsByExternal = new HashMap<>();
        private final Map<AccountId, List<DealSummary>> dealsOf = new HashMap<>();

        /**
         * Reads the contacts of these emails and earlier contact ids in one query each (and one for the
         * contacts), then the leads of these lead emails and ids and of the contact emails and ids no
         * contact has, likewise.
         */
        void prefetch(Collection<String> emails, Collection<String> contactExternals, Collection<String> leadEmails,
                Collection<String> leadExternals) {
            List<String> keys = emails.stream().map(TouchLines::key).distinct().filter(k -> !byEmail.containsKey(k))
                    .toList();
            List<String> externals = contactExternals.stream().distinct().filter(e -> !byExternal.containsKey(e))
                    .toList();
            Map<String, List<ContactId>> withEmails = keys.isEmpty() ? Map.of() : parties.contactsWithEmails(keys);
            Map<String, Long> imported = externals.isEmpty() ? Map.of()
                    : imports.externals(ImportEntity.CONTACT, externals);
            List<ContactId> wanted = new ArrayList<>();
            withEmails.values().forEach(wanted::addAll);
            imported.values().forEach(id -> wanted.add(new ContactId(id)));
            Map<ContactId, Contact> found = wanted.isEmpty() ? Map.of() : parties.contacts(wanted);
            for (String key : keys) {
                byEmail.put(key, withEmails.getOrDefault(key, List.of()).stream().map(found::get)
                        .filter(Objects::nonNull).filter(ImportRunner::visible).findFirst());
            }
            for (String external : externals) {
                Long id = imported.get(external);
                byExternal.put(external, Optional.ofNullable(id == null ? null : found.get(new ContactId(id)))
                        .filter(ImportRunner::visible));
            }
            List<String> leadKeys = new ArrayList<>(leadEmails);
            keys.stream().filter(k -> byEmail.get(k).isEmpty()).forEach(leadKeys::add);
            leadsByEmail.read(leadKeys);
            List<String> leadIds = new ArrayList<>(leadExternals);
            externals.stream().filter(e -> byExternal.get(e).isEmpty()).forEach(leadIds::add);
            prefetchLeads(leadIds.stream().distinct().filter(e -> !leadsByExternal.containsKey(e)).toList());
        }

        private void prefetchLeads(List<String> externals) {
            if (externals.isEmpty()) {
                return;
            }
            Map<String, Long> imported = imports.externals(ImportEntity.LEAD, externals);
            Map<LeadId, EditableLead> found = imported.isEmpty() ? Map.of()
                    : sales.editableLeads(imported.values().stream().distinct().map(LeadId::new).toList());
            for (String external : externals) {
                Long id = imported.get(external);
                leadsByExternal.put(external, Optional.ofNullable(id == null ? null : found.get(new LeadId(id)))
                        .filter(lead -> Actors.current().canRead(lead.owner())).map(lead -> lead.id().value()));
            }
        }

        Contact contactWithEmail(String email) {
            String key = key(email);
            if (!byEmail.containsKey(key)) {
                prefetch(List.of(email), List.of(), List.of(), List.of());
            }
            return byEmail.get(key).orElse(null);
        }

        Contact contactImported(String external) {
            if (!byExternal.containsKey(external)) {
                prefetch(List.of(), List.of(external), List.of(), List.of());
            }
            return byExternal.get(external).orElse(null);
        }

        /** The oldest lead with this email the importer may see, as a lead import matches. */
        Long leadWithEmail(String email) {
            return leadsByEmail.first(email).map(lead -> lead.id().value()).orElse(null);
        }

        Long leadImported(String external) {
            if (!leadsByExternal.containsKey(external)) {
                prefetchLeads(List.of(external));
            }
            return leadsByExternal.get(external).orElse(null);
        }

        AccountId accountNamed(String name) {
            return accountsByName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> firstVisible(parties.accountsNamed(name)))
                    .orElse(null);
        }

        AccountId accountImported(String external) {
            return accountsByExternal.computeIfAbsent(external, e -> firstVisible(imports.external(ImportEntity.ACCOUNT, e)
                    .map(id -> List.of(new AccountId(id))).orElse(List.of()))).orElse(null);
        }

        DealSummary dealImported(String external) {
            return dealsByExternal.computeIfAbsent(external, e -> imports.external(ImportEntity.DEAL, e)
                    .flatMap(id -> sales.deal(new DealId(id))).filter(TouchLines::visible)).orElse(null);
        }

        DealSummary dealNamed(AccountId account, String name) {
            return dealsOf.computeIfAbsent(account, a -> sales.dealsOf(a).stream().filter(TouchLines::visible).toList())
                    .stream().filter(d -> d.name().equalsIgnoreCase(name.strip())).findFirst().orElse(null);
        }

        private Optional<AccountId> firstVisible(List<AccountId> ids) {
            Map<AccountId, Account> found = parties.accounts(ids);
            return ids.stream().map(found::get).filter(Objects::nonNull).filter(ImportRunner::visible).map(Account::id)
                    .findFirst();
        }
    }

    private static boolean visible(DealSummary deal) {
        return Actors.current().canRead(deal.ownerId() == null ? null : deal.ownerId().value());
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
