package app.tickler.dataio;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.Contact;
import app.tickler.party.CustomField;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

/**
 * CSV exports of the account and contact lists with their filters, as the caller sees them: RFC
 * 4180 (comma, CRLF, quotes doubled), UTF-8, a page of {@value #PAGE} records at a time by keyset, so
 * memory stays flat. The headers are Tickler's field keys behind the marker column
 * {@value Formulas#EXPORT_MARKER}, and every cell is neutralised against formulas ({@link Formulas});
 * the import recognises its own exports and restores the values exactly.
 */
@Service
class CsvExports {

    static final int PAGE = Paging.MAX_LIMIT;

    private final Parties parties;
    private final CustomFields customFields;
    private final Directory directory;

    CsvExports(Parties parties, CustomFields customFields, Directory directory) {
        this.parties = parties;
        this.customFields = customFields;
        this.directory = directory;
    }

    /** Checks the filters before anything is sent: a bad one is a 400, not a broken download. */
    void checkFilters(ImportEntity entity, Map<String, String> filters) {
        if (entity == ImportEntity.CONTACT) {
            parties.contactList(filters, Paging.first(1));
        } else {
            parties.accountList(filters, Paging.first(1));
        }
    }

    void contacts(Map<String, String> filters, OutputStream out) throws IOException {
        List<CustomField> custom = customFields.of("contact", false);
        CsvWriter csv = writer(out);
        List<String> header = new ArrayList<>(List.of(Formulas.EXPORT_MARKER, "firstName", "lastName", "title", "email",
                "email2", "phone", "mobile", "street", "city", "postalCode", "region", "country", "birthday",
                "preferredChannel", "owner", "account", "doNotContact", "doNotContactReason", "tags"));
        custom.forEach(f -> header.add("custom." + f.key()));
        csv.writeRecord(header);
        String cursor = null;
        do {
            Page<Contact> page = parties.contactList(filters, new Paging(PAGE, cursor));
            Map<Long, String> owners = owners(page.items().stream().map(Contact::ownerId).toList());
            for (Contact c : page.items()) {
                List<String> row = new ArrayList<>(header.size());
                row.add(Long.toString(c.id().value()));
                row.add(c.firstName());
                row.add(c.lastName());
                row.add(c.title());
                row.add(c.emails().size() > 0 ? c.emails().get(0).address() : null);
                row.add(c.emails().size() > 1 ? c.emails().get(1).address() : null);
                row.add(c.phones().size() > 0 ? c.phones().get(0).number() : null);
                row.add(c.phones().size() > 1 ? c.phones().get(1).number() : null);
                row.add(c.address().street());
                row.add(c.address().city());
                row.add(c.address().postalCode());
                row.add(c.address().region());
                row.add(c.address().country());
                row.add(c.birthday() == null ? null : c.birthday().toString());
                row.add(c.preferredChannel() == null ? null : c.preferredChannel().name());
                row.add(c.ownerId() == null ? null : owners.get(c.ownerId().value()));
                row.add(c.accounts().isEmpty() ? null : c.accounts().get(0).accountName());
                row.add(Boolean.toString(c.doNotContact()));
                row.add(c.doNotContactReason());
                row.add(String.join(";", c.tags()));
                custom.forEach(f -> row.add(customText(c.custom().get(f.key()))));
                csv.writeRecord(row.stream().map(Formulas::neutralise).toList());
            }
            csv.flush();
            cursor = page.nextCursor();
        } while (cursor != null);
        csv.flush();
    }

    void accounts(Map<String, String> filters, OutputStream out) throws IOException {
        List<CustomField> custom = customFields.of("account", false);
        CsvWriter csv = writer(out);
        List<String> header = new ArrayList<>(List.of(Formulas.EXPORT_MARKER, "name", "website", "industry", "size", "phone",
                "street", "city", "postalCode", "region", "country", "description", "owner", "level", "stage",
                "doNotContact", "doNotContactReason", "tags"));
        custom.forEach(f -> header.add("custom." + f.key()));
        csv.writeRecord(header);
        String cursor = null;
        do {
            Page<Account> page = parties.accountList(filters, new Paging(PAGE, cursor));
            Map<Long, String> owners = owners(page.items().stream().map(Account::ownerId).toList());
            for (Account a : page.items()) {
                List<String> row = new ArrayList<>(header.size());
                row.add(Long.toString(a.id().value()));
                row.add(a.name());
                row.add(a.website());
                row.add(a.industry());
                row.add(a.size());
                row.add(a.phone());
                row.add(a.address().street());
                row.add(a.address().city());
                row.add(a.address().postalCode());
                row.add(a.address().region());
                row.add(a.address().country());
                row.add(a.description());
                row.add(a.ownerId() == null ? null : owners.get(a.ownerId().value()));
                row.add(a.level() == null ? null : a.level().name());
                row.add(a.stage() == null ? null : a.stage().name());
                row.add(Boolean.toString(a.doNotContact()));
                row.add(a.doNotContactReason());
                row.add(String.join(";", a.tags()));
                custom.forEach(f -> row.add(customText(a.custom().get(f.key()))));
                csv.writeRecord(row.stream().map(Formulas::neutralise).toList());
            }
            csv.flush();
            cursor = page.nextCursor();
        } while (cursor != null);
        csv.flush();
    }

    private static CsvWriter writer(OutputStream out) {
        return CsvWriter.builder().fieldSeparator(',').quoteCharacter('"').lineDelimiter(LineDelimiter.CRLF)
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Owners by email, one lookup per page. */
    private Map<Long, String> owners(Collection<UserId> ids) {
        List<UserId> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, String> emails = new HashMap<>();
        if (!distinct.isEmpty()) {
            for (UserSummary user : directory.users(distinct)) {
                emails.put(user.id().value(), user.email());
            }
        }
        return emails;
    }

    /** A custom value as the import reads it back: lists joined by ";", money as "amount currency". */
    static String customText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        if (value instanceof Map<?, ?> money) {
            Object currency = money.get("currency");
            return money.get("amount") + (currency == null || currency.toString().isEmpty() ? "" : " " + currency);
        }
        return value.toString();
    }
}
