package app.tickler.platform.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.InvalidInput.FieldProblem;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.TooManyRequests;
import app.tickler.platform.database.DatabaseBusy;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What an exception means to the person or program that caused it: a status, a title, a detail safe
 * to show, and the bad fields. Unknown failures become a 500 with an incident id for the logs —
 * never a stack trace or an internal message.
 */
record Problem(HttpStatus status, String title, String detail, List<FieldProblem> errors, Map<String, Object> extras,
        Duration retryAfter) {

    private static final Logger log = LoggerFactory.getLogger(Problem.class);
    private static final int SQLITE_CONSTRAINT = 19;

    static Problem of(Throwable failure) {
        if (failure instanceof InvalidInput e) {
            return invalid(e.problems());
        }
        if (failure instanceof BindException e) {
            return invalid(e.getFieldErrors().stream()
                    .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList());
        }
        if (failure instanceof HandlerMethodValidationException e) {
            List<FieldProblem> problems = new ArrayList<>();
            e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                    problems.add(new FieldProblem(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
            return invalid(problems);
        }
        if (failure instanceof HttpMessageNotReadableException e) {
            return invalid(List.of(unreadable(e)));
        }
        if (failure instanceof MissingServletRequestParameterException e) {
            return invalid(List.of(new FieldProblem(e.getParameterName(), "is required")));
        }
        if (failure instanceof MethodArgumentTypeMismatchException e) {
            return invalid(List.of(new FieldProblem(e.getName(), "has an invalid value '" + e.getValue() + "'")));
        }
        if (failure instanceof NotFound e) {
            return simple(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        }
        if (failure instanceof StaleVersion e) {
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("currentVersion", e.currentVersion());
            return new Problem(HttpStatus.CONFLICT, "Changed by someone else", e.getMessage(), List.of(), extras, null);
        }
        if (failure instanceof Conflict e) {
            return simple(HttpStatus.CONFLICT, "Conflict", e.getMessage());
        }
        if (failure instanceof TooManyRequests e) {
            return new Problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage(), List.of(), Map.of(),
                    e.retryAfter());
        }
        if (failure instanceof AccessDeniedException) {
            return simple(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.");
        }
        if (failure instanceof MaxUploadSizeExceededException) {
            return simple(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", "The upload is larger than this server accepts.");
        }
        if (failure instanceof UncategorizedSQLException sql && sql.getSQLException() != null
                && sql.getSQLException().getErrorCode() == SQLITE_CONSTRAINT) {
            // SQLite's constraint failures are not classified by Spring; they mean the same as on PostgreSQL
            log.info("write refused by the database: {}", sql.getSQLException().getMessage());
            return simple(HttpStatus.CONFLICT, "Conflict", "The change conflicts with the current data; reload and try again.");
        }
        if (failure instanceof DatabaseBusy || failure instanceof PessimisticLockingFailureException) {
            // the database stayed busy (a long import batch, a restore): nothing was written, a retry will do
            log.warn("database busy: {}", failure.getMessage());
            return simple(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                    "The database is busy with another change; nothing was saved. Please try again in a moment.");
        }
        if (failure instanceof OptimisticLockingFailureException || failure instanceof DataIntegrityViolationException) {
            log.info("write refused by the database: {}", failure.getMessage());
            return simple(HttpStatus.CONFLICT, "Conflict", "The change conflicts with the current data; reload and try again.");
        }
        if (failure instanceof ErrorResponse e && e.getStatusCode().is4xxClientError()) {
            HttpStatusCode code = e.getStatusCode();
            HttpStatus status = HttpStatus.valueOf(code.value());
            return simple(status, status.getReasonPhrase(), e.getBody().getDetail());
        }
        String incident = UUID.randomUUID().toString();
        log.error("unexpected failure, incident {}", incident, failure);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("incident", incident);
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "The server could not complete the request. Incident " + incident + " has been logged.", List.of(),
                extras, null);
    }

    private static Problem invalid(List<FieldProblem> problems) {
        String detail = problems.size() == 1
                ? problems.get(0).field() + " " + problems.get(0).message()
                : problems.size() + " fields are invalid";
        return new Problem(HttpStatus.BAD_REQUEST, "Invalid input", detail, problems, Map.of(), null);
    }

    private static Problem simple(HttpStatus status, String title, String detail) {
        return new Problem(status, title, detail, List.of(), Map.of(), null);
    }

    private static FieldProblem unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return new FieldProblem(path(unknown), "is not a field that can be written here");
            }
            if (cause instanceof DatabindException bad && !bad.getPath().isEmpty()) {
                return new FieldProblem(path(bad), "has a value of the wrong type or format");
            }
        }
        return new FieldProblem("body", "is not valid JSON for this request");
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
