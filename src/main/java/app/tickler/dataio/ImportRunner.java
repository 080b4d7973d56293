package app.tickler.dataio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.followup.FollowUps;
import app.tickler.followup.ImportedTouch;
import app.tickler.followup.TouchId;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.identity.WorkspaceId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.CheckedContact;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomField;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import app.tickler.platform.database.DatabaseMaintenance;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.aftersale.InstalledBase;
import app.tickler.aftersale.InstalledProduct;
import app.tickler.aftersale.InstalledProductId;
import app.tickler.aftersale.Product;
import app.tickler.aftersale.ProductId;
import app.tickler.sales.DealDraft;
import app.tickler.sales.DealId;
import app.tickler.sales.DealOutcome;
import app.tickler.sales.DealStatus;
import app.tickler.sales.DealSummary;
import app.tickler.sales.EditableDeal;
import app.tickler.sales.EditableLead;
import app.tickler.sales.LeadId;
import app.tickler.sales.LeadInput;
import app.tickler.sales.LeadStatus;
import app.tickler.sales.LeadSummary;
import app.tickler.sales.SalesCycle;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs imports and their undo in the background, one at a time per server, as the user who started
 * them. The file is read as a stream in batches of {@value #BATCH} lines; each batch is one
 * transaction that writes its records, what each line did, its errors and the progress together — so
 * a server stopped mid-import leaves whole batches only, and the import resumes after the last one.
 */
@Component
class ImportRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    static final int BATCH = 2_000;

    private final ImportRepository imports;
    private final DatabaseMaintenance maintenance;
    private final Dialect dialect;
    private final ImportFields fields;
    private final Parties parties;
    private final SalesCycle sales;
    private final InstalledBase installedBase;
    private final TouchLines touchLines;
    private final CustomMatches customMatches;
    private final FollowUps followUps;
    private final Directory directory;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Path dataDir;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dataio-import");
        thread.setDaemon(true);
        return thread;
    });
    /** Counts a new import's lines for its progress bar while the import already runs, on the other core. */
    private final ExecutorService counter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dataio-import-count");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    ImportRunner(ImportRepository imports, ImportFields fields, Parties parties, SalesCycle sales,
            InstalledBase installedBase, TouchLines touchLines, FollowUps followUps, Directory directory, JsonMapper json,
            Clock clock, PlatformTransactionManager transactionManager, DatabaseMaintenance maintenance, Dialect dialect,
            CustomMatches customMatches, @Value("${tickler.data-dir}") String dataDir) {
        this.imports = imports;
        this.customMatches = customMatches;
        this.touchLines = touchLines;
        this.followUps = followUps;
        this.maintenance = maintenance;
        this.dialect = dialect;
        this.fields = fields;
        this.parties = parties;
        this.sales = sales;
        this.installedBase = installedBase;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.dataDir = Path.of(dataDir);
    }

    Path file(long workspace, long importId) {
        return dataDir.resolve("imports").resolve(Long.toString(workspace)).resolve(importId + ".csv");
    }

    /** Runs the import (or its undo) in the background as the given user; a second call while it runs does nothing. */
    void submit(long workspace, long importId, long userId) {
        if (!running.add(importId)) {
            return;
        }
        worker.submit(() -> {
            try {
                Optional<Actor> actor = directory.actorFor(new WorkspaceId(workspace), new UserId(userId));
                if (actor.isEmpty()) {
                    Actors.runAs(Actor.system(workspace, java.time.ZoneOffset.UTC), () -> fail(importId,
                            "The user who started the import is no longer active"));
                    return;
                }
                Actors.runAs(actor.get(), () -> run(importId));
            } catch (RuntimeException e) {
                log.error("import {} failed", importId, e);
            } finally {
                running.remove(importId);
            }
        });
    }

    boolean isRunningHere(long importId) {
        return running.contains(importId);
    }

    private void run(long importId) {
        Import current = imports.find(importId).orElse(null);
        if (current == null) {
            return;
        }
        if (current.status() == ImportStatus.UNDOING) {
            try {
                undo(current);
            } catch (RuntimeException e) {
                log.error("undo of import {} stopped", importId, e);
                fail(importId, "The undo stopped (" + e.getClass().getSimpleName() + "); undo again to finish it");
            }
            return;
        }
        if (current.status() == ImportStatus.QUEUED) {
            if (!imports.status(importId, ImportStatus.QUEUED, ImportStatus.RUNNING, clock.millis())) {
                return;
            }
        } else if (current.status() != ImportStatus.RUNNING) {
            return;
        }
        try {
            importFile(imports.find(importId).orElseThrow());
        } catch (CsvParseException e) {
            fail(importId, "The file cannot be read past line " + lineOf(e) + ": " + reason(e));
        } catch (UncheckedIOException | IOException e) {
            log.warn("import {} could not read its file", importId, e);
            fail(importId, "The uploaded file cannot be read any more; upload it again");
        } catch (RuntimeException e) {
            log.error("import {} stopped", importId, e);
            fail(importId, "The import stopped (" + e.getClass().getSimpleName() + "); what was imported so far can be"
                    + " undone");
        } finally {
            // done, failed or cancelled: the lookup of a custom-field match is not needed any more (a resumed
            // import fills it again)
            if (current.matchOn() == MatchOn.CUSTOM) {
                customMatches.clear(importId);
            }
        }
    }

    private void importFile(Import job) throws IOException {
        long id = job.id().value();
        Path file = file(Actors.current().workspaceId(), id);
        if (!Files.exists(file)) {
            fail(id, "The uploaded file is gone; upload it again");
            return;
        }
        CsvFiles.Format format = CsvFiles.sniff(file);
        Context context = new Context(job, format, fields.custom(job.entity()), owners(),
                job.entity() == ImportEntity.TOUCH ? authors() : Map.of(), sales::pipelines);
        Future<?> counted = job.rowsTotal() != null ? CompletableFuture.completedFuture(null) : countLines(id, file, format);
        if (matchesCustom(job)) {
            // every live record's value, in one statement, so that each batch looks its values up in one query
            transactions.executeWithoutResult(s -> customMatches.fill(id, job.entity(), customKey(job)));
        }
        if (job.strict() && job.rowsDone() == 0) {
            long errors = pass(context, file, 0, true);
            if (errors > 0) {
                transactions.executeWithoutResult(s -> {
                    imports.problem(id, "Strict mode: " + errors + " line(s) have errors, so nothing was imported."
                            + " Download the errors, fix the lines and import again.");
                    imports.status(id, ImportStatus.RUNNING, ImportStatus.FAILED, clock.millis());
                });
                return;
            }
            if (imports.find(id).map(Import::status).orElse(null) != ImportStatus.RUNNING) {
                return;
            }
            transactions.executeWithoutResult(s -> {
                imports.resetProgress(id);
                imports.clearErrors(id);
            });
        }
        long done = imports.find(id).orElseThrow().rowsDone();
        pass(context, file, done, false);
        awaitCount(counted);
        Import after = imports.find(id).orElseThrow();
        if (after.status() == ImportStatus.RUNNING) {
            imports.status(id, ImportStatus.RUNNING, ImportStatus.DONE, clock.millis());
        }
        maintenance.afterBulkWrite();
    }

    /**
     * Reads the lines after the first {@code skip} in batches. A dry run (strict mode's check) writes
     * each batch and rolls it back, keeping only its errors; returns the number of lines with errors.
     */
    private long pass(Context context, Path file, long skip, boolean dryRun) throws IOException {
        long id = context.job.id().value();
        long failedLines = 0;
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file, context.format)) {
            Iterator<CsvRecord> records = reader.iterator();
            if (records.hasNext()) {
                records.next();
            }
            for (long i = 0; i < skip && records.hasNext(); i++) {
                records.next();
            }
            List<CsvRecord> batch = new ArrayList<>(BATCH);
            long batches = 0;
            while (true) {
                batch.clear();
                while (batch.size() < BATCH && records.hasNext()) {
                    batch.add(records.next());
                }
                if (batch.isEmpty()) {
                    return failedLines;
                }
                Import state = imports.find(id).orElseThrow();
                if (state.status() != ImportStatus.RUNNING) {
                    return failedLines;
                }
                if (state.cancelAsked()) {
                    imports.status(id, ImportStatus.RUNNING, ImportStatus.CANCELLED, clock.millis());
                    return failedLines;
                }
                failedLines += batch(context, batch, dryRun);
                batches++;
                // PostgreSQL plans the import's lookups (by email, by name) with the statistics of tables
                // that were small when it started: refresh them as the tables grow, after batches 1, 4, 16…
                if (dialect == Dialect.POSTGRESQL && Long.bitCount(batches) == 1
                        && Long.numberOfTrailingZeros(batches) % 2 == 0) {
                    maintenance.afterBulkWrite();
                }
            }
        }
    }

    /** One batch in one transaction; should it fail as a whole, each line again in its own. */
    private long batch(Context context, List<CsvRecord> batch, boolean dryRun) {
        long id = context.job.id().value();
        Outcome outcome = new Outcome();
        try {
            transactions.executeWithoutResult(status -> {
                Pending pending = new Pending(context, batch, outcome);
                for (CsvRecord record : batch) {
                    line(context, record, outcome, pending);
                }
                pending.flush();
                if (dryRun) {
                    status.setRollbackOnly();
                } else {
                    outcome.save(imports, id, batch.size(), clock.millis());
                }
            });
        } catch (RuntimeException whole) {
            log.info("import {}: a batch failed as a whole ({}); retrying its lines one by one", id, whole.toString());
            // each line's records, its import_rows and its share of the progress commit together, so that a
            // crash between two lines leaves nothing undo cannot find, and the import resumes after the line
            Outcome total = new Outcome();
            for (CsvRecord record : batch) {
                Outcome single = new Outcome();
                try {
                    transactions.executeWithoutResult(status -> {
                        Pending pending = new Pending(context, List.of(record), single);
                        line(context, record, single, pending);
                        pending.flush();
                        if (dryRun) {
                            status.setRollbackOnly();
                        } else {
                            single.save(imports, id, 1, clock.millis());
                        }
                    });
                } catch (RuntimeException e) {
                    single.clear();
                    single.error(record.getStartingLineNumber(), "line", problemOf(e));
                    if (!dryRun) {
                        transactions.executeWithoutResult(status -> single.save(imports, id, 1, clock.millis()));
                    }
                }
                total.add(single);
            }
            outcome.clear();
            outcome.add(total);
        }
        if (dryRun) {
            long lines = outcome.failedLines();
            transactions.executeWithoutResult(status -> {
                imports.addErrors(id, outcome.errors);
                imports.progress(id, batch.size(), 0, 0, 0, outcome.failedLines(), clock.millis());
            });
            return lines;
        }
        return outcome.failedLines();
    }

    // --- one line ---------------------------------------------------------------------------

    private void line(Context context, CsvRecord record, Outcome outcome, Pending pending) {
        long line = record.getStartingLineNumber();
        Import job = context.job;
        int expected = context.format.headers().size();
        if (record.getFieldCount() != expected && !(record.getFieldCount() == 1 && record.getField(0).isBlank())) {
            outcome.error(line, "line", "has " + record.getFieldCount() + " fields where the header has " + expected);
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean tooLong = false;
        for (Map.Entry<Integer, String> column : job.mapping().entrySet()) {
            int index = column.getKey();
            String cell = index < record.getFieldCount() ? record.getField(index) : "";
            if (cell.length() > CsvFiles.MAX_CELL) {
                outcome.error(line, column.getValue(), "is longer than " + CsvFiles.MAX_CELL + " characters");
                tooLong = true;
                continue;
            }
            values.put(column.getValue(), job.ownExport() ? Formulas.restore(cell) : cell);
        }
        if (tooLong) {
            return;
        }
        if (values.values().stream().allMatch(v -> v == null || v.isBlank())) {
            outcome.skipped++;
            return;
        }
        String badId = Conversion.externalIdProblem(values);
        if (badId != null) {
            outcome.error(line, "externalId", badId + context.column("externalId"));
            return;
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        try {
            switch (job.entity()) {
                case CONTACT -> contact(context, line, values, problems, outcome, pending);
                case ACCOUNT -> account(context, line, values, problems, outcome, pending);
                case LEAD -> lead(context, line, values, problems, outcome, pending);
                case DEAL -> deal(context, line, values, problems, outcome);
                case INSTALLED_PRODUCT -> installedProduct(context, line, values, problems, outcome);
                case TOUCH -> touch(context, line, values, outcome, pending);
            }
        } catch (InvalidInput invalid) {
            for (InvalidInput.FieldProblem p : invalid.problems()) {
                String field = Conversion.importField(p.field());
                outcome.error(line, field, p.message() + context.column(field));
            }
        }
    }

    private void contact(Context context, long line, Map<String, String> values, InvalidInput.Collector problems,
            Outcome outcome, Pending pending) {
        Import job = context.job;
        Contact existing = job.duplicates() == DuplicateMode.CREATE ? null : matchContact(job, values, problems, pending);
        if (existing != null && job.duplicates() == DuplicateMode.SKIP) {
            problems.throwIfAny();
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.CONTACT, existing.id().value(), "SKIPPED", null));
            outcome.skipped++;
            return;
        }
        if (existing != null) {
            requireWritable(job, "a contact", existing.ownerId(), problems);
        }
        ContactInput base = existing == null ? Conversion.emptyContact() : Conversion.inputOf(existing);
        ContactInput input = Conversion.contact(base, values, context.custom, context::owner, problems);
        String accountName = Conversion.text(values, "account");
        if (accountName != null && accountName.length() > 200) {
            problems.add("account", "must be at most 200 characters");
        }
        problems.throwIfAny();
        CheckedContact checked = Conversion.checkContact(pending::check, input, values);
        String external = Conversion.text(values, "externalId");
        if (existing == null) {
            // created with the batch's other new contacts when the batch ends (or before a line that could match it)
            ImportRepository.Row accountRow = null;
            if (accountName != null) {
                int rowsBefore = outcome.rows.size();
                AccountId account = accountFor(accountName, line, outcome);
                if (outcome.rows.size() > rowsBefore) {
                    accountRow = outcome.rows.remove(outcome.rows.size() - 1);
                }
                checked = checked.inAccount(account, BuyingRole.OTHER, false);
            }
            pending.add(new Create(line, checked, external, accountRow));
            return;
        }
        Contact saved;
        {
            saved = parties.updateContact(existing.id(), input, existing.version());
            pending.updated(existing, saved);
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.CONTACT, saved.id().value(), "UPDATED",
                    json.writeValueAsString(Conversion.inputOf(existing))));
            outcome.updated++;
        }
        if (external != null) {
            imports.putExternal(ImportEntity.CONTACT, external, saved.id().value());
        }
        if (accountName != null) {
            AccountId account = accountFor(accountName, line, outcome);
            if (saved.accounts().stream().noneMatch(m -> m.accountId().equals(account))) {
                parties.link(account, saved.id(), BuyingRole.OTHER, false);
            }
        }
    }

    /**
     * The account of this name the caller may see, created (and recorded, for undo) when there is none —
     * an account of that name they may not see is not revealed by linking to it.
     */
    private AccountId accountFor(String name, long line, Outcome outcome) {
        Optional<Account> named = firstVisible(parties.accountsNamed(name));
        if (named.isPresent()) {
            return named.get().id();
        }
        Account created = parties.createAccount(AccountInput.named(name));
        outcome.rows.add(new ImportRepository.Row(line, ImportEntity.ACCOUNT, created.id().value(), "CREATED", null));
        return created.id();
    }

    private void account(Context context, long line, Map<String, String> values, InvalidInput.Collector problems,
            Outcome outcome, Pending pending) {
        Import job = context.job;
        Account existing = job.duplicates() == DuplicateMode.CREATE ? null
                : matchAccount(job, values, problems, pending);
        if (existing != null && job.duplicates() == DuplicateMode.SKIP) {
            problems.throwIfAny();
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.ACCOUNT, existing.id().value(), "SKIPPED", null));
            outcome.skipped++;
            return;
        }
        if (existing != null) {
            requireWritable(job, "an account", existing.ownerId(), problems);
        }
        AccountInput base = existing == null ? Conversion.emptyAccount() : Conversion.inputOf(existing);
        AccountInput input = Conversion.account(base, values, context.custom, context::owner, problems);
        problems.throwIfAny();
        parties.checkAccount(input);
        Account saved;
        if (existing == null) {
            saved = parties.createAccount(input);
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.ACCOUNT, saved.id().value(), "CREATED", null));
            outcome.created++;
            pending.created(saved.id().value(), saved.custom());
        } else {
            saved = parties.updateAccount(existing.id(), input, existing.version());
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.ACCOUNT, saved.id().value(), "UPDATED",
                    json.writeValueAsString(Conversion.inputOf(existing))));
            outcome.updated++;
        }
        String external = Conversion.text(values, "externalId");
        if (external != null) {
            imports.putExternal(ImportEntity.ACCOUNT, external, saved.id().value());
        }
    }

    private void lead(Context context, long line, Map<String, String> values, InvalidInput.Collector problems,
            Outcome outcome, Pending pending) {
        Import job = context.job;
        Actor actor = Actors.current();
        EditableLead existing = job.duplicates() == DuplicateMode.CREATE ? null
                : matchLead(job, values, problems, pending.leads);
        if (existing != null && job.duplicates() == DuplicateMode.SKIP) {
            problems.throwIfAny();
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.LEAD, existing.id().value(), "SKIPPED", null));
            outcome.skipped++;
            return;
        }
        if (existing != null && !actor.canWrite(existing.owner())) {
            problems.add(job.matchOnField(), "matches a lead you may not change");
        }
        LeadInput input = Conversion.lead(existing == null ? Conversion.emptyLead() : existing.input(), values,
                context.custom, context::owner, problems);
        LeadStatus status = Conversion.leadStatus(problems, values, existing == null ? null : existing.status());
        problems.throwIfAny();
        if (existing == null && input.ownerId() == null && actor.role() == Role.REP) {
            // as with contacts: a rep's imported leads are theirs; managers' and admins' go to the pool
            input = new LeadInput(input.firstName(), input.lastName(), input.title(), input.company(), input.email(),
                    input.phone(), input.source(), input.sourceDetail(), input.referredByUserId(),
                    input.referredByContactId(), input.notes(), new UserId(actor.userId()), input.custom());
        }
        // checked before writing: a refusal inside the sales module's transaction would spoil the batch's
        sales.checkLead(existing == null ? null : existing.id(), input, Conversion.open(status));
        long id;
        if (existing == null) {
            LeadSummary created = sales.createLead(input, Conversion.open(status));
            if (status == LeadStatus.QUALIFIED) {
                sales.advanceLead(created.id(), "Qualified in the imported file");
            } else if (status == LeadStatus.DISQUALIFIED) {
                String reason = Conversion.text(values, "disqualifiedReason");
                sales.disqualifyLead(created.id(), reason != null ? reason : "Disqualified in the imported file");
            }
            id = created.id().value();
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.LEAD, id, "CREATED", null));
            outcome.created++;
        } else {
            id = existing.id().value();
            sales.updateLead(existing.id(), input, Conversion.open(status), existing.version());
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.LEAD, id, "UPDATED", leadBefore(existing)));
            outcome.updated++;
        }
        pending.leads.written(id, existing == null ? null : existing.input().email(), input.email());
        String external = Conversion.text(values, "externalId");
        if (external != null) {
            imports.putExternal(ImportEntity.LEAD, external, id);
        }
    }

    /** The lead as it was, for undo: its fields and its status (which rows written before lack). */
    private String leadBefore(EditableLead lead) {
        tools.jackson.databind.node.ObjectNode before = json.valueToTree(lead.input());
        before.put("status", lead.status().name());
        return json.writeValueAsString(before);
    }

    private void deal(Context context, long line, Map<String, String> values, InvalidInput.Collector problems,
            Outcome outcome) {
        Import job = context.job;
        String accountName = Conversion.text(values, "account");
        String accountExternal = Conversion.text(values, "accountExternalId");
        AccountId account = dealAccount(accountName, accountExternal, problems);
        EditableDeal existing = job.duplicates() == DuplicateMode.CREATE ? null
                : matchDeal(job, values, account, problems).orElse(null);
        if (existing != null && job.duplicates() == DuplicateMode.SKIP) {
            problems.throwIfAny();
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.DEAL, existing.id().value(), "SKIPPED", null));
            outcome.skipped++;
            return;
        }
        DealOutcome closed = checkMatchedDeal(job, existing, values, problems);
        if (account == null && accountName == null && accountExternal == null && existing == null) {
            problems.add("account", "is required: the name of the deal's account");
        }
        if (accountName != null && accountName.length() > 200) {
            problems.add("account", "must be at most 200 characters");
        }
        AccountId base = account != null ? account : existing != null ? existing.draft().accountId() : null;
        DealDraft draft = Conversion.deal(existing == null ? null : existing.draft(), base, values, context.pipelines(),
                context.custom, context::owner, problems);
        problems.throwIfAny();
        if (closed == null) {
            checkDeal(existing, draft);
        } else {
            checkClosedDeal(draft, closed, values);
        }
        if (account == null && existing == null) {
            // as contacts do: the account of that name is created, and recorded for undo
            draft = new DealDraft(draft.name(), accountFor(accountName, line, outcome), draft.amountMinor(),
                    draft.currency(), draft.expectedCloseDate(), draft.ownerId(), draft.pipelineId(), draft.stageId(),
                    draft.notes(), draft.custom());
        }
        long id;
        if (existing == null) {
            DealSummary created = closed == null ? sales.createDeal(draft) : sales.recordClosedDeal(draft, closed);
            id = created.id().value();
            // a deal recorded closed keeps how it closed: undo removes it only while it is still closed that way
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.DEAL, id, "CREATED", closed == null ? null
                    : json.writeValueAsString(new RecordedClosed(closed.status(), closed.closedOn()))));
            outcome.created++;
        } else {
            id = existing.id().value();
            sales.updateDeal(existing.id(), draft, existing.version());
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.DEAL, id, "UPDATED",
                    json.writeValueAsString(existing.draft())));
            outcome.updated++;
        }
        String external = Conversion.text(values, "externalId");
        if (external != null) {
            imports.putExternal(ImportEntity.DEAL, external, id);
        }
    }

    /**
     * A touch of an activity history, written with the rest of its batch when the batch ends (one batch
     * insert through the follow-up module); a to-do, a note or an activity not yet done is skipped.
     */
    private void touch(Context context, long line, Map<String, String> values, Outcome outcome, Pending pending) {
        TouchLines.Line read = touchLines.line(pending.touchLookups(), values, context::author);
        if (read.skipped() != null) {
            outcome.skipped++;
            return;
        }
        pending.addTouch(new TouchCreate(line, read.touch(), read.key()));
    }

    private void installedProduct(Context context, long line, Map<String, String> values,
            InvalidInput.Collector problems, Outcome outcome) {
        Import job = context.job;
        Optional<InstalledProduct> existing = job.duplicates() == DuplicateMode.CREATE ? Optional.empty()
                : matchInstalled(values);
        if (existing.isPresent()) {
            // an import never changes an installation: UPDATE is refused when the import is set up
            outcome.rows.add(new ImportRepository.Row(line, ImportEntity.INSTALLED_PRODUCT, existing.get().id().value(),
                    "SKIPPED", null));
            outcome.skipped++;
            return;
        }
        String accountName = Conversion.text(values, "account");
        InstalledBase.InstalledInput input = installedInput(values, problems);
        if (input.accountId() == null) {
            // as deals do: the account of that name is created, and recorded for undo
            input = new InstalledBase.InstalledInput(accountFor(accountName, line, outcome), input.productId(),
                    input.quantity(), input.installDate(), input.warrantyEnd(), input.serviceEnd(), input.endOfLife(),
                    null, input.notes());
        }
        InstalledProduct created = installedBase.install(input);
        outcome.rows.add(new ImportRepository.Row(line, ImportEntity.INSTALLED_PRODUCT, created.id().value(), "CREATED",
                null));
        outcome.created++;
        String external = Conversion.text(values, "externalId");
        if (external != null) {
            imports.putExternal(ImportEntity.INSTALLED_PRODUCT, external, created.id().value());
        }
    }

    /**
     * The line's installation, checked by the aftersale rules before anything is written (a refusal inside
     * its transaction would spoil the batch's); problems are named by the import's fields. The account is
     * null when it is still to be created, which is then not yet a problem. Used by the run and the preview.
     */
    InstalledBase.InstalledInput installedInput(Map<String, String> values, InvalidInput.Collector problems) {
        String accountName = Conversion.text(values, "account");
        String accountExternal = Conversion.text(values, "accountExternalId");
        AccountId account = dealAccount(accountName, accountExternal, problems);
        if (account == null && accountName == null && accountExternal == null) {
            problems.add("account", "is required: the name of the customer's account");
        }
        if (accountName != null && accountName.length() > 200) {
            problems.add("account", "must be at most 200 characters");
        }
        if (account != null) {
            Long owner = parties.account(account).map(a -> a.ownerId() == null ? null : a.ownerId().value()).orElse(null);
            if (!Actors.current().canWrite(owner)) {
                problems.add("account", "is an account you may not change");
            }
        }
        String productName = Conversion.text(values, "product");
        ProductId product = null;
        if (productName == null) {
            problems.add("product", "is required: the name of a product of the catalogue");
        } else {
            product = installedBase.productNamed(productName).map(Product::id).orElse(null);
            if (product == null) {
                problems.add("product", "'" + Conversion.shorten(productName)
                        + "' is not a product of the catalogue (add it under Products first)");
            }
        }
        InstalledBase.InstalledInput input = Conversion.installed(account, product, values, problems);
        try {
            installedBase.checkInstall(input);
        } catch (InvalidInput invalid) {
            for (InvalidInput.FieldProblem p : invalid.problems()) {
                String field = Conversion.importField(p.field());
                // a missing account or product is named above (or the account is still to be created), and a
                // date the file gave unreadable is named once, not again as missing
                if (!problems.has(field) && !(field.equals("product") && product == null)
                        && !(field.equals("account") && account == null)) {
                    problems.add(field, p.message());
                }
            }
        } catch (org.springframework.security.access.AccessDeniedException e) {
            // named above: an account the caller may not change
        }
        problems.throwIfAny();
        return input;
    }

    /** The installed product an earlier import recorded under the line's external id, if the caller may see it. */
    Optional<InstalledProduct> matchInstalled(Map<String, String> values) {
        String key = Conversion.text(values, "externalId");
        return key == null ? Optional.empty() : imports.external(ImportEntity.INSTALLED_PRODUCT, key)
                .flatMap(i -> installedBase.findInstalled(new InstalledProductId(i)));
    }

    /**
     * The sales module's checks, before anything is written (a refusal inside its transaction would spoil
     * the batch's); an account still to be created is not yet a problem.
     */
    void checkDeal(EditableDeal existing, DealDraft draft) {
        try {
            sales.checkDeal(existing == null ? null : existing.id(), draft);
        } catch (InvalidInput invalid) {
            List<InvalidInput.FieldProblem> left = invalid.problems().stream()
                    .filter(p -> draft.accountId() != null || !p.field().equals("accountId")).toList();
            if (!left.isEmpty()) {
                throw new InvalidInput(left);
            }
        }
    }

    /**
     * The checks of a line that updates or creates a deal ({@code existing} the deal it matched): only a deal the
     * caller may change, and only an open one, is changed. Returns the line's won or lost outcome, read by
     * {@link Conversion#dealOutcome}; null for an open deal. Only a deal the import creates is recorded closed: a
     * file never wins or loses a deal of Tickler's (an undo could not take that back).
     */
    static DealOutcome checkMatchedDeal(Import job, EditableDeal existing, Map<String, String> values,
            InvalidInput.Collector problems) {
        if (existing != null && !Actors.current().canWrite(existing.owner())) {
            problems.add(job.matchOnField(), "matches a deal you may not change");
        }
        if (existing != null && existing.status() != DealStatus.OPEN) {
            problems.add(job.matchOnField(), "matches a deal that is " + existing.status().name().toLowerCase(Locale.ROOT)
                    + "; only open deals are changed by an import");
        }
        DealOutcome closed = Conversion.dealOutcome(values, problems);
        if (closed != null && existing != null && existing.status() == DealStatus.OPEN) {
            problems.add(Conversion.text(values, "status") != null ? "status" : "stage", "says "
                    + closed.status().name().toLowerCase(Locale.ROOT) + ", which is set only on deals the import"
                    + " creates; this deal is open (win or lose it in Tickler)");
        }
        return closed;
    }

    /**
     * The sales module's checks of a deal to record closed, before anything is written, its problems named by
     * the import's fields; an account still to be created is not yet a problem.
     */
    void checkClosedDeal(DealDraft draft, DealOutcome closed, Map<String, String> values) {
        try {
            sales.checkClosedDeal(draft, closed);
        } catch (InvalidInput invalid) {
            String closeField = Conversion.closeField(values);
            List<InvalidInput.FieldProblem> left = invalid.problems().stream()
                    .filter(p -> draft.accountId() != null || !p.field().equals("accountId"))
                    .map(p -> switch (p.field()) {
                        case "closedOn" -> new InvalidInput.FieldProblem(closeField, p.message());
                        case "enteredOn" -> new InvalidInput.FieldProblem("createdDate", p.message());
                        default -> p;
                    }).toList();
            if (!left.isEmpty()) {
                throw new InvalidInput(left);
            }
        }
    }

    /** How a deal was recorded closed, kept with its import row for undo. */
    record RecordedClosed(DealStatus status, java.time.LocalDate closedOn) {
    }

    /** The deal's account the caller may see: by the id of an imported account, or by name; null when none is yet. */
    AccountId dealAccount(String name, String external, InvalidInput.Collector problems) {
        if (external != null) {
            Optional<Account> found = firstVisible(imports.external(ImportEntity.ACCOUNT, external)
                    .map(i -> List.of(new AccountId(i))).orElse(List.of()));
            if (found.isEmpty()) {
                problems.add("accountExternalId", "'" + Conversion.shorten(external)
                        + "' is not the id of an account imported before (import the accounts first)");
                return null;
            }
            return found.get().id();
        }
        return name == null ? null : firstVisible(parties.accountsNamed(name)).map(Account::id).orElse(null);
    }

    /** The deal the line names among those the caller may see: by external id, Tickler id, or its name in its account. */
    Optional<EditableDeal> matchDeal(Import job, Map<String, String> values, AccountId account,
            InvalidInput.Collector problems) {
        String key = Conversion.text(values, job.matchOnField());
        if (key == null) {
            return Optional.empty();
        }
        Optional<EditableDeal> found = switch (job.matchOn()) {
            case EXTERNAL_ID -> imports.external(ImportEntity.DEAL, key).flatMap(i -> sales.editableDeal(new DealId(i)));
            case ID -> ticklerId(key, problems).flatMap(i -> sales.editableDeal(new DealId(i)));
            case NAME -> account == null ? Optional.empty() : sales.dealsOf(account).stream()
                    .filter(d -> d.name().equalsIgnoreCase(key))
                    .filter(d -> Actors.current().canRead(d.ownerId() == null ? null : d.ownerId().value()))
                    .reduce((newer, older) -> older).flatMap(d -> sales.editableDeal(d.id()));
            default -> Optional.empty();
        };
        return found.filter(deal -> Actors.current().canRead(deal.owner()));
    }

    /**
     * The lead the line names, if the caller may see it: one they may not see is not revealed, as if there
     * were none. The run and the preview match with it.
     */
    EditableLead matchLead(Import job, Map<String, String> values, InvalidInput.Collector problems,
            LeadsByEmail byEmail) {
        String key = Conversion.text(values, job.matchOnField());
        if (key == null) {
            return null;
        }
        Optional<EditableLead> found = switch (job.matchOn()) {
            case EMAIL -> byEmail.first(key);
            case EXTERNAL_ID -> imports.external(ImportEntity.LEAD, key).flatMap(i -> sales.editableLead(new LeadId(i)));
            case ID -> ticklerId(key, problems).flatMap(i -> sales.editableLead(new LeadId(i)));
            default -> Optional.empty();
        };
        return found.filter(lead -> Actors.current().canRead(lead.owner())).orElse(null);
    }

    private Contact matchContact(Import job, Map<String, String> values, InvalidInput.Collector problems,
            Pending pending) {
        String key = Conversion.text(values, job.matchOnField());
        if (key == null) {
            return null;
        }
        pending.beforeMatching(job.matchOn(), key);
        return matchContact(job, key, pending, problems);
    }

    /** Where matching finds contacts: the run's batch (looked up together) or the preview's few lines. */
    interface ContactLookups {

        /** The oldest contact with this email that the caller may see. */
        Optional<Contact> withEmail(String email);

        Optional<Contact> contact(long id);

        /** The records (visible or not) having this custom-field value. */
        List<Long> withCustomValue(String value);
    }

    /**
     * The contact a line's key matches, as the run and the preview match it: one the caller may see, or
     * null; a key that cannot match (not a Tickler id, a custom value several records share) is a problem.
     */
    Contact matchContact(Import job, String key, ContactLookups lookups, InvalidInput.Collector problems) {
        Optional<Contact> found = switch (job.matchOn()) {
            case EMAIL -> lookups.withEmail(key);
            case EXTERNAL_ID -> imports.external(ImportEntity.CONTACT, key).flatMap(lookups::contact);
            case ID -> ticklerId(key, problems).flatMap(lookups::contact);
            case CUSTOM -> matchCustom(job, key, lookups.withCustomValue(key).stream()
                    .map(lookups::contact).flatMap(Optional::stream).filter(ImportRunner::visible).toList(), problems);
            default -> Optional.empty();
        };
        return found.filter(ImportRunner::visible).orElse(null);
    }

    private Account matchAccount(Import job, Map<String, String> values, InvalidInput.Collector problems,
            Pending pending) {
        String key = Conversion.text(values, job.matchOnField());
        return key == null ? null : matchAccount(job, key, pending::withCustomValue, problems);
    }

    /**
     * The account a line's key matches, as the run and the preview match it; {@code withCustomValue} finds
     * the records (visible or not) having a custom-field value.
     */
    Account matchAccount(Import job, String key, java.util.function.Function<String, List<Long>> withCustomValue,
            InvalidInput.Collector problems) {
        if (job.matchOn() == MatchOn.CUSTOM) {
            List<AccountId> ids = withCustomValue.apply(key).stream().map(AccountId::new).toList();
            Map<AccountId, Account> found = parties.accounts(ids);
            return matchCustom(job, key, ids.stream().map(found::get).filter(java.util.Objects::nonNull)
                    .filter(ImportRunner::visible).toList(), problems).orElse(null);
        }
        List<AccountId> ids = switch (job.matchOn()) {
            case NAME -> parties.accountsNamed(key);
            case DOMAIN -> parties.accountsWithDomain(key);
            case EXTERNAL_ID -> imports.external(ImportEntity.ACCOUNT, key).map(i -> List.of(new AccountId(i))).orElse(List.of());
            case ID -> ticklerId(key, problems).map(i -> List.of(new AccountId(i))).orElse(List.of());
            default -> List.of();
        };
        return firstVisible(ids).orElse(null);
    }

    /** A matched record the caller may see but not change is an error of the line, never an update. */
    static void requireWritable(Import job, String entity, UserId owner,
            InvalidInput.Collector problems) {
        if (!Actors.current().canWrite(owner == null ? null : owner.value())) {
            problems.add(job.matchOnField(), "matches " + entity + " you may not change");
        }
    }

    /** Whether the import matches on a custom field (and so keeps a lookup of its values while it runs). */
    static boolean matchesCustom(Import job) {
        return job.matchOn() == MatchOn.CUSTOM && job.duplicates() != DuplicateMode.CREATE && job.matchField() != null;
    }

    /** The custom field's key, without {@code custom.}. */
    static String customKey(Import job) {
        return job.matchField().substring("custom.".length());
    }

    /**
     * The rule of a custom-field match, for the run and the preview: among the records having the line's
     * value that the caller may see (the others are absent, as for every match), exactly one is the match;
     * several are an error naming the value, since updating or skipping one of them would be a guess.
     */
    static <T> Optional<T> matchCustom(Import job, String value, List<T> visible, InvalidInput.Collector problems) {
        if (value.strip().length() > CustomMatches.MAX_KEY) {
            problems.add(job.matchOnField(), "is longer than " + CustomMatches.MAX_KEY
                    + " characters, too long to match on");
            return Optional.empty();
        }
        if (visible.size() > 1) {
            problems.add(job.matchOnField(), "'" + Conversion.shorten(value) + "' matches " + visible.size()
                    + " records");
            return Optional.empty();
        }
        return visible.stream().findFirst();
    }

    /**
     * Matching sees only what the caller may see, as the lists and search do: a record they may not see
     * is treated as absent, so that no import result, error or preview tells them it exists.
     */
    static boolean visible(Contact contact) {
        return Actors.current().canRead(contact.ownerId() == null ? null : contact.ownerId().value());
    }

    static boolean visible(Account account) {
        return Actors.current().canRead(account.ownerId() == null ? null : account.ownerId().value());
    }

    private Optional<Account> firstVisible(List<AccountId> ids) {
        Map<AccountId, Account> found = parties.accounts(ids);
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).filter(ImportRunner::visible).findFirst();
    }

    private static Optional<Long> ticklerId(String text, InvalidInput.Collector problems) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            problems.add("id", "'" + Conversion.shorten(text) + "' is not a Tickler id");
            return Optional.empty();
        }
    }

    // --- undo -------------------------------------------------------------------------------

    /** Removes what the import created and restores what it updated, newest line first, a batch per transaction. */
    private void undo(Import job) {
        long id = job.id().value();
        customMatches.clear(id);
        long before = Long.MAX_VALUE;
        while (true) {
            List<ImportRepository.Row> rows = imports.rowsBefore(id, before, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            long last = rows.get(rows.size() - 1).line();
            List<ImportRepository.Row> page = rows;
            if (rows.size() == BATCH && rows.get(0).line() != last) {
                // the oldest line of the page may have more rows than fetched: leave it whole for the next page
                page = rows.stream().filter(r -> r.line() > last).toList();
            }
            long lowest = page.get(page.size() - 1).line();
            List<ImportRepository.Row> undone = page;
            transactions.executeWithoutResult(status -> {
                // the page's touches go together: one removal, one renumbering of the chases they were in
                List<Long> touches = undone.stream().filter(r -> r.entity() == ImportEntity.TOUCH
                        && r.action().equals("CREATED")).map(ImportRepository.Row::recordId).toList();
                if (!touches.isEmpty()) {
                    imports.forgetExternals(ImportEntity.TOUCH, touches);
                    followUps.removeImportedTouches(touches.stream().map(TouchId::new).toList());
                }
                for (ImportRepository.Row row : undone) {
                    undo(row);
                }
                imports.deleteRows(id, lowest);
                imports.heartbeat(id, clock.millis());
            });
            before = lowest;
        }
        imports.status(id, ImportStatus.UNDOING, ImportStatus.UNDONE, clock.millis());
    }

    private void undo(ImportRepository.Row row) {
        if (row.action().equals("SKIPPED") || row.entity() == ImportEntity.TOUCH) {
            return;
        }
        if (row.entity() == ImportEntity.LEAD) {
            undoLead(row);
        } else if (row.entity() == ImportEntity.DEAL) {
            undoDeal(row);
        } else if (row.entity() == ImportEntity.INSTALLED_PRODUCT) {
            undoInstalledProduct(row);
        } else if (row.entity() == ImportEntity.CONTACT) {
            ContactId contact = new ContactId(row.recordId());
            Optional<Contact> now = parties.contact(contact);
            if (row.action().equals("CREATED")) {
                imports.forgetExternal(ImportEntity.CONTACT, row.recordId());
                if (now.isPresent()) {
                    parties.removeContact(contact);
                }
            } else if (now.isPresent()) {
                ContactInput was = snapshot(row.before(), ContactInput.class);
                ContactInput back = new ContactInput(was.firstName(), was.lastName(), was.title(), was.emails(),
                        was.phones(), was.address(), was.birthday(), was.preferredChannel(), was.ownerId(),
                        was.doNotContact() || now.get().doNotContact(),
                        was.doNotContact() ? was.doNotContactReason() : now.get().doNotContactReason(),
                        was.referredByContactId(), was.referredByUserId(),
                        Conversion.customBack(was.custom(), now.get().custom()), was.tags(), null, null, null);
                parties.updateContact(contact, back, now.get().version());
            }
        } else {
            AccountId account = new AccountId(row.recordId());
            Optional<Account> now = parties.account(account);
            if (row.action().equals("CREATED")) {
                imports.forgetExternal(ImportEntity.ACCOUNT, row.recordId());
                if (now.isPresent() && holdsNothingElse(account)) {
                    parties.removeAccount(account);
                }
            } else if (now.isPresent()) {
                AccountInput was = snapshot(row.before(), AccountInput.class);
                AccountInput back = new AccountInput(was.name(), was.website(), was.industry(), was.size(), was.phone(),
                        was.address(), was.description(), was.ownerId(), was.level(), was.levelAssessedOn(), was.stage(),
                        was.doNotContact() || now.get().doNotContact(),
                        was.doNotContact() ? was.doNotContactReason() : now.get().doNotContactReason(), was.parentId(),
                        Conversion.customBack(was.custom(), now.get().custom()), was.tags());
                parties.updateAccount(account, back, now.get().version());
            }
        }
    }

    /**
     * A created lead is removed, an updated one written back as it was. A lead converted since, or one the
     * user may no longer change (given to another team), is kept as it is now.
     */
    private void undoLead(ImportRepository.Row row) {
        LeadId lead = new LeadId(row.recordId());
        Optional<EditableLead> now = sales.editableLead(lead);
        if (row.action().equals("CREATED")) {
            imports.forgetExternal(ImportEntity.LEAD, row.recordId());
        }
        if (now.isEmpty() || now.get().converted() || !Actors.current().canWrite(now.get().owner())) {
            return;
        }
        if (row.action().equals("CREATED")) {
            sales.removeLead(lead);
            return;
        }
        LeadInput was = snapshot(row.before(), LeadInput.class);
        LeadInput current = now.get().input();
        LeadInput back = new LeadInput(was.firstName(), was.lastName(), was.title(), was.company(), was.email(),
                was.phone(), was.source(), was.sourceDetail(), was.referredByUserId(), was.referredByContactId(),
                was.notes(), now.get().active() ? was.ownerId() : current.ownerId(),
                Conversion.customBack(was.custom(), current.custom()));
        // new or working as it was; a lead qualified or ruled out since keeps that status
        tools.jackson.databind.JsonNode wasStatus = json.readTree(row.before()).path("status");
        LeadStatus status = wasStatus.isString() && Conversion.open(now.get().status()) != null
                ? Conversion.open(LeadStatus.valueOf(wasStatus.asString())) : null;
        sales.updateLead(lead, back, status, now.get().version());
    }

    /**
     * A created deal is removed, an updated one written back; one won or lost since, or no longer the user's to
     * change, is kept. A deal the import recorded closed is removed (with its invoices) while it is still closed
     * as recorded; one reopened since is kept.
     */
    /**
     * Whether an account this import created holds nothing now (its own lines are undone before it):
     * a deal kept by the undo, or a person, deal, installed product or touch added since, keeps the
     * account, since removing it would take them along.
     */
    private boolean holdsNothingElse(AccountId account) {
        return sales.dealsOf(account).isEmpty() && parties.members(account).isEmpty()
                && installedBase.installedProducts(account, null, Paging.first(1)).items().isEmpty()
                && followUps.touchesOf(new Subject("account", account.value()), Paging.first(1)).items().isEmpty();
    }

    private void undoDeal(ImportRepository.Row row) {
        DealId deal = new DealId(row.recordId());
        Optional<EditableDeal> now = sales.editableDeal(deal);
        if (row.action().equals("CREATED")) {
            imports.forgetExternal(ImportEntity.DEAL, row.recordId());
        }
        if (now.isEmpty() || !Actors.current().canWrite(now.get().owner())) {
            return;
        }
        if (row.action().equals("CREATED") && row.before() != null) {
            RecordedClosed recorded = snapshot(row.before(), RecordedClosed.class);
            if (now.get().status() == recorded.status() && java.util.Objects.equals(now.get().closedOn(),
                    recorded.closedOn())) {
                sales.removeRecordedDeal(deal, recorded.status(), recorded.closedOn());
            }
            return;
        }
        if (now.get().status() != DealStatus.OPEN) {
            return;
        }
        if (row.action().equals("CREATED")) {
            sales.removeDeal(deal);
            return;
        }
        DealDraft was = snapshot(row.before(), DealDraft.class);
        sales.updateDeal(deal, new DealDraft(was.name(), was.accountId(), was.amountMinor(), was.currency(),
                was.expectedCloseDate(), was.ownerId(), was.pipelineId(), was.stageId(), was.notes(),
                Conversion.customBack(was.custom(), now.get().draft().custom())), now.get().version());
    }

    /**
     * A created installed product is removed, with what the aftersale module derived from it (renewal
     * notices, their open follow-up and deal); one already gone, or on an account the user may no longer
     * change, is kept.
     */
    private void undoInstalledProduct(ImportRepository.Row row) {
        InstalledProductId installed = new InstalledProductId(row.recordId());
        if (!row.action().equals("CREATED")) {
            return;
        }
        imports.forgetExternal(ImportEntity.INSTALLED_PRODUCT, row.recordId());
        Optional<InstalledProduct> now = installedBase.findInstalled(installed);
        if (now.isEmpty()) {
            return;
        }
        Long owner = parties.account(now.get().accountId()).map(a -> a.ownerId() == null ? null : a.ownerId().value())
                .orElse(null);
        if (Actors.current().canWrite(owner)) {
            installedBase.remove(installed);
        }
    }

    /** Reads the record as it was before the import; read-only properties written with it are ignored. */
    private <T> T snapshot(String text, Class<T> type) {
        return json.readerFor(type).without(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(text);
    }

    // --- helpers ----------------------------------------------------------------------------

    private void fail(long id, String problem) {
        transactions.executeWithoutResult(s -> {
            imports.problem(id, problem);
            Import job = imports.find(id).orElseThrow();
            imports.status(id, job.status(), ImportStatus.FAILED, clock.millis());
        });
    }

    /**
     * Counts the file's lines on a thread of its own and records the total (the import does not wait for
     * it: at a million lines, reading the whole file first delayed the first batch by a second or more).
     * A file that cannot be read is reported by the import itself, not here.
     */
    private Future<?> countLines(long id, Path file, CsvFiles.Format format) {
        Actor actor = Actors.current();
        return counter.submit(() -> Actors.runAs(actor, () -> {
            try {
                imports.total(id, count(file, format));
            } catch (IOException | UncheckedIOException | CsvParseException e) {
                log.debug("import {}: its lines could not be counted ({})", id, e.toString());
            }
        }));
    }

    /** A finished import shows its total: the count ends long before the import, and is waited for if not. */
    private static void awaitCount(Future<?> counted) {
        try {
            counted.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("counting an import's lines failed", e.getCause());
        }
    }

    private static long count(Path file, CsvFiles.Format format) throws IOException {
        long rows = 0;
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file, format)) {
            Iterator<CsvRecord> records = reader.iterator();
            while (records.hasNext()) {
                records.next();
                rows++;
            }
        }
        return Math.max(0, rows - 1);
    }

    List<UserSummary> users() {
        return directory.activeUsers();
    }

    private Map<String, UserId> owners() {
        return byEmailAndName(directory.activeUsers());
    }

    /**
     * Who may be named as the author of an imported touch: any user of the workspace, by email or display
     * name — a colleague who has left too (the history is theirs); of two with the same name, an active one.
     * The run and the preview name authors with it.
     */
    Map<String, UserId> authors() {
        List<UserSummary> users = new ArrayList<>(directory.everyone());
        users.sort(java.util.Comparator.comparing(user -> !user.active()));
        return byEmailAndName(users);
    }

    /** The users by email and display name (in lower case), the first of a name taking it. */
    private static Map<String, UserId> byEmailAndName(List<UserSummary> users) {
        Map<String, UserId> found = new HashMap<>();
        for (UserSummary user : users) {
            found.put(user.email().toLowerCase(Locale.ROOT), user.id());
        }
        for (UserSummary user : users) {
            found.putIfAbsent(user.displayName().toLowerCase(Locale.ROOT), user.id());
        }
        return found;
    }

    private static String problemOf(RuntimeException e) {
        if (e instanceof InvalidInput invalid && !invalid.problems().isEmpty()) {
            return Conversion.importField(invalid.problems().get(0).field()) + " " + invalid.problems().get(0).message();
        }
        if (e instanceof org.springframework.security.access.AccessDeniedException) {
            return "matches a record you may not change";
        }
        return "could not be written (" + e.getClass().getSimpleName() + ")";
    }

    private static String lineOf(CsvParseException e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
        return m.find() ? m.group(1) : "?";
    }

    private static String reason(CsvParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        if (message.contains("buffer") || message.contains("Maximum")) {
            return "a record is longer than " + CsvFiles.MAX_RECORD / 1024 / 1024
                    + " MiB — most likely a quote that is never closed";
        }
        return Conversion.shorten(message);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        counter.shutdownNow();
    }

    /** A touch line to write with the rest of its batch, known by its key. */
    private record TouchCreate(long line, ImportedTouch touch, String key) {
    }

    /** The emails of these lines an import matching on the email matches (none for other imports), in lower case. */
    static List<String> emailKeys(Import job, List<CsvRecord> records) {
        Integer column = job.mapping().entrySet().stream().filter(e -> e.getValue().equals("email"))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (column == null || job.duplicates() == DuplicateMode.CREATE || job.matchOn() != MatchOn.EMAIL) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (CsvRecord record : records) {
            if (column < record.getFieldCount()) {
                String cell = record.getField(column);
                String email = Conversion.text(Map.of("email", job.ownExport() ? Formulas.restore(cell) : cell), "email");
                if (email != null && email.length() <= CsvFiles.MAX_CELL) {
                    keys.add(email.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return keys;
    }

    /** A contact line to create with the rest of its batch. */
    private record Create(long line, CheckedContact contact, String external, ImportRepository.Row accountRow) {
    }

    /**
     * A batch's new contacts, created together through the party module's bulk path, and what the
     * batch's lines are matched against: the contacts having the batch's emails, read in one query
     * before the first line, and the matched contacts, read in one more.
     */
    private final class Pending implements ContactLookups {
        private final Context context;
        private final Outcome outcome;
        private final List<Create> creates = new ArrayList<>();
        private final Set<String> emails = new java.util.HashSet<>();
        private final Set<String> externals = new java.util.HashSet<>();
        private final Map<String, List<ContactId>> byEmail = new HashMap<>();
        private final Set<String> looked = new java.util.HashSet<>();
        private final Map<Long, Contact> contacts = new HashMap<>();

        private final LeadsByEmail leads;

        /** For a custom-field match: the batch's values (keys) and the records having them, and the waiting creates' keys. */
        private final Map<String, List<Long>> byCustom = new HashMap<>();
        private final Set<String> customLooked = new java.util.HashSet<>();
        private final Set<String> customWaiting = new java.util.HashSet<>();

        private final List<TouchCreate> touches = new ArrayList<>();
        private TouchLines.Lookups touchLookups;

        Pending(Context context, List<CsvRecord> batch, Outcome outcome) {
            this.context = context;
            this.outcome = outcome;
            Import job = context.job;
            if (job.entity() == ImportEntity.TOUCH) {
                // the batch's contacts and leads, by email and by the ids of an earlier import, in one query each
                touchLookups = touchLines.lookups();
                List<String> emails = new ArrayList<>();
                cells(batch, "contactEmail").forEach(cell -> emails.addAll(TouchConversion.emails(cell)));
                List<String> leadEmails = new ArrayList<>();
                cells(batch, "leadEmail").forEach(cell -> leadEmails.addAll(TouchConversion.emails(cell)));
                touchLookups.prefetch(emails, cells(batch, "contactExternalId"), leadEmails,
                        cells(batch, "leadExternalId"));
                leads = new LeadsByEmail(sales, List.of());
                return;
            }
            if (matchesCustom(job)) {
                // the batch's values in one query on the import's lookup, the contacts they match in one more
                List<String> values = cells(batch, job.matchField()).stream()
                        .filter(v -> v.strip().length() <= CustomMatches.MAX_KEY).map(customMatches::key).toList();
                byCustom.putAll(customMatches.lookup(job.id().value(), values));
                customLooked.addAll(values);
                if (job.entity() == ImportEntity.CONTACT) {
                    parties.contacts(byCustom.values().stream().flatMap(List::stream).distinct().map(ContactId::new)
                            .toList()).forEach((id, contact) -> contacts.put(id.value(), contact));
                }
            }
            List<String> keys = emailKeys(context.job, batch);
            leads = new LeadsByEmail(sales, context.job.entity() == ImportEntity.LEAD ? keys : List.of());
            if (context.job.entity() != ImportEntity.CONTACT || keys.isEmpty()) {
                return;
            }
            byEmail.putAll(parties.contactsWithEmails(keys));
            looked.addAll(keys);
            List<ContactId> matched = byEmail.values().stream().flatMap(List::stream).distinct().toList();
            parties.contacts(matched).forEach((id, contact) -> contacts.put(id.value(), contact));
        }

        /** The non-blank cells of the column mapped to a field, in the batch's lines. */
        private List<String> cells(List<CsvRecord> batch, String field) {
            Import job = context.job;
            Integer column = job.mapping().entrySet().stream().filter(e -> e.getValue().equals(field))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            List<String> cells = new ArrayList<>();
            if (column == null) {
                return cells;
            }
            for (CsvRecord record : batch) {
                if (column < record.getFieldCount()) {
                    String cell = Conversion.text(Map.of(field, job.ownExport() ? Formulas.restore(record.getField(column))
                            : record.getField(column)), field);
                    if (cell != null && cell.length() <= CsvFiles.MAX_CELL) {
                        cells.add(cell);
                    }
                }
            }
            return cells;
        }

        TouchLines.Lookups touchLookups() {
            if (touchLookups == null) {
                touchLookups = touchLines.lookups();
            }
            return touchLookups;
        }

        void addTouch(TouchCreate touch) {
            touches.add(touch);
        }

        /**
         * Writes the batch's touches in one go. Each is known by its key (the activity id, else its
         * fingerprint) in {@code import_external_ids}: a key an earlier import wrote, whose touch still
         * exists, or one an earlier line of the batch has, is a duplicate — skipped, unless duplicates are
         * created anyway. Re-running a file therefore adds nothing.
         */
        private void flushTouches() {
            if (touches.isEmpty()) {
                return;
            }
            boolean skipDuplicates = context.job.duplicates() != DuplicateMode.CREATE;
            Map<String, Long> known = skipDuplicates
                    ? imports.externals(ImportEntity.TOUCH, touches.stream().map(TouchCreate::key).toList()) : Map.of();
            Set<TouchId> alive = known.isEmpty() ? Set.of()
                    : followUps.existingTouches(known.values().stream().map(TouchId::new).toList());
            List<TouchCreate> creates = new ArrayList<>();
            Map<String, Integer> firstWithKey = new HashMap<>();
            List<TouchCreate> sameAsEarlierLine = new ArrayList<>();
            for (TouchCreate touch : touches) {
                Long earlier = known.get(touch.key());
                if (skipDuplicates && earlier != null && alive.contains(new TouchId(earlier))) {
                    outcome.rows.add(new ImportRepository.Row(touch.line(), ImportEntity.TOUCH, earlier, "SKIPPED", null));
                    outcome.skipped++;
                } else if (skipDuplicates && firstWithKey.containsKey(touch.key())) {
                    sameAsEarlierLine.add(touch);
                } else {
                    firstWithKey.putIfAbsent(touch.key(), creates.size());
                    creates.add(touch);
                }
            }
            List<TouchId> ids = followUps.importTouches(creates.stream().map(TouchCreate::touch).toList());
            Map<String, Long> keys = new LinkedHashMap<>();
            for (int i = 0; i < creates.size(); i++) {
                long id = ids.get(i).value();
                outcome.rows.add(new ImportRepository.Row(creates.get(i).line(), ImportEntity.TOUCH, id, "CREATED", null));
                outcome.created++;
                keys.put(creates.get(i).key(), id);
            }
            for (TouchCreate touch : sameAsEarlierLine) {
                outcome.rows.add(new ImportRepository.Row(touch.line(), ImportEntity.TOUCH,
                        ids.get(firstWithKey.get(touch.key())).value(), "SKIPPED", null));
                outcome.skipped++;
            }
            imports.putExternals(ImportEntity.TOUCH, keys);
            touches.clear();
        }

        private java.util.function.Function<ContactInput, CheckedContact> checker;

        /** {@code Parties.checkContact}, with the custom-field definitions read once for the batch. */
        CheckedContact check(ContactInput input) {
            if (checker == null) {
                checker = parties.contactChecker();
            }
            return checker.apply(input);
        }

        void add(Create create) {
            creates.add(create);
            String custom = customValue(create.contact().custom());
            if (custom != null) {
                customWaiting.add(custom);
            }
            create.contact().emails().forEach(e -> emails.add(key(e.address())));
            if (create.external() != null) {
                externals.add(create.external());
            }
        }

        /** A line about to be matched on a key that a contact waiting to be created has: create the waiting ones first. */
        void beforeMatching(MatchOn on, String key) {
            if ((on == MatchOn.EMAIL && emails.contains(key(key))) || (on == MatchOn.EXTERNAL_ID && externals.contains(key))
                    || (on == MatchOn.CUSTOM && customWaiting.contains(customMatches.key(key)))) {
                flush();
            }
        }

        /** The records (visible or not) having this custom-field value: the batch's, or looked up now. */
        @Override
        public List<Long> withCustomValue(String value) {
            if (value.strip().length() > CustomMatches.MAX_KEY) {
                return List.of();
            }
            String key = customMatches.key(value);
            if (!customLooked.contains(key)) {
                byCustom.putAll(customMatches.lookup(context.job.id().value(), List.of(key)));
                customLooked.add(key);
            }
            return byCustom.getOrDefault(key, List.of());
        }

        /** The key of the matched custom field in a record's values, or null: none, or not matching on one. */
        private String customValue(Map<String, Object> custom) {
            if (!matchesCustom(context.job) || custom == null
                    || !(custom.get(customKey(context.job)) instanceof String value) || value.isBlank()
                    || value.strip().length() > CustomMatches.MAX_KEY) {
                return null;
            }
            return customMatches.key(value);
        }

        /** A record this import created: later lines of the file match it by its custom-field value. */
        void created(long id, Map<String, Object> custom) {
            String key = customValue(custom);
            if (key == null) {
                return;
            }
            customMatches.add(context.job.id().value(), Map.of(id, key));
            if (customLooked.contains(key)) {
                byCustom.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        }

        @Override
        public Optional<Contact> withEmail(String email) {
            String key = key(email);
            if (!looked.contains(key)) {
                byEmail.putAll(parties.contactsWithEmails(List.of(key)));
                looked.add(key);
            }
            for (ContactId id : byEmail.getOrDefault(key, List.of())) {
                Optional<Contact> contact = contact(id.value()).filter(ImportRunner::visible);
                if (contact.isPresent()) {
                    return contact;
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<Contact> contact(long id) {
            Contact known = contacts.get(id);
            return known != null ? Optional.of(known) : parties.contact(new ContactId(id));
        }

        /** An updated contact's emails may now match other lines: look them up again. */
        void updated(Contact before, Contact after) {
            contacts.remove(before.id().value());
            for (Contact c : List.of(before, after)) {
                c.emails().forEach(e -> {
                    looked.remove(key(e.address()));
                    byEmail.remove(key(e.address()));
                });
            }
        }

        /** Creates the waiting contacts (or touches), recording what each line did in the batch's outcome. */
        void flush() {
            flushTouches();
            if (creates.isEmpty()) {
                return;
            }
            List<ContactId> ids = parties.createCheckedContacts(creates.stream().map(Create::contact).toList(),
                    "import " + context.job.id().value());
            for (int i = 0; i < creates.size(); i++) {
                Create create = creates.get(i);
                long id = ids.get(i).value();
                outcome.rows.add(new ImportRepository.Row(create.line(), ImportEntity.CONTACT, id, "CREATED", null));
                if (create.accountRow() != null) {
                    outcome.rows.add(create.accountRow());
                }
                outcome.created++;
                if (create.external() != null) {
                    imports.putExternal(ImportEntity.CONTACT, create.external(), id);
                }
            }
            Map<Long, String> customKeys = new HashMap<>();
            for (int i = 0; i < creates.size(); i++) {
                String key = customValue(creates.get(i).contact().custom());
                if (key != null) {
                    long id = ids.get(i).value();
                    customKeys.put(id, key);
                    if (customLooked.contains(key)) {
                        byCustom.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                    }
                }
            }
            customMatches.add(context.job.id().value(), customKeys);
            customWaiting.clear();
            creates.forEach(c -> c.contact().emails().forEach(e -> {
                looked.remove(key(e.address()));
                byEmail.remove(key(e.address()));
            }));
            creates.clear();
            emails.clear();
            externals.clear();
        }

        private static String key(String email) {
            return email.strip().toLowerCase(Locale.ROOT);
        }
    }

    /** What one import needs for every line. */
    private static final class Context {
        final Import job;
        final CsvFiles.Format format;
        final Map<String, CustomField> custom;
        final Map<String, UserId> owners;
        final Map<String, UserId> authors;

        final java.util.function.Supplier<List<app.tickler.sales.PipelineSummary>> pipelineSource;

        Context(Import job, CsvFiles.Format format, Map<String, CustomField> custom, Map<String, UserId> owners,
                Map<String, UserId> authors,
                java.util.function.Supplier<List<app.tickler.sales.PipelineSummary>> pipelineSource) {
            this.pipelineSource = pipelineSource;
            this.job = job;
            this.format = format;
            this.custom = custom;
            this.owners = owners;
            this.authors = authors;
        }

        UserId owner(String emailOrName) {
            return owners.get(emailOrName.strip().toLowerCase(Locale.ROOT));
        }

        /** The author of a touch: any user of the workspace, one who has left too. */
        UserId author(String emailOrName) {
            return authors.get(emailOrName.strip().toLowerCase(Locale.ROOT));
        }

        private List<app.tickler.sales.PipelineSummary> pipelines;

        /** The workspace's pipelines with their stages, read once per import. */
        List<app.tickler.sales.PipelineSummary> pipelines() {
            if (pipelines == null) {
                pipelines = pipelineSource.get();
            }
            return pipelines;
        }

        /** " (column 'Owner.Email')" for a field mapped from a column, so that an error names where to look. */
        String column(String field) {
            return job.mapping().entrySet().stream().filter(e -> e.getValue().equals(field)).findFirst()
                    .map(e -> " (column '" + Conversion.shorten(job.headers().get(e.getKey())) + "')").orElse("");
        }
    }

    /** What a batch did: rows written, errors, and counts for the progress. */
    private static final class Outcome {
        final List<ImportRepository.Row> rows = new ArrayList<>();
        final List<ImportRepository.Error> errors = new ArrayList<>();
        final Set<Long> failed = new java.util.HashSet<>();
        long created;
        long updated;
        long skipped;

        void error(long line, String field, String reason) {
            errors.add(new ImportRepository.Error(line, errors.size(), field, reason));
            failed.add(line);
        }

        long failedLines() {
            return failed.size();
        }

        void clear() {
            rows.clear();
            errors.clear();
            failed.clear();
            created = 0;
            updated = 0;
            skipped = 0;
        }

        void add(Outcome other) {
            rows.addAll(other.rows);
            other.errors.forEach(e -> error(e.line(), e.field(), e.reason()));
            created += other.created;
            updated += other.updated;
            skipped += other.skipped;
        }

        void save(ImportRepository imports, long id, int lines, long now) {
            imports.addRows(id, rows);
            imports.addErrors(id, errors);
            imports.progress(id, lines, created, updated, skipped, failedLines(), now);
        }
    }
}
