package app.tickler.dataio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import app.tickler.identity.UserId;

/**
 * One CSV import: the file as detected, the mapping (column index to field key) and duplicate
 * handling chosen, and its progress. {@code rowsDone} counts data lines settled in whole batches.
 * {@code matchField} is the custom field ({@code custom.<key>}) an import matching on {@code CUSTOM} matches on.
 */
public record Import(ImportId id, ImportEntity entity, ImportStatus status, String fileName, long fileSize,
        String charset, String delimiter, boolean ownExport, List<String> headers, Map<Integer, String> mapping,
        DuplicateMode duplicates, MatchOn matchOn, String matchField, boolean strict, Long rowsTotal, long rowsDone, long created,
        long updated, long skipped, long errors, boolean cancelAsked, String problem, UserId createdBy,
        Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** The field whose value finds the existing record: the match's own, or the chosen custom field. */
    public String matchOnField() {
        return matchOn == MatchOn.CUSTOM ? matchField : matchOn.field();
    }

    /** Lines per second since the start (to the end, or to now while running). */
    @JsonProperty
    public long rowsPerSecond() {
        if (startedAt == null || rowsDone == 0) {
            return 0;
        }
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        long millis = Math.max(1, end.toEpochMilli() - startedAt.toEpochMilli());
        return rowsDone * 1000 / millis;
    }

    /** The delimiter as shown to a person. */
    public String delimiterName() {
        return "\t".equals(delimiter) ? "TAB" : delimiter;
    }

    /** Percent done, when the number of lines is known. */
    @JsonProperty
    public int percent() {
        if (status == ImportStatus.DONE) {
            return 100;
        }
        if (rowsTotal == null || rowsTotal == 0) {
            return 0;
        }
        return (int) Math.min(100, rowsDone * 100 / rowsTotal);
    }
}
