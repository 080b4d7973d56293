package app.tickler.dataio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import app.tickler.followup.FollowUps;
import app.tickler.followup.TouchId;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.party.ContactInput;
import app.tickler.party.AccountInput;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.sales.DealDraft;
import app.tickler.sales.DealOutcome;
import app.tickler.sales.EditableDeal;
import app.tickler.sales.EditableLead;
import app.tickler.sales.LeadInput;
import app.tickler.sales.LeadStatus;
import app.tickler.sales.SalesCycle;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * CSV imports: upload (or paste), detection, mapping with suggestions and saved mappings, a preview
 * that validates every cell without writing, then the run in the background ({@link ImportRunner}),
 * cancel, the error file and undo.
 */
@Service
class Imports {

    static final class ImportNotFound extends NotFound {
        ImportNotFound(long id) {
            super("Import", id);
        }
    }

    /**
     * The settings of an import: column index to field key, duplicate handling, what a line is matched on
     * ({@code matchField}: the custom field, {@code custom.<key>}, of {@code matchOn} {@code CUSTOM}), strict mode.
     */
    record Settings(Map<Integer, String> mapping, DuplicateMode duplicates, MatchOn matchOn, String matchField,
            Boolean strict) {
    }

    /** A cell of the preview: its text, the field it goes to (null: not imported), and what is wrong with it. */
    record Cell(String value, String field, String problem) {
    }

    /** A line of the preview: its cells, what importing it would do, and problems not tied to one column. */
    record PreviewLine(long line, List<Cell> cells, String action, List<String> problems) {
    }

    record Preview(List<String> headers, List<PreviewLine> lines) {
    }

    static final int PREVIEW_LINES = 10;

    private final ImportRepository imports;
    private final ImportRunner runner;
    private final ImportFields fields;
    private final Parties parties;
    private final SalesCycle sales;
    private final TouchLines touchLines;
    private final FollowUps followUps;
    private final IdGenerator ids;
    private final Clock clock;
    private final CustomMatches customMatches;

    Imports(ImportRepository imports, ImportRunner runner, ImportFields fields, Parties parties, SalesCycle sales,
            TouchLines touchLines, FollowUps followUps, IdGenerator ids, Clock clock, CustomMatches customMatches) {
        this.customMatches = customMatches;
        this.touchLines = touchLines;
        this.followUps = followUps;
        this.sales = sales;
        this.imports = imports;
        this.runner = runner;
        this.fields = fields;
        this.parties = parties;
        this.ids = ids;
        this.clock = clock;
    }

    // --- upload ---------------------------------------------------------------------------

