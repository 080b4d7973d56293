package app.tickler.dataio;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.Address;
import app.tickler.party.Channel;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomField;
import app.tickler.party.CustomerLevel;
import app.tickler.party.RelationshipStage;
import app.tickler.platform.InvalidInput;
import app.tickler.aftersale.InstalledBase;
import app.tickler.aftersale.ProductId;
import app.tickler.party.AccountId;
import app.tickler.sales.DealDraft;
import app.tickler.sales.DealOutcome;
import app.tickler.sales.DealStatus;
import app.tickler.sales.LeadInput;
import app.tickler.sales.PipelineSummary;
import app.tickler.sales.StageSummary;
import app.tickler.sales.LeadSource;
import app.tickler.sales.LeadStatus;

/**
 * Turns the cells of one line (field key to text) into a party input over a base: an empty one for a
 * new record, the existing record's for an update. Blank cells change nothing; a cell that cannot be
 * read is a problem named by its field.
 */
final class Conversion {

    static final String DEFAULT_DNC_REASON = "Marked do-not-contact in the imported file";
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d.M.uuuu"), DateTimeFormatter.ofPattern("M/d/uuuu"));

    /** How owners are named in files: by a user's email (or display name). */
    interface Owners {
        UserId find(String emailOrName);
    }

    private Conversion() {
    }

    static ContactInput contact(ContactInput base, Map<String, String> values, Map<String, CustomField> customs,
            Owners owners, InvalidInput.Collector problems) {
        String first = base.firstName();
        String last = base.lastName();
        String full = text(values, "fullName");
        if (full != null && !values.containsKey("firstName") && !values.containsKey("lastName")) {
            int space = full.lastIndexOf(' ');
            first = space < 0 ? "" : full.substring(0, space).strip();
            last = space < 0 ? full : full.substring(space + 1).strip();
        }
        first = or(text(values, "firstName"), first);
        last = or(text(values, "lastName"), last);
        List<Contact.Email> emails = new ArrayList<>(base.emails() == null ? List.of() : base.emails());
        String email = text(values, "email");
        if (email != null && emails.stream().noneMatch(e -> e.address().equalsIgnoreCase(email))) {
            emails.replaceAll(e -> new Contact.Email(e.address(), e.label(), false));
            emails.add(0, new Contact.Email(email, "work", true));
        }
        String email2 = text(values, "email2");
        if (email2 != null && emails.stream().noneMatch(e -> e.address().equalsIgnoreCase(email2))) {
            emails.add(new Contact.Email(email2, "other", emails.isEmpty()));
        }
        List<Contact.Phone> phones = new ArrayList<>(base.phones() == null ? List.of() : base.phones());
        addPhone(phones, text(values, "phone"), "work");
        addPhone(phones, text(values, "mobile"), "mobile");
        LocalDate birthday = values.containsKey("birthday") ? date(problems, "birthday", text(values, "birthday"))
                : base.birthday();
        if (birthday == null) {
            birthday = base.birthday();
        }
        Channel channel = base.preferredChannel();
        String channelText = text(values, "preferredChannel");
        if (channelText != null) {
            channel = option(problems, "preferredChannel", channelText, Channel.class);
        }
        UserId owner = owner(problems, values, owners, base.ownerId());
        boolean dnc = Boolean.TRUE.equals(base.doNotContact());
        String dncReason = base.doNotContactReason();
        Boolean dncCell = bool(problems, "doNotContact", text(values, "doNotContact"));
        // do-not-contact is never lifted by an import: only a person may take it back
        if (Boolean.TRUE.equals(dncCell) && !dnc) {
            dnc = true;
            dncReason = or(text(values, "doNotContactReason"), DEFAULT_DNC_REASON);
        }
        return new ContactInput(first, last, or(text(values, "title"), base.title()), emails, phones,
                address(values, base.address()), birthday, channel, owner, dnc, dncReason, base.referredByContactId(),
                base.referredByUserId(), custom(problems, values, customs, base.custom()),
                tags(values, base.tags()), null, null, null);
    }

