package app.tickler.dataio;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.Dialect;

/**
 * The import benchmark for docs/benchmarks.md (excluded by default): Tickler's import of generated
 * contact rows (parse, validate, dedupe by email, write with every index, audit and timeline) against
 * the database's own bulk path on the same rows into the same table — SQLite: a prepared-statement
 * batch insert in one transaction; PostgreSQL: COPY through pgjdbc's CopyManager — and the peak heap
 * of each import size. The same bulk path also writes every row an imported contact consists of (its email
 * row, search index entry, timeline entry and undo journal line), which bounds what any import can reach. {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups= -Dtest=ImportBenchmarkTests
 * -Dtickler.benchmark.import.rows=20000,100000}; TICKLER_TEST_POSTGRES_URL for PostgreSQL. Prints
 * "BENCHMARK import …" lines.
 */
@Tag("benchmark")
@TicklerTest
class ImportBenchmarkTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Imports imports;
    @Autowired
    ImportRunner runner;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Dialect dialect;
    @Autowired
    IdGenerator ids;

    @Test
    void measure() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String size : System.getProperty("tickler.benchmark.import.rows", "10000,50000").split(",")) {
            int rows = Integer.parseInt(size.strip());
            Path file = generate(rows);
            double rawRate = raw(fixtures.workspace(), file, rows, Raw.CONTACTS);
            // PostgreSQL keeps the search text in the contact's own row: the same rows with it, as Tickler stores them
            double rawSearchRate = dialect == Dialect.POSTGRESQL
                    ? raw(fixtures.workspace(), file, rows, Raw.CONTACTS_WITH_SEARCH_TEXT) : 0;
            double rawEverythingRate = raw(fixtures.workspace(), file, rows, Raw.EVERYTHING);
            TestWorkspace target = fixtures.workspace();
            System.gc();
            resetPeaks();
            double importRate = tickler(target.admin(), file, null);
            long peak = peakHeap();
            // the live heap: the same file again into another workspace, with a full collection when a
            // quarter, half, three quarters and all of the lines are done (the rate is not taken from this run)
            long[] live = new long[1];
            tickler(fixtures.workspace().admin(), file, live);
            lines.add(String.format("BENCHMARK import %s rows=%d tickler=%.0f rows/s raw=%.0f rows/s ratio=%.3f"
                    + " peakHeap=%d MiB liveHeapAfterFullGc=%d MiB", dialect, rows, importRate, rawRate,
                    importRate / rawRate, peak / 1024 / 1024, live[0] / 1024 / 1024)
                    + (rawSearchRate == 0 ? "" : String.format(" rawWithSearchText=%.0f rows/s ratioWithSearchText=%.3f",
                            rawSearchRate, importRate / rawSearchRate))
                    + String.format(" rawEverything=%.0f rows/s ratioToEverything=%.3f ceiling=%.3f", rawEverythingRate,
                            importRate / rawEverythingRate, rawEverythingRate / rawRate));
            System.out.println(lines.get(lines.size() - 1));
            Files.delete(file);
        }
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.write(out.resolve("import-" + dialect.name().toLowerCase() + ".txt"), lines);
    }

    private static Path generate(int rows) throws IOException {
        Path file = Files.createTempFile("import-bench", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Record ID,First Name,Last Name,Email,Job Title,City\n");
            for (int i = 0; i < rows; i++) {
                out.write(i + ",First" + i + ",Last" + i + ",person" + i + "@bench.example,Buyer " + (i % 50) + ",City "
                        + (i % 300) + "\n");
            }
        }
        return file;
    }

    /**
     * Tickler's import from the start to the last batch, measured by the import itself. With {@code live},
     * the largest heap in use right after a full collection at each quarter of the lines goes there.
     */
    private double tickler(TestUser admin, Path file, long[] live) throws Exception {
        long[] started = new long[1];
        ImportId id = admin.call(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                Import job = imports.upload(ImportEntity.CONTACT, "bench.csv", in);
                imports.configure(job.id(), new Imports.Settings(Map.of(1, "firstName", 2, "lastName", 3, "email",
                        4, "title", 5, "city"), DuplicateMode.SKIP, MatchOn.EMAIL, null, false));
                started[0] = System.nanoTime();
                imports.start(job.id());
                return job.id();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        int quarter = 1;
        while (runner.isRunningHere(id.value())) {
            if (live != null) {
                Import now = admin.call(() -> imports.get(id));
                if (now.rowsTotal() != null && now.rowsTotal() > 0 && now.rowsDone() * 4 >= now.rowsTotal() * quarter) {
                    live[0] = Math.max(live[0], heapAfterFullCollection());
                    quarter++;
                }
                Thread.sleep(20);
            } else {
                Thread.sleep(200);
            }
        }
        if (live != null) {
            live[0] = Math.max(live[0], heapAfterFullCollection());
        }
        long nanos = System.nanoTime() - started[0];
        Import done = admin.call(() -> imports.get(id));
        if (done.status() != ImportStatus.DONE || done.errors() > 0) {
            throw new AssertionError("the benchmark import ended " + done.status() + " with " + done.errors() + " errors");
        }
        return done.rowsDone() * 1e9 / nanos;
    }

    /** What the database's own bulk path writes, for comparison with Tickler's import of the same rows. */
    enum Raw {
        /** The contact rows alone (the columns a contact needs), into the same table with all its indexes. */
        CONTACTS,
        /** PostgreSQL: the contact rows with their search text, a column of the row there that fills the GIN index. */
        CONTACTS_WITH_SEARCH_TEXT,
        /**
         * Every row an imported contact consists of: the contact (with its search text on PostgreSQL), its email
         * row, its entry in the search index (SQLite's FTS5 table), its "created" timeline entry and the undo
         * journal's line — no parsing, checking or matching, so what no import can be faster than.
         */
        EVERYTHING
    }

    /**
     * The database's own bulk path on the same rows, in one transaction — SQLite: prepared-statement batches;
     * PostgreSQL: COPY through pgjdbc's CopyManager. The search text is names, title, email and its two halves,
     * as the party module writes it.
     */
    private double raw(TestWorkspace workspace, Path file, int rows, Raw what) throws Exception {
        long now = System.currentTimeMillis();
        List<String[]> csv = Files.readAllLines(file).subList(1, rows + 1).stream().map(line -> line.split(",")).toList();
        // the undo journal's lines belong to an import
        byte[] oneLine = "Email\nraw@bench.example\n".getBytes(StandardCharsets.UTF_8);
        long importId = what != Raw.EVERYTHING ? 0 : workspace.admin().call(() -> imports.upload(ImportEntity.CONTACT,
                "raw.csv", new ByteArrayInputStream(oneLine))).id().value();
        long ws = workspace.id();
        long[] contactIds = new long[rows];
        for (int i = 0; i < rows; i++) {
            contactIds[i] = ids.next();
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (dialect == Dialect.POSTGRESQL) {
                CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
                boolean search = what != Raw.CONTACTS;
                StringBuilder data = new StringBuilder();
                for (int i = 0; i < rows; i++) {
                    String[] f = csv.get(i);
                    data.append(ws).append(',').append(contactIds[i]).append(',').append(f[1]).append(',').append(f[2])
                            .append(',').append(f[2].toLowerCase()).append(',').append((f[1] + f[2]).toLowerCase())
                            .append(',').append(f[4]).append(',').append(f[3]).append(",{},0,").append(now).append(',')
                            .append(now);
                    if (search) {
                        data.append(',').append(searchText(f));
                    }
                    data.append('\n');
                }
                copy.copyIn("COPY contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email,"
                        + " custom, version, created_at, updated_at" + (search ? ", search_text" : "")
                        + ") FROM STDIN WITH (FORMAT csv)", new StringReader(data.toString()));
                if (what == Raw.EVERYTHING) {
                    StringBuilder emails = new StringBuilder();
                    StringBuilder timeline = new StringBuilder();
                    StringBuilder journal = new StringBuilder();
                    for (int i = 0; i < rows; i++) {
                        String[] f = csv.get(i);
                        emails.append(ws).append(',').append(contactIds[i]).append(",0,").append(f[3]).append(',')
                                .append(f[3].toLowerCase()).append('\n');
                        timeline.append(ws).append(',').append(ids.next()).append(",contact,").append(contactIds[i])
                                .append(",record.created,").append(now).append(",Admin,Contact created by import ")
                                .append(importId).append(",0\n");
                        journal.append(ws).append(',').append(importId).append(',').append(i + 2).append(",CONTACT,")
                                .append(contactIds[i]).append(",CREATED\n");
                    }
                    copy.copyIn("COPY contact_emails (workspace_id, contact_id, position, email, email_key)"
                            + " FROM STDIN WITH (FORMAT csv)", new StringReader(emails.toString()));
                    copy.copyIn("COPY timeline_entries (workspace_id, id, subject_type, subject_id, kind, occurred_at,"
                            + " actor_name, title, version) FROM STDIN WITH (FORMAT csv)", new StringReader(timeline.toString()));
                    copy.copyIn("COPY import_rows (workspace_id, import_id, line, entity, record_id, action)"
                            + " FROM STDIN WITH (FORMAT csv)", new StringReader(journal.toString()));
                }
            } else {
                boolean everything = what == Raw.EVERYTHING;
                try (PreparedStatement contacts = connection.prepareStatement("""
                        INSERT INTO contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email,
                                              custom, version, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', 0, ?, ?)""");
                        PreparedStatement emails = connection.prepareStatement("""
                                INSERT INTO contact_emails (workspace_id, contact_id, position, email, email_key)
                                VALUES (?, ?, 0, ?, ?)""");
                        PreparedStatement search = connection.prepareStatement(
                                "INSERT INTO party_search (rowid, terms) VALUES (?, ?)");
                        PreparedStatement timeline = connection.prepareStatement("""
                                INSERT INTO timeline_entries (workspace_id, id, subject_type, subject_id, kind, occurred_at,
                                                              actor_name, title, version)
                                VALUES (?, ?, 'contact', ?, 'record.created', ?, 'Admin', ?, 0)""");
                        PreparedStatement journal = connection.prepareStatement("""
                                INSERT INTO import_rows (workspace_id, import_id, line, entity, record_id, action)
                                VALUES (?, ?, ?, 'CONTACT', ?, 'CREATED')""")) {
                    List<PreparedStatement> statements = everything ? List.of(contacts, emails, search, timeline, journal)
                            : List.of(contacts);
                    for (int i = 0; i < rows; i++) {
                        String[] f = csv.get(i);
                        contacts.setLong(1, ws);
                        contacts.setLong(2, contactIds[i]);
                        contacts.setString(3, f[1]);
                        contacts.setString(4, f[2]);
                        contacts.setString(5, f[2].toLowerCase());
                        contacts.setString(6, (f[1] + f[2]).toLowerCase());
                        contacts.setString(7, f[4]);
                        contacts.setString(8, f[3]);
                        contacts.setLong(9, now);
                        contacts.setLong(10, now);
                        contacts.addBatch();
                        if (everything) {
                            emails.setLong(1, ws);
                            emails.setLong(2, contactIds[i]);
                            emails.setString(3, f[3]);
                            emails.setString(4, f[3].toLowerCase());
                            emails.addBatch();
                            search.setLong(1, contactIds[i]);
                            search.setString(2, "w" + ws + " " + searchText(f));
                            search.addBatch();
                            timeline.setLong(1, ws);
                            timeline.setLong(2, ids.next());
                            timeline.setLong(3, contactIds[i]);
                            timeline.setLong(4, now);
                            timeline.setString(5, "Contact created by import " + importId);
                            timeline.addBatch();
                            journal.setLong(1, ws);
                            journal.setLong(2, importId);
                            journal.setLong(3, i + 2);
                            journal.setLong(4, contactIds[i]);
                            journal.addBatch();
                        }
                        if ((i + 1) % 1000 == 0) {
                            for (PreparedStatement statement : statements) {
                                statement.executeBatch();
                            }
                        }
                    }
                    for (PreparedStatement statement : statements) {
                        statement.executeBatch();
                    }
                }
            }
            connection.commit();
        }
        return rows * 1e9 / (System.nanoTime() - started);
    }

    /** A generated line's search text: names, title, email and the email's two halves, lower-cased. */
    private static String searchText(String[] f) {
        return (f[1] + " " + f[2] + " " + f[4] + " " + f[3] + " " + f[3].replace('@', ' ')).toLowerCase();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapAfterFullCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