    /** Stores the file, detects its format and suggests a mapping; nothing is imported yet. */
    Import upload(ImportEntity entity, String fileName, InputStream content) {
        Actor actor = Actors.current();
        if (entity == null) {
            throw new InvalidInput("entity", "must be one of " + java.util.Arrays.toString(ImportEntity.values()));
        }
        long id = ids.next();
        Path file = runner.file(actor.workspaceId(), id);
        String sha;
        long size;
        try {
            Files.createDirectories(file.getParent());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(content, digest)) {
                size = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            sha = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CsvFiles.Format format;
        try {
            format = CsvFiles.sniff(file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw new InvalidInput("file", "cannot be read as a CSV file");
        }
        Map<Integer, String> mapping = fields.suggest(entity, format.headers());
        boolean ownExport = format.ownExport() && MatchOn.of(entity).contains(MatchOn.ID);
        MatchOn matchOn = ownExport ? MatchOn.ID : MatchOn.of(entity).get(0);
        String name = fileName == null || fileName.isBlank() ? "pasted.csv" : fileName.strip();
        Import created = new Import(new ImportId(id), entity, ImportStatus.PENDING,
                name.length() > 255 ? name.substring(0, 255) : name, size, format.charset().name(),
                String.valueOf(format.delimiter()), format.ownExport(), format.headers(), mapping,
                ownExport ? DuplicateMode.UPDATE : DuplicateMode.SKIP, matchOn, null, false, null, 0, 0, 0, 0, 0,
                false, null, new UserId(actor.userId()), clock.instant(), null, null);
        imports.insert(created, sha);
        return get(new ImportId(id));
    }

    Import paste(ImportEntity entity, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "is empty: paste the lines of a CSV file, the header first");
        }
        return upload(entity, "pasted.csv", new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    // --- reading --------------------------------------------------------------------------

    /** The import if the caller started it, or is a manager or admin. */
    Import get(ImportId id) {
        Import found = imports.find(id.value()).orElseThrow(() -> new ImportNotFound(id.value()));
        Actor actor = Actors.current();
        if (!actor.isManagerOrAdmin() && found.createdBy().value() != actor.userId()) {
            throw new ImportNotFound(id.value());
        }
        return found;
    }

    Page<Import> list(Paging paging) {
        Actor actor = Actors.current();
        return imports.list(actor.isManagerOrAdmin() ? null : actor.userId(), paging);
    }

    List<ImportFields.Field> fields(ImportEntity entity) {
        return fields.of(entity);
    }

    List<ImportRepository.Error> firstErrors(ImportId id, int limit) {
        get(id);
        return imports.firstErrors(id.value(), limit);
    }

    // --- settings and preview ---------------------------------------------------------------

    Import configure(ImportId id, Settings settings) {
        Import current = pending(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Map<Integer, String> mapping = new LinkedHashMap<>();
        Map<String, Integer> used = new HashMap<>();
        if (settings.mapping() != null) {
            settings.mapping().forEach((column, key) -> {
                if (key == null || key.isBlank()) {
                    return;
                }
                String field = "mapping." + column;
                if (column == null || column < 0 || column >= current.headers().size()) {
                    problems.add(field, "is not a column of the file (it has " + current.headers().size() + ")");
                } else if (!fields.exists(current.entity(), key)) {
                    problems.add(field, "'" + Conversion.shorten(key) + "' is not a field of "
                            + current.entity().key() + "s");
                } else if (used.putIfAbsent(key, column) != null) {
                    problems.add(field, "'" + key + "' is already mapped from another column");
                } else {
                    mapping.put(column, key);
                }
            });
        }
        DuplicateMode duplicates = settings.duplicates() == null ? current.duplicates() : settings.duplicates();
        MatchOn matchOn = settings.matchOn() == null ? current.matchOn() : settings.matchOn();
        String matchField = null;
        if (matchOn == MatchOn.CUSTOM && MatchOn.of(current.entity()).contains(matchOn)) {
            matchField = settings.matchField() == null || settings.matchField().isBlank() ? current.matchField()
                    : settings.matchField().strip();
            checkMatchField(current.entity(), matchField, duplicates, mapping, problems);
        } else if (settings.matchField() != null && !settings.matchField().isBlank()) {
            problems.add("matchField", "is only for matchOn CUSTOM (a custom field to match on)");
        }
        if (!MatchOn.of(current.entity()).contains(matchOn)) {
            problems.add("matchOn", "must be one of " + MatchOn.of(current.entity()));
        } else if (matchOn != MatchOn.CUSTOM && duplicates != DuplicateMode.CREATE
                && !mapping.containsValue(matchOn.field()) && !mapping.isEmpty()
                && current.entity() != ImportEntity.TOUCH) {
            // a touch without an activity id is known by its fingerprint (TouchLines.fingerprint)
            problems.add("matchOn", "needs a column mapped to " + matchOn.field());
        }
        if (mapping.isEmpty()) {
            problems.add("mapping", "maps no column: choose a field for at least one column");
        }
        if (current.entity() == ImportEntity.INSTALLED_PRODUCT && duplicates == DuplicateMode.UPDATE) {
            problems.add("duplicates", "must be SKIP or CREATE for installed products: an import records installations,"
                    + " it does not change them");
        }
        if (current.entity() == ImportEntity.TOUCH && duplicates == DuplicateMode.UPDATE) {
            problems.add("duplicates", "must be SKIP or CREATE for touches: an import adds history, it does not change"
                    + " touches");
        }
        problems.throwIfAny();
        imports.settings(id.value(), mapping, duplicates, matchOn, matchField,
                settings.strict() == null ? current.strict() : settings.strict());
        return get(id);
    }

    /** The custom fields an import of the entity may match on: its text custom fields (none for other entities). */
    List<app.tickler.party.CustomField> customMatchFields(ImportEntity entity) {
        if (!MatchOn.of(entity).contains(MatchOn.CUSTOM)) {
            return List.of();
        }
        return fields.custom(entity).values().stream()
                .filter(f -> f.type() == app.tickler.party.CustomFieldType.TEXT)
                .sorted(java.util.Comparator.comparingInt(app.tickler.party.CustomField::position)
                        .thenComparing(app.tickler.party.CustomField::key))
                .toList();
    }

    /** A custom field to match on: one of the entity's text custom fields, mapped to a column. */
    private void checkMatchField(ImportEntity entity, String matchField, DuplicateMode duplicates,
            Map<Integer, String> mapping, InvalidInput.Collector problems) {
        String expected = "custom.<key> of a text custom field of " + entity.key() + "s";
        if (matchField == null) {
            problems.add("matchField", "is required to match on a custom field: " + expected);
            return;
        }
        app.tickler.party.CustomField field = matchField.startsWith("custom.")
                ? fields.custom(entity).get(matchField.substring("custom.".length())) : null;
        if (field == null) {
            problems.add("matchField", "'" + Conversion.shorten(matchField) + "' is not a custom field of "
                    + entity.key() + "s: " + expected);
        } else if (field.type() != app.tickler.party.CustomFieldType.TEXT) {
            problems.add("matchField", "'" + matchField + "' is a " + field.type().name().toLowerCase(Locale.ROOT)
                    + " field: only text custom fields are matched on");
        } else if (duplicates != DuplicateMode.CREATE && !mapping.isEmpty() && !mapping.containsValue(matchField)) {
            problems.add("matchField", "needs a column mapped to " + matchField);
        }
    }

    /**
     * The first lines as they would be imported, each cell checked, writing nothing: the conversion
     * and the party module's validation, and what the duplicate handling would do with the line.
     */
    Preview preview(ImportId id) {
        Import job = get(id);
        Path file = runner.file(Actors.current().workspaceId(), id.value());
        List<PreviewLine> lines = new ArrayList<>();
        Map<String, app.tickler.party.CustomField> custom = fields.custom(job.entity());
        Map<String, UserId> owners = new HashMap<>();
        TouchLines.Lookups touchLookups = job.entity() == ImportEntity.TOUCH ? touchLines.lookups() : null;
        try {
            CsvFiles.Format format = CsvFiles.sniff(file);
            try (CsvReader<CsvRecord> reader = CsvFiles.open(file, format)) {
                Iterator<CsvRecord> records = reader.iterator();
                if (records.hasNext()) {
                    records.next();
                }
                List<CsvRecord> first = new ArrayList<>();
                while (records.hasNext() && first.size() < PREVIEW_LINES) {
                    first.add(records.next());
                }
                // the leads the lines match, read at once as the run reads a batch's
                LeadsByEmail leads = new LeadsByEmail(sales,
                        job.entity() == ImportEntity.LEAD ? ImportRunner.emailKeys(job, first) : List.of());
                Map<String, List<Long>> byCustom = customValues(job, first);
                for (CsvRecord record : first) {
                    lines.add(previewLine(job, record, custom, owners, leads, touchLookups, byCustom));
                }
            }
        } catch (CsvParseException e) {
            throw new InvalidInput("file", "cannot be read: " + Conversion.shorten(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new InvalidInput("file", "is gone; upload it again");
        }
        return new Preview(job.headers(), lines);
    }

    /**
     * For a custom-field match: the records having the preview lines' values, read at once from the records
     * (the lookup table is the run's; ten lines do not need it).
     */
    private Map<String, List<Long>> customValues(Import job, List<CsvRecord> lines) {
        if (!ImportRunner.matchesCustom(job)) {
            return Map.of();
        }
        Integer column = job.mapping().entrySet().stream().filter(e -> e.getValue().equals(job.matchField()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        List<String> keys = new ArrayList<>();
        for (CsvRecord record : lines) {
            if (column != null && column < record.getFieldCount()) {
                String cell = job.ownExport() ? Formulas.restore(record.getField(column)) : record.getField(column);
                String value = Conversion.text(Map.of(job.matchField(), cell), job.matchField());
                if (value != null && value.strip().length() <= CustomMatches.MAX_KEY) {
                    keys.add(customMatches.key(value));
                }
            }
        }
        return customMatches.find(job.entity(), ImportRunner.customKey(job), keys);
    }

    private List<Long> withCustomValue(Map<String, List<Long>> byCustom, String value) {
        return value.strip().length() > CustomMatches.MAX_KEY ? List.of()
                : byCustom.getOrDefault(customMatches.key(value), List.of());
    }

    private PreviewLine previewLine(Import job, CsvRecord record, Map<String, app.tickler.party.CustomField> custom,
            Map<String, UserId> owners, LeadsByEmail leads, TouchLines.Lookups touchLookups,
            Map<String, List<Long>> byCustom) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> problemsByField = new HashMap<>();
        List<String> lineProblems = new ArrayList<>();
        for (Map.Entry<Integer, String> column : job.mapping().entrySet()) {
            String cell = column.getKey() < record.getFieldCount() ? record.getField(column.getKey()) : "";
            if (cell.length() > CsvFiles.MAX_CELL) {
                problemsByField.put(column.getValue(), "is longer than " + CsvFiles.MAX_CELL + " characters");
            } else {
                values.put(column.getValue(), job.ownExport() ? Formulas.restore(cell) : cell);
            }
        }
        String badId = Conversion.externalIdProblem(values);
        if (badId != null) {
            problemsByField.put("externalId", badId);
        }
        if (record.getFieldCount() != job.headers().size()) {
            lineProblems.add("has " + record.getFieldCount() + " fields where the header has " + job.headers().size());
        }
        String action = "create";
        String skipped = null;
        InvalidInput.Collector problems = new InvalidInput.Collector();
        try {
            if (job.entity() == ImportEntity.TOUCH) {
                // a touch names no owner: the cache holds its authors
                TouchLines.Line read = touchLines.line(touchLookups, values, author -> findAuthor(owners, author));
                if (read.skipped() != null) {
                    action = "ignore";
                    skipped = read.skipped();
                } else if (job.duplicates() != DuplicateMode.CREATE && imports.external(ImportEntity.TOUCH, read.key())
                        .filter(t -> !followUps.existingTouches(List.of(new TouchId(t))).isEmpty()).isPresent()) {
                    action = "skip";
                }
            } else if (job.entity() == ImportEntity.CONTACT) {
                var existing = job.duplicates() == DuplicateMode.CREATE ? null
                        : matchContact(job, values, byCustom, problems);
                action = existing == null ? "create" : job.duplicates() == DuplicateMode.SKIP ? "skip" : "update";
                if (action.equals("update")) {
                    ImportRunner.requireWritable(job, "a contact", existing.ownerId(), problems);
                }
                ContactInput input = Conversion.contact(existing == null ? Conversion.emptyContact()
                        : Conversion.inputOf(existing), values, custom, owner -> findOwner(owners, owner), problems);
                problems.throwIfAny();
                Conversion.checkContact(checked -> {
                    parties.checkContact(checked);
                    return checked;
                }, input, values);
            } else if (job.entity() == ImportEntity.INSTALLED_PRODUCT) {
                boolean duplicate = job.duplicates() != DuplicateMode.CREATE && runner.matchInstalled(values).isPresent();
                action = duplicate ? "skip" : "create";
                if (!duplicate) {
                    runner.installedInput(values, problems);
                }
            } else if (job.entity() == ImportEntity.DEAL) {
                AccountId account = runner.dealAccount(Conversion.text(values, "account"),
                        Conversion.text(values, "accountExternalId"), problems);
                EditableDeal existing = job.duplicates() == DuplicateMode.CREATE ? null
                        : runner.matchDeal(job, values, account, problems).orElse(null);
                action = existing == null ? "create" : job.duplicates() == DuplicateMode.SKIP ? "skip" : "update";
                DealDraft draft = Conversion.deal(existing == null ? null : existing.draft(),
                        account != null ? account : existing != null ? existing.draft().accountId() : null, values,
                        sales.pipelines(), custom, owner -> findOwner(owners, owner), problems);
                DealOutcome closed = action.equals("skip") ? null
                        : ImportRunner.checkMatchedDeal(job, existing, values, problems);
                problems.throwIfAny();
                if (closed != null) {
                    runner.checkClosedDeal(draft, closed, values);
                } else if (!action.equals("skip")) {
                    runner.checkDeal(existing, draft);
                }
            } else if (job.entity() == ImportEntity.LEAD) {
                EditableLead existing = job.duplicates() == DuplicateMode.CREATE ? null
                        : runner.matchLead(job, values, problems, leads);
                action = existing == null ? "create" : job.duplicates() == DuplicateMode.SKIP ? "skip" : "update";
                LeadInput input = Conversion.lead(existing == null ? Conversion.emptyLead() : existing.input(), values,
                        custom, owner -> findOwner(owners, owner), problems);
                LeadStatus status = Conversion.leadStatus(problems, values, existing == null ? null : existing.status());
                if (existing != null && !action.equals("skip") && !Actors.current().canWrite(existing.owner())) {
                    problems.add(job.matchOnField(), "matches a lead you may not change");
                }
                problems.throwIfAny();
                if (!action.equals("skip")) {
                    sales.checkLead(existing == null ? null : existing.id(), input, Conversion.open(status));
                }
            } else {
                var existing = job.duplicates() == DuplicateMode.CREATE ? null
                        : matchAccount(job, values, byCustom, problems);
                action = existing == null ? "create" : job.duplicates() == DuplicateMode.SKIP ? "skip" : "update";
                if (action.equals("update")) {
                    ImportRunner.requireWritable(job, "an account", existing.ownerId(), problems);
                }
                AccountInput input = Conversion.account(existing == null ? Conversion.emptyAccount()
                        : Conversion.inputOf(existing), values, custom, owner -> findOwner(owners, owner), problems);
                problems.throwIfAny();
                parties.checkAccount(input);
            }
        } catch (InvalidInput invalid) {
            for (InvalidInput.FieldProblem p : invalid.problems()) {
                String field = Conversion.importField(p.field());
                if (values.containsKey(field) || problemsByField.containsKey(field)) {
                    problemsByField.merge(field, p.message(), (a, b) -> a + "; " + b);
                } else {
                    lineProblems.add(field + " " + p.message());
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < record.getFieldCount(); i++) {
            String field = job.mapping().get(i);
            String value = record.getField(i);
            cells.add(new Cell(value.length() > 200 ? value.substring(0, 200) + "…" : value, field,
                    field == null ? null : problemsByField.get(field)));
        }
        if (!problemsByField.isEmpty() || !lineProblems.isEmpty()) {
            action = "error";
        } else if (skipped != null) {
            lineProblems.add(skipped);
        }
        return new PreviewLine(record.getStartingLineNumber(), cells, action, lineProblems);
    }

    private UserId findOwner(Map<String, UserId> cache, String text) {
        if (cache.isEmpty()) {
            for (var user : directoryUsers()) {
                cache.put(user.email().toLowerCase(Locale.ROOT), user.id());
                cache.putIfAbsent(user.displayName().toLowerCase(Locale.ROOT), user.id());
            }
        }
        return cache.get(text.strip().toLowerCase(Locale.ROOT));
    }

    /** A touch's author, as the run names them ({@link ImportRunner#authors}): a colleague who has left too. */
    private UserId findAuthor(Map<String, UserId> cache, String text) {
        if (cache.isEmpty()) {
            cache.putAll(runner.authors());
        }
        return cache.get(text.strip().toLowerCase(Locale.ROOT));
    }

    private List<app.tickler.identity.UserSummary> directoryUsers() {
        return runner.users();
    }

    private app.tickler.party.Contact matchContact(Import job, Map<String, String> values,
            Map<String, List<Long>> byCustom, InvalidInput.Collector problems) {
        String key = Conversion.text(values, job.matchOnField());
        if (key == null) {
            return null;
        }
        return runner.matchContact(job, key, new ImportRunner.ContactLookups() {
            @Override
            public Optional<app.tickler.party.Contact> withEmail(String email) {
                List<ContactId> ids = parties.contactsWithEmail(email);
                Map<ContactId, app.tickler.party.Contact> found = parties.contacts(ids);
                return ids.stream().map(found::get).filter(java.util.Objects::nonNull).filter(ImportRunner::visible)
                        .findFirst();
            }

            @Override
            public Optional<app.tickler.party.Contact> contact(long id) {
                return parties.contact(new ContactId(id));
            }

            @Override
            public List<Long> withCustomValue(String value) {
                return Imports.this.withCustomValue(byCustom, value);
            }
        }, problems);
    }

    private app.tickler.party.Account matchAccount(Import job, Map<String, String> values,
            Map<String, List<Long>> byCustom, InvalidInput.Collector problems) {
        String key = Conversion.text(values, job.matchOnField());
        return key == null ? null : runner.matchAccount(job, key, value -> withCustomValue(byCustom, value), problems);
    }

    // --- running --------------------------------------------------------------------------

    Import start(ImportId id) {
        Import job = pending(id);
        if (job.mapping().isEmpty()) {
            throw new InvalidInput("mapping", "maps no column: choose a field for at least one column");
        }
        imports.status(id.value(), ImportStatus.PENDING, ImportStatus.QUEUED, clock.millis());
        runner.submit(Actors.current().workspaceId(), id.value(), Actors.current().userId());
        return get(id);
    }

    Import cancel(ImportId id) {
        Import job = get(id);
        if (job.status() == ImportStatus.PENDING || job.status() == ImportStatus.QUEUED) {
            imports.status(id.value(), job.status(), ImportStatus.CANCELLED, clock.millis());
        } else if (job.status() == ImportStatus.RUNNING) {
            imports.askCancel(id.value());
        } else {
            throw new Conflict("The import is " + job.status().name().toLowerCase(Locale.ROOT) + " and cannot be cancelled");
        }
        return get(id);
    }

    Import undo(ImportId id) {
        Import job = get(id);
        if (!job.status().undoable()) {
            throw new Conflict("Only a finished, failed or cancelled import can be undone; this one is "
                    + job.status().name().toLowerCase(Locale.ROOT));
        }
        if (!imports.status(id.value(), job.status(), ImportStatus.UNDOING, clock.millis())) {
            throw new Conflict("The import has just changed; reload it to see whether it is being undone");
        }
        runner.submit(Actors.current().workspaceId(), id.value(), Actors.current().userId());
        return get(id);
    }

    /** The errors as CSV: line, field, reason — in line order, streamed. */
    void writeErrors(ImportId id, OutputStream out) throws IOException {
        get(id);
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(writer);
        csv.writeRecord("line", "field", "reason");
        imports.errors(id.value(), e -> csv.writeRecord(Long.toString(e.line()), Formulas.neutralise(e.field()),
                Formulas.neutralise(e.reason())));
        csv.flush();
    }

    // --- saved mappings ---------------------------------------------------------------------

    /** Saves the import's mapping under a name, by header, for files with the same columns. */
    void saveMapping(ImportId id, String name) {
        Import job = get(id);
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new InvalidInput("name", "is required (at most 100 characters)");
        }
        Map<String, String> byHeader = new LinkedHashMap<>();
        job.mapping().forEach((column, field) -> byHeader.put(job.headers().get(column), field));
        imports.saveMapping(ids.next(), job.entity(), name.strip(), byHeader, Actors.current().userId(), clock.millis());
    }

    List<ImportRepository.SavedMapping> mappings(ImportEntity entity) {
        return imports.mappings(entity);
    }

    /** Applies a saved mapping: each header it names gets its field; other columns are left out. */
    Import applyMapping(ImportId id, long mappingId) {
        Import job = pending(id);
        ImportRepository.SavedMapping saved = imports.mapping(mappingId).filter(m -> m.entity() == job.entity())
                .orElseThrow(() -> new InvalidInput("mappingId", "is not a saved mapping for " + job.entity().key() + "s"));
        Map<Integer, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < job.headers().size(); i++) {
            String field = saved.mapping().get(job.headers().get(i));
            if (field != null && fields.exists(job.entity(), field) && !mapping.containsValue(field)) {
                mapping.put(i, field);
            }
        }
        imports.settings(id.value(), mapping, job.duplicates(), job.matchOn(), job.matchField(), job.strict());
        return get(id);
    }

    private Import pending(ImportId id) {
        Import job = get(id);
        if (job.status() != ImportStatus.PENDING) {
            throw new Conflict("The import has started already; its settings cannot change");
        }
        return job;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the file is in Tickler's own directory and harmless
        }
    }
}