    static AccountInput account(AccountInput base, Map<String, String> values, Map<String, CustomField> customs,
            Owners owners, InvalidInput.Collector problems) {
        CustomerLevel level = base.level();
        String levelText = text(values, "level");
        if (levelText != null) {
            level = option(problems, "level", levelText, CustomerLevel.class);
        }
        RelationshipStage stage = base.stage();
        String stageText = text(values, "stage");
        if (stageText != null) {
            stage = option(problems, "stage", stageText, RelationshipStage.class);
        }
        boolean dnc = Boolean.TRUE.equals(base.doNotContact());
        String dncReason = base.doNotContactReason();
        Boolean dncCell = bool(problems, "doNotContact", text(values, "doNotContact"));
        if (Boolean.TRUE.equals(dncCell) && !dnc) {
            dnc = true;
            dncReason = or(text(values, "doNotContactReason"), DEFAULT_DNC_REASON);
        }
        return new AccountInput(or(text(values, "name"), base.name()), or(text(values, "website"), base.website()),
                or(text(values, "industry"), base.industry()), or(text(values, "size"), base.size()),
                or(text(values, "phone"), base.phone()), address(values, base.address()),
                or(text(values, "description"), base.description()), owner(problems, values, owners, base.ownerId()),
                level, base.levelAssessedOn(), stage, dnc, dncReason, base.parentId(),
                custom(problems, values, customs, base.custom()), tags(values, base.tags()));
    }

    static LeadInput lead(LeadInput base, Map<String, String> values, Map<String, CustomField> customs, Owners owners,
            InvalidInput.Collector problems) {
        String first = base.firstName();
        String last = base.lastName();
        String full = text(values, "fullName");
        if (full != null && !values.containsKey("firstName") && !values.containsKey("lastName")) {
            int space = full.lastIndexOf(' ');
            first = space < 0 ? null : full.substring(0, space).strip();
            last = space < 0 ? full : full.substring(space + 1).strip();
        }
        LeadSource source = base.source();
        String detail = or(text(values, "sourceDetail"), base.sourceDetail());
        String sourceText = text(values, "source");
        if (sourceText != null) {
            source = leadSource(sourceText);
            if (source == LeadSource.IMPORT && text(values, "sourceDetail") == null) {
                // a source Tickler has no name for ("Purchased List", "Cold Call") is kept as the detail
                detail = sourceText;
            }
        }
        return new LeadInput(or(text(values, "firstName"), first), or(text(values, "lastName"), last),
                or(text(values, "title"), base.title()), or(text(values, "company"), base.company()),
                or(text(values, "email"), base.email()), or(text(values, "phone"), base.phone()),
                source == null ? LeadSource.IMPORT : source, detail, base.referredByUserId(), base.referredByContactId(),
                or(text(values, "notes"), base.notes()), owner(problems, values, owners, base.ownerId()),
                custom(problems, values, customs, Map.of()));
    }

    /**
     * A deal over its base (null: a new one) in the given account. The pipeline is named (blank: the
     * deal's, or the default one) and the stage is named within it; a stage of another pipeline is a
     * problem. A stage that names an outcome ("Closed Won") is no stage: {@link #dealOutcome} reads it.
     */
    static DealDraft deal(DealDraft base, AccountId account, Map<String, String> values, List<PipelineSummary> pipelines,
            Map<String, CustomField> customs, Owners owners, InvalidInput.Collector problems) {
        PipelineSummary pipeline = null;
        String pipelineName = text(values, "pipeline");
        if (pipelineName != null) {
            pipeline = pipelines.stream().filter(p -> !p.archived() && p.name().equalsIgnoreCase(pipelineName)).findFirst()
                    .orElse(null);
            if (pipeline == null) {
                problems.add("pipeline", "'" + shorten(pipelineName) + "' is not a pipeline of this workspace");
            }
        } else {
            pipeline = pipelines.stream().filter(p -> base != null ? p.id().equals(base.pipelineId()) : p.isDefault())
                    .findFirst().orElse(null);
        }
        app.tickler.sales.StageId stage = base == null || pipeline == null || !pipeline.id().equals(base.pipelineId())
                ? null : base.stageId();
        String stageName = text(values, "stage");
        if (stageName != null && outcomeOfStage(stageName) == null && pipeline != null) {
            PipelineSummary in = pipeline;
            StageSummary named = in.stages().stream().filter(st -> !st.retired() && st.name().equalsIgnoreCase(stageName))
                    .findFirst().orElse(null);
            if (named == null) {
                String elsewhere = pipelines.stream().filter(p -> p.stages().stream()
                        .anyMatch(st -> st.name().equalsIgnoreCase(stageName))).map(PipelineSummary::name).findFirst()
                        .map(name -> " (it is a stage of «" + name + "»)").orElse("");
                problems.add("stage", "'" + shorten(stageName) + "' is not a stage of the pipeline «" + in.name() + "»"
                        + elsewhere);
            } else {
                stage = named.id();
            }
        }
        String currency = text(values, "currency");
        currency = currency == null ? (base == null ? null : base.currency()) : currency.toUpperCase(Locale.ROOT);
        Long amount = base == null ? null : base.amountMinor();
        String amountText = text(values, "amount");
        if (amountText != null) {
            amount = amount(problems, amountText, currency);
        }
        LocalDate close = base == null ? null : base.expectedCloseDate();
        if (text(values, "expectedCloseDate") != null) {
            LocalDate read = date(problems, "expectedCloseDate", text(values, "expectedCloseDate"));
            close = read != null ? read : close;
        }
        return new DealDraft(or(text(values, "name"), base == null ? null : base.name()), account, amount, currency, close,
                owner(problems, values, owners, base == null ? null : base.ownerId()),
                pipeline == null ? null : pipeline.id(), stage, or(text(values, "notes"), base == null ? null : base.notes()),
                custom(problems, values, customs, Map.of()));
    }

