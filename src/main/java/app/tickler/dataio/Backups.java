package app.tickler.dataio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.identity.Provisioning;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.database.Dialect;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whole-workspace backup and restore, generic over the schema: every table with a
 * {@code workspace_id} column (read from the database's metadata, so tables that later modules add
 * are included without a change here), parents before children by their foreign keys. The backup is a
 * ZIP of one JSON Lines file per table ({@code tables/<table>.jsonl}, one JSON object per row, column
 * name to value) and {@code manifest.json} with the format version, the schema version, each table's
 * columns, row count and the SHA-256 of its file. Restore checks every checksum first, then writes
 * every row in one transaction into a database where the workspace does not exist yet — SQLite or
 * PostgreSQL, whichever the backup came from — and rebuilds the search index.
 */
@Service
class Backups {

    static final String FORMAT = "tickler-workspace-backup";
    static final int VERSION = 1;

    /**
     * A column of a table; {@code required}: NOT NULL without a default, so every row of a backup must
     * have a value for it.
     */
    record Column(String name, int type, boolean generated, boolean required) {

        /** A password, a secret, or a hash of one — by its name, so that later tables are covered too. */
        boolean credential() {
            return name.contains("password") || name.contains("secret") || name.endsWith("_hash");
        }

        /** Users' password hashes: left out without credentials, restored as a password nobody knows. */
        boolean password() {
            return name.equals(PASSWORD_HASH);
        }
    }

    record Table(String name, List<Column> columns, List<String> primaryKey, Set<String> selfReferences) {

        /** The columns a backup holds: never generated ones, credentials only when asked for. */
        List<Column> backedUp(boolean credentials) {
            return columns.stream().filter(c -> !c.generated() && (credentials || !c.credential())).toList();
        }

        /**
         * A table whose rows are worthless without their secret (API tokens, calendar feeds: a required
         * secret hash) is left out of a backup without credentials altogether.
         */
        boolean onlyWithCredentials() {
            return columns.stream().anyMatch(c -> c.credential() && c.required() && !c.password());
        }
    }

    static final String PASSWORD_HASH = "password_hash";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Dialect dialect;
    private final Parties parties;
    private final Provisioning provisioning;
    private final Clock clock;

    private final SchemaVersions migrations;

    Backups(DataSource dataSource, PlatformTransactionManager transactionManager, JsonMapper json, Dialect dialect,
            Parties parties, Provisioning provisioning, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.dialect = dialect;
        this.parties = parties;
        this.provisioning = provisioning;
        this.clock = clock;
        this.migrations = SchemaVersions.shipped();
    }

    // --- backup -----------------------------------------------------------------------------

