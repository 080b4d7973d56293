package app.tickler.dataio;

import java.io.BufferedWriter;
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
 * of each import size. {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups= -Dtest=ImportBenchmarkTests
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
            TestWorkspace raw = fixtures.workspace();
            double rawRate = raw(raw.id(), file, rows, false);
            // PostgreSQL keeps the search text in the contact's own row: the same rows with it, as Tickler stores them
            double rawSearchRate = dialect == Dialect.POSTGRESQL ? raw(fixtures.workspace().id(), file, rows, true) : 0;
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
                            rawSearchRate, importRate / rawSearchRate)));
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

    /**
     * The database's own bulk path: the same rows, the same table, the columns a contact needs; with
     * {@code searchText} (PostgreSQL) also the row's search text — names, title, email and its two halves,
     * as the party module writes it — which fills the full-text index.
     */
    private double raw(long workspace, Path file, int rows, boolean searchText) throws Exception {
        long now = System.currentTimeMillis();
        List<String> csv = Files.readAllLines(file).subList(1, rows + 1);
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (dialect == Dialect.POSTGRESQL) {
                StringBuilder data = new StringBuilder();
                for (String line : csv) {
                    String[] f = line.split(",");
                    data.append(workspace).append(',').append(ids.next()).append(',').append(f[1]).append(',')
                            .append(f[2]).append(',').append(f[2].toLowerCase()).append(',')
                            .append((f[1] + f[2]).toLowerCase()).append(',').append(f[4]).append(',').append(f[3])
                            .append(",{},0,").append(now).append(',').append(now);
                    if (searchText) {
                        data.append(',').append((f[1] + " " + f[2] + " " + f[4] + " " + f[3] + " " + f[3].replace('@', ' '))
                                .toLowerCase());
                    }
                    data.append('\n');
                }
                new org.postgresql.copy.CopyManager(connection.unwrap(org.postgresql.core.BaseConnection.class)).copyIn(
                        "COPY contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email, custom,"
                                + " version, created_at, updated_at" + (searchText ? ", search_text" : "")
                                + ") FROM STDIN WITH (FORMAT csv)",
                        new StringReader(data.toString()));
            } else {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email,
                                              custom, version, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', 0, ?, ?)""")) {
                    int n = 0;
                    for (String line : csv) {
                        String[] f = line.split(",");
                        insert.setLong(1, workspace);
                        insert.setLong(2, ids.next());
                        insert.setString(3, f[1]);
                        insert.setString(4, f[2]);
                        insert.setString(5, f[2].toLowerCase());
                        insert.setString(6, (f[1] + f[2]).toLowerCase());
                        insert.setString(7, f[4]);
                        insert.setString(8, f[3]);
                        insert.setLong(9, now);
                        insert.setLong(10, now);
                        insert.addBatch();
                        if (++n % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
            }
            connection.commit();
        }
        return rows * 1e9 / (System.nanoTime() - started);
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