    /**
     * How the line says the deal ended: null while open, else won or lost — by its status (Pipedrive's
     * "won", "lost"; "open") or by a stage that names the outcome (Salesforce's "Closed Won", HubSpot's
     * "closedlost"); the two must agree. The day it closed is the {@code closedDate} column, or else the
     * close date of the file ({@code expectedCloseDate}: Salesforce's and HubSpot's "Close Date" is the
     * day a closed deal closed); it entered its stage on the {@code createdDate}; a lost deal's reason, a won
     * deal's invoice ({@code paid}, {@code paidOn}) as the file says.
     */
    static DealOutcome dealOutcome(Map<String, String> values, InvalidInput.Collector problems) {
        DealStatus byStatus = null;
        String statusText = text(values, "status");
        if (statusText != null) {
            byStatus = switch (normal(statusText)) {
                case "open", "opened", "inprogress", "active" -> DealStatus.OPEN;
                case "won", "closedwon", "win" -> DealStatus.WON;
                case "lost", "closedlost" -> DealStatus.LOST;
                default -> null;
            };
            if (byStatus == null) {
                problems.add("status", "'" + shorten(statusText) + "' is not a deal status (open, won or lost)");
            }
        }
        String stageText = text(values, "stage");
        DealStatus byStage = stageText == null ? null : outcomeOfStage(stageText);
        if (byStatus != null && byStage != null && byStatus != byStage) {
            problems.add("status", "'" + shorten(statusText) + "' where the stage says '" + shorten(stageText) + "'");
            return null;
        }
        DealStatus status = byStatus != null ? byStatus : byStage;
        if (status == null || status == DealStatus.OPEN) {
            return null;
        }
        String closeField = closeField(values);
        // the expected close date is read (and a bad one named) with the deal itself
        LocalDate closedOn = date(closeField.equals("closedDate") ? problems : new InvalidInput.Collector(), closeField,
                text(values, closeField));
        return new DealOutcome(status, closedOn, date(problems, "createdDate", text(values, "createdDate")),
                text(values, "lostReason"), bool(problems, "paid", text(values, "paid")),
                date(problems, "paidOn", text(values, "paidOn")));
    }

    /** The column a closed deal's close day comes from: its own, or else the file's close date. */
    static String closeField(Map<String, String> values) {
        return text(values, "closedDate") != null || text(values, "expectedCloseDate") == null ? "closedDate"
                : "expectedCloseDate";
    }

