package io.kmipstack.conformance;

import io.kmipstack.codec.testcase.TreeDiff.Difference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one test-case file. A failure names the message pair it happened at
 * ({@code message}, 1-based; 0 when it happened before the first request, e.g. connecting) and
 * either the first {@link Difference} or, for a failed exchange, {@code reason} alone. A skip
 * carries its reason.
 */
public record FileResult(String name, Path file, Verdict verdict, int message, Difference difference, String reason,
        int messages, Duration elapsed) {

    public FileResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(elapsed, "elapsed");
        if (verdict != Verdict.PASS && reason == null) {
            throw new IllegalArgumentException("reason: null (expected: a reason for " + verdict + ")");
        }
    }

    /** One line: why it failed or was skipped ({@code message 3: ResponseMessage/...: expected ..., got ...}); empty for a pass. */
    public String detail() {
        if (verdict == Verdict.PASS) {
            return "";
        }
        return message > 0 ? "message " + message + ": " + reason : reason;
    }
}
