package io.kmipstack.conformance;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing of the durations the command line takes ({@code 30s}, {@code 500ms}, {@code PT1M}). */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private Durations() {
    }

    /** {@code 500ms}, {@code 30s} (seconds when no unit), {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
    public static Duration parse(String text) {
        Matcher m = SIMPLE.matcher(text.trim().toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("duration: " + text + " (expected: e.g. 500ms, 30s, 2m or PT30S)");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration: " + text + " (expected: > 0)");
        }
        return d;
    }

    /** {@code 1.5 s}, {@code 250 ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A one-line account of an I/O failure: the message, else the exception's simple name. */
    static String describe(Throwable t) {
        Throwable c = t;
        // Netty wraps the interesting exception (a refused connection, a bad certificate) once or twice.
        while (c.getCause() != null && (c.getMessage() == null || c instanceof io.netty.handler.codec.DecoderException)) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }
}