    /** The outcome a stage names (Salesforce "Closed Won", HubSpot "closedlost"), or null for a stage. */
    private static DealStatus outcomeOfStage(String stage) {
        return switch (normal(stage)) {
            case "closedwon", "won" -> DealStatus.WON;
            case "closedlost", "lost" -> DealStatus.LOST;
            default -> null;
        };
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** "12500", "12,500.50", "12.500,50", "€ 1 200" in minor units of the currency (two decimals if unknown). */
    static Long amount(InvalidInput.Collector problems, String text, String currency) {
        String clean = text.replaceAll("[\\s\\u00a0'’]", "").replaceAll("^[^0-9-]+|[^0-9]+$", "");
        if (clean.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?") || clean.matches("-?\\d+\\.\\d+")) {
            clean = clean.replace(",", "");
        } else if (clean.matches("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?") || clean.matches("-?\\d+,\\d+")) {
            clean = clean.replace(".", "").replace(',', '.');
        }
        int digits = 2;
        try {
            digits = currency == null ? 2 : Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // the sales module names the unknown currency
        }
        try {
            return new java.math.BigDecimal(clean).movePointRight(digits).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add("amount", "'" + shorten(text) + "' is not an amount");
            return null;
        }
    }

    /**
     * An installation of the product on the account (either null: still to be found or created). The
     * quantity is a whole number ("2", Salesforce's "2.00"; blank: 1); a serial number is kept in the
     * notes, the module having no field of its own for it.
     */
    static InstalledBase.InstalledInput installed(AccountId account, ProductId product, Map<String, String> values,
            InvalidInput.Collector problems) {
        Integer quantity = null;
        String quantityText = text(values, "quantity");
        if (quantityText != null) {
            try {
                quantity = new java.math.BigDecimal(quantityText.replaceAll("[\\s\\u00a0]", "").replace(',', '.'))
                        .intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add("quantity", "'" + shorten(quantityText) + "' is not a whole number");
            }
        }
        String serial = text(values, "serialNumber");
        String notes = text(values, "notes");
        if (serial != null) {
            notes = "Serial number: " + serial + (notes == null ? "" : "\n" + notes);
        }
        return new InstalledBase.InstalledInput(account, product, quantity,
                date(problems, "installDate", text(values, "installDate")),
                date(problems, "warrantyEnd", text(values, "warrantyEnd")),
                date(problems, "serviceEnd", text(values, "serviceEnd")),
                date(problems, "endOfLife", text(values, "endOfLife")), null, notes);
    }

    static LeadInput emptyLead() {
        return new LeadInput(null, null, null, null, null, null, LeadSource.IMPORT, null, null, null, null, null, Map.of());
    }

    private static LeadSource leadSource(String text) {
        return switch (normal(text)) {
            case "webform", "web", "website", "webtolead", "form", "webformsubmission" -> LeadSource.WEB_FORM;
            case "event", "tradeshow", "seminar", "conference", "webinar" -> LeadSource.EVENT;
            case "other" -> LeadSource.OTHER;
            default -> LeadSource.IMPORT;
        };
    }

    /**
     * A lead's status as the systems name it — Tickler's own, Salesforce ("Open - Not Contacted",
     * "Working - Contacted", "Closed - Converted", "Closed - Not Converted") and HubSpot ("New", "Open",
     * "In progress", "Attempted to contact", "Connected", "Unqualified", "Bad timing"); null when the file
     * names none or nothing is to change. Working makes a lead WORKING, new ones and existing new ones;
     * new leaves a lead being worked as it is (and a lead with an owner is being worked, as one typed
     * in). Qualified and disqualified are set on the leads an import creates; an existing lead
     * ({@code current}) is not qualified or ruled out by a file, as an undo could not take that back.
     */
    static LeadStatus leadStatus(InvalidInput.Collector problems, Map<String, String> values, LeadStatus current) {
        String reason = text(values, "disqualifiedReason");
        if (reason != null && reason.length() > 500) {
            // the sales module refuses it inside the batch's transaction, where it would fail the whole batch
            problems.add("disqualifiedReason", "must have at most 500 characters");
        }
        String text = text(values, "status");
        if (text == null) {
            return null;
        }
        LeadStatus status = switch (normal(text)) {
            case "new", "open", "opennotcontacted", "notcontacted" -> LeadStatus.NEW;
            case "working", "workingcontacted", "inprogress", "attemptedtocontact", "connected", "opendeal", "contacted" ->
                LeadStatus.WORKING;
            case "qualified", "closedconverted", "converted" -> LeadStatus.QUALIFIED;
            case "disqualified", "unqualified", "closednotconverted", "badtiming", "notconverted", "lost" ->
                LeadStatus.DISQUALIFIED;
            default -> null;
        };
        if (status == null) {
            problems.add("status", "'" + shorten(text) + "' is not a lead status (new, working, qualified or disqualified)");
        } else if (current != null && status != current && (closing(status) || closing(current))) {
            problems.add("status", "is set only on leads the import creates; this lead is "
                    + current.name().toLowerCase(Locale.ROOT) + " (change it on the lead)");
            return null;
        } else if (current == LeadStatus.WORKING && status == LeadStatus.NEW) {
            // the work done on the lead stands
            return null;
        }
        return status;
    }

    /** The status the sales module sets when it writes the lead: new or working; the others come after. */
    static LeadStatus open(LeadStatus status) {
        return closing(status) ? null : status;
    }

    private static boolean closing(LeadStatus status) {
        return status == LeadStatus.QUALIFIED || status == LeadStatus.DISQUALIFIED;
    }

    static ContactInput emptyContact() {
        return new ContactInput(null, null, null, List.of(), List.of(), null, null, null, null, false, null, null, null,
                Map.of(), List.of(), null, null, null);
    }

    static AccountInput emptyAccount() {
        return new AccountInput(null, null, null, null, null, null, null, null, null, null, null, false, null, null,
                Map.of(), List.of());
    }

    static ContactInput inputOf(Contact c) {
        return new ContactInput(c.firstName(), c.lastName(), c.title(), c.emails(), c.phones(), c.address(), c.birthday(),
                c.preferredChannel(), c.ownerId(), c.doNotContact(), c.doNotContactReason(), c.referredByContactId(),
                c.referredByUserId(), c.custom(), c.tags(), null, null, null);
    }

    static AccountInput inputOf(Account a) {
        return new AccountInput(a.name(), a.website(), a.industry(), a.size(), a.phone(), a.address(), a.description(),
                a.ownerId(), a.level(), a.levelAssessedOn(), a.stage(), a.doNotContact(), a.doNotContactReason(),
                a.parentId(), a.custom(), a.tags());
    }

    /** The custom values to set to go from {@code now} back to {@code before}: removed keys map to null. */
    static Map<String, Object> customBack(Map<String, Object> before, Map<String, Object> now) {
        Map<String, Object> back = new LinkedHashMap<>(before);
        now.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> back.put(k, null));
        return back;
    }

