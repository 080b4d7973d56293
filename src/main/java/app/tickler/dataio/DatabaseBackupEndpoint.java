package app.tickler.dataio;

import java.io.IOException;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/databasebackup}: the installation operator's online copy of the SQLite
 * database (the operator token, like every actuator endpoint but health) into
 * {@code <data-dir>/backups/tickler-<UTC time>.db}.
 */
@Component
@Endpoint(id = "databasebackup")
class DatabaseBackupEndpoint {

    private final DatabaseBackups database;

    DatabaseBackupEndpoint(DatabaseBackups database) {
        this.database = database;
    }

    @WriteOperation
    public Map<String, String> copy() throws IOException {
        return Map.of("file", database.copy(null).toString());
    }
}
