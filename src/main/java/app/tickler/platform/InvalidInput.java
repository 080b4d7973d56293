package app.tickler.platform;

import java.util.ArrayList;
import java.util.List;

/** Bad input, naming every field (or row) that is wrong and why: 400, nothing written. */
public class InvalidInput extends RuntimeException {

    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidInput(List<FieldProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public String messageFor(String field) {
        return problems.stream().filter(p -> p.field().equals(field)).map(FieldProblem::message).findFirst().orElse(null);
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    }

    /** Collects problems so that a validation names every bad field at once, then throws if there were any. */
    public static final class Collector {

        private final List<FieldProblem> problems = new ArrayList<>();

        public Collector add(String field, String message) {
            problems.add(new FieldProblem(field, message));
            return this;
        }

        public Collector check(boolean ok, String field, String message) {
            if (!ok) {
                add(field, message);
            }
            return this;
        }

        public boolean has(String field) {
            return problems.stream().anyMatch(p -> p.field().equals(field));
        }

        public boolean isEmpty() {
            return problems.isEmpty();
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