    /**
     * Checks a contact with the party module's rules ({@code check}), its problems named by the import's
     * fields: a bad address or number is named by the column it came from — {@code emails[n]} and
     * {@code phones[n]} are places in the contact's list, which holds the record's own ones too when it is
     * updated, so the value there says which of {@code email} and {@code email2}, {@code phone} and
     * {@code mobile} gave it. Answers what {@code check} answers.
     */
    static <T> T checkContact(java.util.function.Function<ContactInput, T> check, ContactInput input,
            Map<String, String> values) {
        try {
            return check.apply(input);
        } catch (InvalidInput invalid) {
            throw new InvalidInput(invalid.problems().stream()
                    .map(p -> new InvalidInput.FieldProblem(contactField(p.field(), input, values), p.message()))
                    .toList());
        }
    }

    private static final java.util.regex.Pattern LIST_PLACE = java.util.regex.Pattern.compile("(emails|phones)\\[(\\d+)]");

    /**
     * The import field of a contact's problem: for an address or number, the field whose cell holds it — the
     * second of the file's ({@code email2}, {@code mobile}) when it is that one's value, else the first, as
     * for one the record had before —, else {@link #importField}.
     */
    static String contactField(String moduleField, ContactInput input, Map<String, String> values) {
        java.util.regex.Matcher place = LIST_PLACE.matcher(moduleField);
        if (!place.lookingAt()) {
            return importField(moduleField);
        }
        int index = Integer.parseInt(place.group(2));
        boolean emails = place.group(1).equals("emails");
        List<?> list = emails ? input.emails() : input.phones();
        Object entry = list == null || index >= list.size() ? null : list.get(index);
        String value = entry instanceof Contact.Email e ? e.address() : entry instanceof Contact.Phone p ? p.number() : null;
        String first = emails ? "email" : "phone";
        String second = emails ? "email2" : "mobile";
        return value != null && !value.equals(text(values, first)) && value.equals(text(values, second)) ? second : first;
    }

