package io.kmipstack.interop;

import io.kmipstack.interop.InteropMatrix.Direction;
import io.kmipstack.interop.InteropMatrix.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The checks of one version's run in one direction, cell by cell. A cell's check either records
 * its outcome in the {@link InteropMatrix} (after its assertions held) or fails; failures are
 * collected so that one wrong cell does not hide the others, and {@link #finish()} throws them
 * all. A cell whose check failed stays unrecorded ("not measured").
 */
final class CellChecks {

    /** One cell's assertions; they end by calling {@link #pass()} or {@link #record}. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private final Direction direction;
    private final String version;
    private final String note;
    private final List<AssertionError> failures = new ArrayList<>();
    private Supplier<String> context = () -> "";
    private String operation;

    /** {@code note}, when not null, is added to every cell recorded (e.g. how the run was made). */
    CellChecks(Direction direction, String version, String note) {
        this.direction = direction;
        this.version = version;
        this.note = note;
    }

    String version() {
        return version;
    }

    /** What every failure message ends with unless a check gives its own (e.g. the peer's log). */
    CellChecks context(Supplier<String> supplier) {
        this.context = supplier;
        return this;
    }

    void check(String operation, Body body) {
        check(operation, context, body);
    }

    /** {@code context} is appended to a failure's message (e.g. the raw result the assertions looked at). */
    void check(String operation, Supplier<String> context, Body body) {
        this.operation = operation;
        try {
            body.run();
        } catch (AssertionError | Exception e) {
            String what = e instanceof AssertionError ? e.getMessage() : e.toString();
            String more = context.get();
            failures.add(new AssertionError(operation + " at KMIP " + version + ": " + what + (more.isEmpty() ? "" : "\n  " + more), e));
        }
    }

    void pass() {
        record(Outcome.PASS, null);
    }

    void record(Outcome outcome, String why) {
        InteropMatrix.record(direction, operation, version, outcome, why, note);
    }

    void finish() {
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " check(s) failed at KMIP " + version + ":\n"
                    + String.join("\n", failures.stream().map(Throwable::getMessage).toList()));
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }
}