    /**
     * Writes the workspace's backup as a ZIP, table by table, each streamed row by row. Without
     * {@code credentials} (every backup an admin downloads) it holds no password, secret or hash of
     * one: {@link Column#credential()} columns are left out, and so are tables useless without them.
     */
    void backup(long workspaceId, OutputStream out, boolean credentials) throws IOException {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM workspaces WHERE workspace_id = ?", Long.class, workspaceId) == 0) {
            throw new InvalidInput("workspace", "does not exist");
        }
        List<Table> tables = tables().stream().filter(t -> credentials || !t.onlyWithCredentials()).toList();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("version", VERSION);
        manifest.put("workspaceId", Long.toString(workspaceId));
        manifest.put("createdAt", clock.instant().toString());
        manifest.put("database", dialect.name());
        manifest.put("schemaVersion", schemaVersion());
        manifest.put("credentials", credentials);
        var list = manifest.putArray("tables");
        // a repeatable read across the tables: one transaction (SQLite: a read snapshot; PostgreSQL: repeatable read)
        TransactionTemplate snapshot = new TransactionTemplate(transactions.getTransactionManager());
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(dialect == Dialect.POSTGRESQL ? TransactionTemplate.ISOLATION_REPEATABLE_READ
                : TransactionTemplate.ISOLATION_DEFAULT);
        IOException[] failed = new IOException[1];
        snapshot.executeWithoutResult(status -> {
            try {
                for (Table table : tables) {
                    String file = "tables/" + table.name() + ".jsonl";
                    zip.putNextEntry(new ZipEntry(file));
                    MessageDigest digest = sha256();
                    List<Column> columns = table.backedUp(credentials);
                    long rows = writeRows(table, columns, workspaceId, zip, digest);
                    zip.closeEntry();
                    ObjectNode entry = list.addObject();
                    entry.put("name", table.name());
                    entry.put("file", file);
                    entry.put("rows", rows);
                    entry.put("sha256", HexFormat.of().formatHex(digest.digest()));
                    var names = entry.putArray("columns");
                    columns.forEach(c -> names.add(c.name()));
                }
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private long writeRows(Table table, List<Column> columns, long workspaceId, OutputStream zip, MessageDigest digest) {
        String order = String.join(", ", table.primaryKey());
        long[] rows = {0};
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("SELECT " + String.join(", ",
                    columns.stream().map(Column::name).toList()) + " FROM " + table.name() + " WHERE workspace_id = ?"
                    + (order.isEmpty() ? "" : " ORDER BY " + order));
            statement.setFetchSize(1000);
            statement.setLong(1, workspaceId);
            return statement;
        }, rs -> {
            ObjectNode row = json.createObjectNode();
            for (Column column : columns) {
                write(row, column, rs);
            }
            byte[] line = (json.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8);
            digest.update(line);
            try {
                zip.write(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            rows[0]++;
        });
        return rows[0];
    }

    private static void write(ObjectNode row, Column column, ResultSet rs) throws SQLException {
        String name = column.name();
        Object value = rs.getObject(name);
        if (value == null) {
            row.putNull(name);
        } else if (column.type() == Types.BOOLEAN || column.type() == Types.BIT) {
            row.put(name, rs.getBoolean(name));
        } else if (isInteger(column.type())) {
            row.put(name, rs.getLong(name));
        } else if (column.type() == Types.DOUBLE || column.type() == Types.REAL || column.type() == Types.FLOAT
                || column.type() == Types.NUMERIC || column.type() == Types.DECIMAL) {
            row.put(name, rs.getBigDecimal(name));
        } else if (value instanceof byte[] bytes) {
            row.put(name, java.util.Base64.getEncoder().encodeToString(bytes));
        } else {
            row.put(name, rs.getString(name));
        }
    }

    // --- restore ----------------------------------------------------------------------------

    /**
     * Restores a backup into this database, where its workspace must not exist. Every file's checksum
     * is checked before anything is written; then all rows go in one transaction.
     */
    long restore(Path file) throws IOException {
        return restore(file, workspace -> {
        });
    }

    /** A restore that does {@code andThen} with the restored workspace in its transaction, as a part of it. */
    long restore(Path file, java.util.function.LongConsumer andThen) throws IOException {
        JsonNode manifest = readManifest(file);
        if (!FORMAT.equals(manifest.path("format").asString()) || manifest.path("version").asInt() != VERSION) {
            throw new InvalidInput("file", "is not a Tickler workspace backup (version " + VERSION + ")");
        }
        long workspaceId;
        try {
            workspaceId = Long.parseLong(manifest.path("workspaceId").asString());
        } catch (NumberFormatException e) {
            throw new InvalidInput("file", "has no workspace id in its manifest");
        }
        String made = manifest.path("schemaVersion").asString();
        String refusal = migrations.refusal(made, manifest.path("database").asString(), schemaVersion(), dialect.name());
        if (refusal != null) {
            throw new InvalidInput("file", refusal);
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        manifest.path("tables").forEach(t -> entries.put(t.path("file").asString(), t));
        verifyChecksums(file, entries);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM workspaces WHERE workspace_id = ?", Long.class, workspaceId) > 0) {
            throw new Conflict("Workspace " + workspaceId + " exists already here: restore into an empty installation");
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        tables().forEach(t -> tables.put(t.name(), t));
        for (JsonNode entry : manifest.path("tables")) {
            if (!tables.containsKey(entry.path("name").asString())) {
                throw new InvalidInput("file", "manifest.json lists a table this installation does not know: "
                        + entry.path("name").asString());
            }
        }
        Restore restore = new Restore(workspaceId);
        transactions.executeWithoutResult(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                for (JsonNode entry : manifest.path("tables")) {
                    insertRows(connection, file, entry, tables.get(entry.path("name").asString()), restore);
                }
                andThen.accept(workspaceId);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("restore failed: " + e.getMessage(), e);
            }
        });
        return workspaceId;
    }

    /** After a restore, as an actor of the restored workspace: SQLite's separate search index is rebuilt. */
    void reindex() {
        parties.rebuildSearchIndex();
    }

    /** One restore's state: its workspace, and the password hash of users restored without one (made once). */
    private final class Restore {

        final long workspaceId;
        private String noPassword;

        Restore(long workspaceId) {
            this.workspaceId = workspaceId;
        }

        String noPassword() {
            if (noPassword == null) {
                noPassword = provisioning.unusablePasswordHash();
            }
            return noPassword;
        }
    }

    private static final int BATCH = 500;

    /**
     * Inserts one table's rows. Every line is checked before it is added — JSON, known columns, key
     * columns, required values, types, the workspace — and a problem names the file and line; a row
     * the database refuses names the lines of its batch. The caller's transaction then writes nothing.
     */
    private void insertRows(Connection connection, Path file, JsonNode entry, Table table, Restore restore)
            throws IOException, SQLException {
        String entryName = entry.path("file").asString();
        List<Column> all = table.columns().stream().filter(c -> !c.generated()).toList();
        Set<String> here = new LinkedHashSet<>(all.stream().map(Column::name).toList());
        Set<String> listed = new LinkedHashSet<>();
        entry.path("columns").forEach(c -> listed.add(c.asString()));
        for (String name : listed) {
            if (!here.contains(name)) {
                throw new InvalidInput("file", "manifest.json lists a column " + name + " that table " + table.name()
                        + " does not have");
            }
        }
        // the backup's columns (and the password, given to users without one); a column only this database
        // has (PostgreSQL's search text) takes its default
        List<Column> columns = all.stream().filter(c -> listed.isEmpty() || listed.contains(c.name()) || c.password())
                .toList();
        for (Column column : all) {
            if (column.required() && !columns.contains(column)) {
                throw new InvalidInput("file", entryName + " has no column " + column.name() + ", which table "
                        + table.name() + " requires");
            }
        }
        Set<String> known = new LinkedHashSet<>(columns.stream().map(Column::name).toList());
        String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", known)
                + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        List<Object[]> deferred = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8);
                PreparedStatement insert = connection.prepareStatement(sql)) {
            if (!seek(zip, entryName)) {
                throw new InvalidInput("file", "lacks " + entryName);
            }
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(zip, StandardCharsets.UTF_8));
            String line;
            long rows = 0;
            int number = 0;
            int batched = 0;
            // the batch's values by line, to find the one line the database refuses (see execute)
            List<Pending> pending = new ArrayList<>(BATCH);
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = entryName + " line " + number;
                JsonNode row = parse(line, where);
                for (String name : row.propertyNames()) {
                    if (!known.contains(name)) {
                        throw new InvalidInput("file", where + " has a column " + name + (here.contains(name)
                                ? " that manifest.json does not list" : " that table " + table.name() + " does not have"));
                    }
                }
                for (String key : table.primaryKey()) {
                    if (!row.hasNonNull(key)) {
                        throw new InvalidInput("file", where + " lacks its key column " + key);
                    }
                }
                // every row must be the manifest's workspace: a file never writes into another one
                JsonNode workspace = row.get("workspace_id");
                if (workspace == null || !workspace.isIntegralNumber() || workspace.asLong() != restore.workspaceId) {
                    throw new InvalidInput("file", where + " belongs to another workspace than the manifest's "
                            + restore.workspaceId);
                }
                JsonNode[] values = new JsonNode[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    JsonNode value = row.get(column.name());
                    if (column.password() && (value == null || value.isNull())) {
                        // a backup without credentials: the user gets a password from an admin or the operator
                        value = json.getNodeFactory().stringNode(restore.noPassword());
                    }
                    check(column, value, where);
                    // a row pointing at another row of its own table may come first: set such links afterwards
                    if (table.selfReferences().contains(column.name()) && value != null && !value.isNull()) {
                        Object[] link = new Object[table.primaryKey().size() + 2];
                        link[0] = column.name();
                        link[1] = value.asLong();
                        for (int k = 0; k < table.primaryKey().size(); k++) {
                            link[k + 2] = row.get(table.primaryKey().get(k)).asLong();
                        }
                        deferred.add(link);
                        value = null;
                    }
                    bind(insert, i + 1, column, value);
                    values[i] = value;
                }
                insert.addBatch();
                pending.add(new Pending(number, values));
                rows++;
                if (++batched == BATCH) {
                    execute(insert, columns, pending, entryName);
                    batched = 0;
                }
            }
            if (batched > 0) {
                execute(insert, columns, pending, entryName);
            }
            if (entry.has("rows") && entry.path("rows").asLong() != rows) {
                throw new InvalidInput("file", entryName + " has " + rows + " rows; manifest.json says "
                        + entry.path("rows").asLong() + ": the backup is incomplete");
            }
        }
        for (Object[] link : deferred) {
            StringBuilder update = new StringBuilder("UPDATE " + table.name() + " SET " + link[0] + " = ? WHERE ");
            for (int k = 0; k < table.primaryKey().size(); k++) {
                update.append(k == 0 ? "" : " AND ").append(table.primaryKey().get(k)).append(" = ?");
            }
            try (PreparedStatement statement = connection.prepareStatement(update.toString())) {
                statement.setLong(1, (Long) link[1]);
                for (int k = 0; k < table.primaryKey().size(); k++) {
                    statement.setLong(k + 2, (Long) link[k + 2]);
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new InvalidInput("file", entryName + ": the row with key " + link[2 + table.primaryKey().size() - 1]
                        + " points with " + link[0] + " to a row the database refuses: " + e.getMessage());
            }
        }
    }

    private JsonNode parse(String line, String where) {
        JsonNode row;
        try {
            row = json.readTree(line);
        } catch (JacksonException e) {
            throw new InvalidInput("file", where + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (row == null || !row.isObject()) {
            throw new InvalidInput("file", where + " is not a JSON object");
        }
        return row;
    }

    /** A value the column cannot take is named here rather than by the database's error, without a line. */
    private static void check(Column column, JsonNode value, String where) {
        if (value == null || value.isNull()) {
            if (column.required()) {
                throw new InvalidInput("file", where + " lacks a value for column " + column.name());
            }
        } else if (column.type() == Types.BOOLEAN || column.type() == Types.BIT) {
            if (!value.isBoolean() && !value.isIntegralNumber()) {
                throw new InvalidInput("file", where + ": column " + column.name() + " must be true or false, not " + value);
            }
        } else if (isInteger(column.type())) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new InvalidInput("file", where + ": column " + column.name() + " must be a whole number, not "
                        + abbreviated(value));
            }
        } else if (value.isContainer()) {
            throw new InvalidInput("file", where + ": column " + column.name() + " must be a single value, not "
                    + abbreviated(value));
        }
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A line of a backup file bound into the current batch. */
    private record Pending(int line, JsonNode[] values) {
    }

    /**
     * Writes the batch. When the database refuses a row (a key twice, a broken link), the batch is taken
     * back to the savepoint before it and its lines written one by one, so the error names the very
     * line; the restore as a whole then rolls back.
     */
    private static void execute(PreparedStatement insert, List<Column> columns, List<Pending> pending, String entryName)
            throws SQLException {
        Connection connection = insert.getConnection();
        Savepoint before = connection.setSavepoint();
        try {
            insert.executeBatch();
        } catch (SQLException refused) {
            connection.rollback(before);
            insert.clearBatch();
            for (Pending row : pending) {
                try {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(insert, i + 1, columns.get(i), row.values()[i]);
                    }
                    insert.executeUpdate();
                } catch (SQLException e) {
                    throw new InvalidInput("file", entryName + " line " + row.line() + ": the database refused the row: "
                            + rootMessage(e));
                }
            }
            // the batch failed but no line alone does: name the batch
            throw new InvalidInput("file", entryName + " lines " + pending.get(0).line() + "–"
                    + pending.get(pending.size() - 1).line() + ": the database refused a row: " + rootMessage(refused));
        } finally {
            pending.clear();
        }
        connection.releaseSavepoint(before);
    }

    private static String rootMessage(SQLException e) {
        SQLException next = e.getNextException();
        return next != null && next.getMessage() != null ? next.getMessage() : e.getMessage();
    }

    private static void bind(PreparedStatement statement, int index, Column column, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, column.type());
        } else if (column.type() == Types.BOOLEAN || column.type() == Types.BIT) {
            statement.setBoolean(index, value.isBoolean() ? value.asBoolean() : value.asLong() != 0);
        } else if (isInteger(column.type())) {
            statement.setLong(index, value.asLong());
        } else if (value.isNumber()) {
            statement.setBigDecimal(index, value.decimalValue());
        } else if (column.type() == Types.OTHER) {
            statement.setObject(index, value.asString(), Types.OTHER);
        } else {
            statement.setString(index, value.asString());
        }
    }

    private JsonNode readManifest(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            if (!seek(zip, "manifest.json")) {
                throw new InvalidInput("file", "is not a Tickler backup (no manifest.json)");
            }
            return json.readTree(zip.readAllBytes());
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInput("file", "is not a ZIP file");
        }
    }

    private static void verifyChecksums(Path file, Map<String, JsonNode> entries) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                JsonNode expected = entries.get(entry.getName());
                if (expected == null) {
                    continue;
                }
                MessageDigest digest = sha256();
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                }
                if (!HexFormat.of().formatHex(digest.digest()).equals(expected.path("sha256").asString())) {
                    throw new InvalidInput("file", entry.getName() + " does not match its checksum (its SHA-256 in "
                            + "manifest.json): the backup is damaged");
                }
                seen.add(entry.getName());
            }
        }
        if (!seen.containsAll(entries.keySet())) {
            throw new InvalidInput("file", "lacks files its manifest lists: the backup is incomplete");
        }
    }

    private static boolean seek(ZipInputStream zip, String name) throws IOException {
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (entry.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // --- the schema -------------------------------------------------------------------------

    /** Every table with a workspace_id column, parents before children. */
    List<Table> tables() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = dialect == Dialect.POSTGRESQL ? connection.getSchema() : null;
            Map<String, Table> tables = new TreeMap<>();
            Map<String, Set<String>> parents = new TreeMap<>();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            for (String name : names) {
                List<Column> columns = new ArrayList<>();
                try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
                    while (rs.next()) {
                        String generated = safe(rs, "IS_GENERATEDCOLUMN");
                        boolean isGenerated = "YES".equalsIgnoreCase(generated);
                        boolean required = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                                && rs.getString("COLUMN_DEF") == null && !isGenerated;
                        columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), type(rs),
                                isGenerated, required));
                    }
                }
                if (columns.stream().noneMatch(c -> c.name().equals("workspace_id"))) {
                    continue;
                }
                TreeMap<Integer, String> key = new TreeMap<>();
                try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
                    while (rs.next()) {
                        key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                Set<String> self = new LinkedHashSet<>();
                Set<String> referenced = new LinkedHashSet<>();
                try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                        String column = rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT);
                        if (parent.equals(name)) {
                            if (!column.equals("workspace_id")) {
                                self.add(column);
                            }
                        } else {
                            referenced.add(parent);
                        }
                    }
                }
                tables.put(name, new Table(name, columns, List.copyOf(key.values()), self));
                parents.put(name, referenced);
            }
            List<Table> ordered = new ArrayList<>();
            Set<String> placed = new LinkedHashSet<>();
            while (placed.size() < tables.size()) {
                boolean progress = false;
                for (Table table : tables.values()) {
                    if (!placed.contains(table.name()) && parents.get(table.name()).stream()
                            .allMatch(p -> placed.contains(p) || !tables.containsKey(p))) {
                        ordered.add(table);
                        placed.add(table.name());
                        progress = true;
                    }
                }
                if (!progress) {
                    throw new IllegalStateException("foreign keys form a cycle among " + tables.keySet());
                }
            }
            return ordered;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables", e);
        }
    }

    private static int type(ResultSet rs) throws SQLException {
        String name = String.valueOf(rs.getString("TYPE_NAME")).toUpperCase(Locale.ROOT);
        if (name.startsWith("BOOL")) {
            return Types.BOOLEAN;
        }
        if (name.equals("BIGINT") || name.equals("INTEGER") || name.equals("INT") || name.equals("INT8")
                || name.equals("INT4") || name.equals("SMALLINT") || name.equals("INT2") || name.equals("BIGSERIAL")) {
            return Types.BIGINT;
        }
        return rs.getInt("DATA_TYPE");
    }

    private static boolean isInteger(int type) {
        return type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT || type == Types.TINYINT;
    }

    private static String safe(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The highest Flyway version applied here, whatever its folder: a vendor migration can decide which rows
     * a table takes, so a backup says it was made with it (see {@link SchemaVersions}).
     */
    String schemaVersion() {
        return SchemaVersions.highest(jdbc.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL", String.class));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A backup in memory, for tests and small workspaces. */
    byte[] backup(long workspaceId, boolean credentials) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        backup(workspaceId, out, credentials);
        return out.toByteArray();
    }

}