    /**
     * The import field a module's validation means by its own name ({@code emails[0].address},
     * {@code ownerId}, {@code amountMinor}): the one name of a bad cell in the preview, the run's errors
     * and the error file. A contact's second email or phone is told apart by {@link #contactField}.
     */
    static String importField(String moduleField) {
        if (moduleField.startsWith("emails")) {
            return "email";
        }
        if (moduleField.startsWith("phones")) {
            return "phone";
        }
        return switch (moduleField) {
            case "ownerId" -> "owner";
            case "accountId" -> "account";
            case "amountMinor" -> "amount";
            case "stageId" -> "stage";
            case "pipelineId" -> "pipeline";
            case "productId" -> "product";
            default -> moduleField;
        };
    }

    // --- cells ------------------------------------------------------------------------------

    /** The longest id of another system an import keeps ({@code import_external_ids.external_id}). */
    static final int MAX_EXTERNAL_ID = 200;

    /** Why the line's {@code externalId} cannot be kept, or null. */
    static String externalIdProblem(Map<String, String> values) {
        String id = text(values, "externalId");
        return id != null && id.length() > MAX_EXTERNAL_ID
                ? "is longer than " + MAX_EXTERNAL_ID + " characters, the longest id of another system Tickler keeps"
                : null;
    }

    static String text(Map<String, String> values, String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String or(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static void addPhone(List<Contact.Phone> phones, String number, String label) {
        if (number != null && phones.stream().noneMatch(p -> p.number().equals(number))) {
            phones.add(new Contact.Phone(number, label, phones.isEmpty()));
        }
    }

    private static Address address(Map<String, String> values, Address base) {
        Address a = base == null ? new Address(null, null, null, null, null) : base;
        return new Address(or(text(values, "street"), a.street()), or(text(values, "city"), a.city()),
                or(text(values, "postalCode"), a.postalCode()), or(text(values, "region"), a.region()),
                or(text(values, "country"), a.country()));
    }

    private static UserId owner(InvalidInput.Collector problems, Map<String, String> values, Owners owners, UserId base) {
        String text = text(values, "owner");
        if (text == null) {
            return base;
        }
        UserId found = owners.find(text);
        if (found == null) {
            problems.add("owner", "'" + shorten(text) + "' is not an active user of this workspace (give their email)");
            return base;
        }
        return found;
    }

    private static List<String> tags(Map<String, String> values, List<String> base) {
        List<String> tags = new ArrayList<>(base == null ? List.of() : base);
        String text = text(values, "tags");
        if (text != null) {
            Arrays.stream(text.split("[;,]")).map(String::strip).filter(t -> !t.isEmpty() && !tags.contains(t))
                    .forEach(tags::add);
        }
        return tags;
    }

    private static Map<String, Object> custom(InvalidInput.Collector problems, Map<String, String> values,
            Map<String, CustomField> customs, Map<String, Object> base) {
        Map<String, Object> changes = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!key.startsWith("custom.") || value == null || value.isBlank()) {
                return;
            }
            CustomField field = customs.get(key.substring("custom.".length()));
            if (field == null) {
                problems.add(key, "is not a custom field");
                return;
            }
            String text = value.strip();
            Object typed = switch (field.type()) {
                case MULTI_SELECT -> Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                case BOOLEAN -> bool(problems, key, text);
                case MONEY -> {
                    String[] parts = text.split("\\s+");
                    yield parts.length == 2 ? Map.of("amount", parts[0], "currency", parts[1])
                            : Map.of("amount", parts[0], "currency", "");
                }
                default -> text;
            };
            if (typed != null) {
                changes.put(field.key(), typed);
            }
        });
        // the party module takes the changes to apply over the current values
        return changes;
    }

    static Boolean bool(InvalidInput.Collector problems, String field, String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "x", "ja", "oui", "on" -> true;
            case "false", "no", "n", "0", "nein", "non", "off" -> false;
            default -> {
                problems.add(field, "'" + shorten(text) + "' is not yes or no");
                yield null;
            }
        };
    }

    private static LocalDate date(InvalidInput.Collector problems, String field, String text) {
        if (text == null) {
            return null;
        }
        String day = text.length() > 10 && text.charAt(4) == '-' ? text.substring(0, 10) : text;
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(day, format);
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        problems.add(field, "'" + shorten(text) + "' is not a date (YYYY-MM-DD)");
        return null;
    }

    private static <E extends Enum<E>> E option(InvalidInput.Collector problems, String field, String text, Class<E> type) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            problems.add(field, "'" + shorten(text) + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
