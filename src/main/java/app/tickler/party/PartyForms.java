package app.tickler.party;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.web.RecordPanels;
import jakarta.servlet.http.HttpServletRequest;

/** Form records of the account and contact pages, and what every party page puts in its model. */
@Component
class PartyForms {

    private static final Pattern ID_IN_TEXT = Pattern.compile("#(\\d+)\\s*$");

    /** The account form as typed; text everywhere so that a wrong value can be shown again. */
    record AccountForm(String name, String website, String industry, String size, String phone, String street,
            String city, String postalCode, String region, String country, String description, Long ownerId,
            CustomerLevel level, RelationshipStage stage, Boolean doNotContact, String doNotContactReason,
            String parent, String tags, Long version, Boolean confirmDuplicates) {

        static AccountForm of(Account a, String parentName) {
            return new AccountForm(a.name(), a.website(), a.industry(), a.size(), a.phone(), a.address().street(),
                    a.address().city(), a.address().postalCode(), a.address().region(), a.address().country(),
                    a.description(), a.ownerId() == null ? null : a.ownerId().value(), a.level(), a.stage(),
                    a.doNotContact(), a.doNotContactReason(),
                    a.parentId() == null ? null : parentName + " #" + a.parentId().value(), String.join(", ", a.tags()),
                    a.version(), false);
        }

        static AccountForm empty(Long owner) {
            return new AccountForm("", "", "", "", "", "", "", "", "", "", "", owner, null, null, false, "", "", "", null,
                    false);
        }

        AccountInput input(Map<String, Object> custom) {
            Long parentId = idIn(parent, "parent");
            return new AccountInput(name, website, industry, size, phone,
                    new Address(street, city, postalCode, region, country), description,
                    ownerId == null ? null : new UserId(ownerId), level, null, stage, Boolean.TRUE.equals(doNotContact),
                    doNotContactReason, parentId == null ? null : new AccountId(parentId), custom, splitTags(tags));
        }
    }

    /** The contact form: emails and phones as parallel lists of rows, with the primary row's index. */
    record ContactForm(String firstName, String lastName, String title, List<String> emailAddress,
            List<String> emailLabel, Integer emailPrimary, List<String> phoneNumber, List<String> phoneLabel,
            Integer phonePrimary, String street, String city, String postalCode, String region, String country,
            String birthday, Channel preferredChannel, Long ownerId, Boolean doNotContact, String doNotContactReason,
            String tags, String account, BuyingRole role, Boolean keyPerson, Long referredByUserId, String referredByContact,
            Long version, Boolean confirmDuplicates) {

        static ContactForm of(Contact c, String referrerName) {
            List<String> emails = new ArrayList<>(c.emails().stream().map(Contact.Email::address).toList());
            List<String> emailLabels = new ArrayList<>(c.emails().stream().map(e -> e.label() == null ? "" : e.label()).toList());
            List<String> phones = new ArrayList<>(c.phones().stream().map(Contact.Phone::number).toList());
            List<String> phoneLabels = new ArrayList<>(c.phones().stream().map(p -> p.label() == null ? "" : p.label()).toList());
            return new ContactForm(c.firstName(), c.lastName(), c.title(), emails, emailLabels, 0, phones, phoneLabels,
                    0, c.address().street(), c.address().city(), c.address().postalCode(), c.address().region(),
                    c.address().country(), c.birthday() == null ? "" : c.birthday().toString(), c.preferredChannel(),
                    c.ownerId() == null ? null : c.ownerId().value(), c.doNotContact(), c.doNotContactReason(),
                    String.join(", ", c.tags()), "", null, false,
                    c.referredByUserId() == null ? null : c.referredByUserId().value(),
                    c.referredByContactId() == null ? "" : referrerName + " #" + c.referredByContactId().value(),
                    c.version(), false);
        }

        static ContactForm empty(Long owner, String account) {
            return new ContactForm("", "", "", List.of(), List.of(), 0, List.of(), List.of(), 0, "", "", "", "", "", "",
                    null, owner, false, "", "", account, BuyingRole.OTHER, false, null, "", null, false);
        }

        /** The rows to show: the filled ones and two empty ones to add more. */
        public List<Integer> emailRows() {
            return rows(emailAddress);
        }

        public List<Integer> phoneRows() {
            return rows(phoneNumber);
        }

        public String at(List<String> values, int index) {
            return values != null && index < values.size() ? values.get(index) : "";
        }

        ContactInput input(Map<String, Object> custom) {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            java.time.LocalDate born = null;
            if (birthday != null && !birthday.isBlank()) {
                try {
                    born = java.time.LocalDate.parse(birthday.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add("birthday", "must be a date YYYY-MM-DD");
                }
            }
            problems.throwIfAny();
            List<Contact.Email> emails = new ArrayList<>();
            for (int i = 0; emailAddress != null && i < emailAddress.size(); i++) {
                if (emailAddress.get(i) != null && !emailAddress.get(i).isBlank()) {
                    emails.add(new Contact.Email(emailAddress.get(i), at(emailLabel, i),
                            emailPrimary != null && emailPrimary == i));
                }
            }
            List<Contact.Phone> phones = new ArrayList<>();
            for (int i = 0; phoneNumber != null && i < phoneNumber.size(); i++) {
                if (phoneNumber.get(i) != null && !phoneNumber.get(i).isBlank()) {
                    phones.add(new Contact.Phone(phoneNumber.get(i), at(phoneLabel, i),
                            phonePrimary != null && phonePrimary == i));
                }
            }
            Long accountId = idIn(account, "account");
            Long referrer = idIn(referredByContact, "referredByContactId");
            return new ContactInput(firstName, lastName, title, emails, phones,
                    new Address(street, city, postalCode, region, country), born, preferredChannel,
                    ownerId == null ? null : new UserId(ownerId), Boolean.TRUE.equals(doNotContact), doNotContactReason,
                    referrer == null ? null : new ContactId(referrer),
                    referredByUserId == null ? null : new UserId(referredByUserId), custom, splitTags(tags),
                    accountId == null ? null : new AccountId(accountId),
                    role == null ? BuyingRole.OTHER : role, Boolean.TRUE.equals(keyPerson));
        }

        private static List<Integer> rows(List<String> values) {
            int filled = values == null ? 0 : (int) values.stream().filter(v -> v != null && !v.isBlank()).count();
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < Math.max(filled + 1, 2); i++) {
                rows.add(i);
            }
            return rows;
        }
    }

