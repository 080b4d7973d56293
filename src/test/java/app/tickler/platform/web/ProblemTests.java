package app.tickler.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.database.DatabaseBusy;

class ProblemTests {

    @Test
    void aConstraintRefusedBySqliteIsAConflictLikeOnPostgres() {
        Problem problem = Problem.of(new UncategorizedSQLException("insert", "INSERT …",
                new SQLiteException("UNIQUE constraint failed: teams.name", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)));
        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.detail()).doesNotContain("teams");
    }

    @Test
    void anUnexpectedFailureTellsNothingButAnIncidentId() {
        Problem problem = Problem.of(new IllegalStateException("secret internals at line 42"));
        assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problem.detail()).doesNotContain("secret").contains("Incident");
        assertThat(problem.extras()).containsKey("incident");
    }

    @Test
    void aDatabaseThatStayedBusyIsATemporaryRefusalNotAnIncident() {
        Problem problem = Problem.of(new DatabaseBusy("the database stayed busy for 15 s"));
        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.detail()).contains("nothing was saved").contains("try again");
        assertThat(problem.extras()).doesNotContainKey("incident");
        // a database that cannot be reached at all is an incident, not a busy one
        assertThat(Problem.of(new CannotCreateTransactionException("Connection refused")).status())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void badInputAndStaleVersionsKeepTheirDetails() {
        assertThat(Problem.of(new InvalidInput("email", "is not valid")).errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("email"));
        assertThat(Problem.of(new StaleVersion("The deal", 7)).extras()).containsEntry("currentVersion", 7L);
    }
}