    private final Directory directory;
    private final CustomFields customFields;
    private final RecordPanels panels;
    private final SavedViews savedViews;

    PartyForms(Directory directory, CustomFields customFields, RecordPanels panels, SavedViews savedViews) {
        this.directory = directory;
        this.customFields = customFields;
        this.panels = panels;
        this.savedViews = savedViews;
    }

    /** Custom field values as typed in a form: {@code custom.<key>} parameters, several for multi-select. */
    Map<String, Object> custom(String entity, HttpServletRequest request) {
        return customFields.fromForm(entity, request.getParameterMap());
    }

    /** What every list and form needs to offer choices. */
    void choices(org.springframework.ui.Model model, String entity) {
        var users = directory.activeUsers();
        model.addAttribute("users", users);
        Map<Long, String> names = new java.util.HashMap<>();
        users.forEach(u -> names.put(u.id().value(), u.displayName()));
        model.addAttribute("userNames", names);
        model.addAttribute("teams", directory.teams());
        model.addAttribute("levels", CustomerLevel.values());
        model.addAttribute("stages", RelationshipStage.values());
        model.addAttribute("roles", BuyingRole.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("customFields", customFields.of(entity, false));
        model.addAttribute("savedViews", savedViews.mine(entity));
    }

    void recordPage(org.springframework.ui.Model model, String type, long id) {
        Actor actor = Actors.current();
        model.addAttribute("panels", panels.of(type, id));
        model.addAttribute("actions", panels.actions(type, id, actor.role()));
    }

    String ownerName(UserId owner) {
        return owner == null ? null : directory.user(owner).map(u -> u.displayName()).orElse(null);
    }

    static List<String> splitTags(String tags) {
        return tags == null || tags.isBlank() ? List.of() : Arrays.stream(tags.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    /** Reads "Name #123" from a picker field (or just "123"); null when empty. */
    static Long idIn(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher matcher = ID_IN_TEXT.matcher(text.strip());
        String digits = matcher.find() ? matcher.group(1) : text.strip();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "choose an entry from the suggestions");
        }
    }
}
