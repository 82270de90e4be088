package io.kmipstack.benchmarks.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one load run measured. {@code operations} counts the successful operations in the measured
 * window, {@code errors} every failure of the run (warm-up included); {@code latency} covers all
 * kinds together and {@code latencyByKind} each kind (one entry unless the operation is
 * {@code mix}). {@code notes} says what was prepared and cleaned up, in words.
 */
public record BenchResult(
        String target,
        BenchOperation operation,
        int connections,
        int size,
        String kmipVersion,
        String tlsProvider,
        double seconds,
        long operations,
        long errors,
        Latency latency,
        Map<String, Latency> latencyByKind,
        Map<String, Long> errorMessages,
        Map<String, Integer> frameBytes,
        List<String> notes) {

    public BenchResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(latency, "latency");
        // Copies that keep the given order: kinds in workload order, error messages most frequent first.
        latencyByKind = Collections.unmodifiableMap(new LinkedHashMap<>(latencyByKind));
        errorMessages = Collections.unmodifiableMap(new LinkedHashMap<>(errorMessages));
        frameBytes = Collections.unmodifiableMap(new LinkedHashMap<>(frameBytes));
        notes = List.copyOf(notes);
    }

    /** Latency percentiles in microseconds, read from a {@link LatencyHistogram}. */
    public record Latency(long count, double p50Micros, double p90Micros, double p99Micros, double maxMicros,
            double meanMicros, double minMicros) {

        static Latency of(LatencyHistogram h) {
            return new Latency(h.count(), h.percentile(50) / 1e3, h.percentile(90) / 1e3, h.percentile(99) / 1e3,
                    h.max() / 1e3, h.mean() / 1e3, h.min() / 1e3);
        }
    }

    /** Successful operations per second of the measured window; 0 for an empty window. */
    public double opsPerSecond() {
        return seconds <= 0 ? 0 : operations / seconds;
    }

    /**
     * One JSON object: {@code opsPerSecond}, {@code p50Micros}, {@code p90Micros},
     * {@code p99Micros}, {@code maxMicros}, {@code meanMicros}, {@code errors} and the run's
     * settings at the top level, then per-kind counts and latencies ({@code byKind}, for
     * {@code mix}), frame sizes (echo), error messages and notes.
     */
    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        field(b, "target", target);
        field(b, "operation", operation.cliName());
        field(b, "connections", connections);
        field(b, "size", size);
        if (kmipVersion != null) {
            field(b, "kmipVersion", kmipVersion);
        }
        if (tlsProvider != null) {
            field(b, "tlsProvider", tlsProvider);
        }
        field(b, "seconds", round(seconds, 3));
        field(b, "operations", operations);
        field(b, "opsPerSecond", round(opsPerSecond(), 1));
        field(b, "errors", errors);
        latencyFields(b, latency);
        if (latencyByKind.size() > 1) {
            b.append("\"byKind\":{");
            for (String kind : orderedKinds()) {
                b.append(quote(kind)).append(":{");
                field(b, "count", latencyByKind.get(kind).count());
                latencyFields(b, latencyByKind.get(kind));
                trimComma(b);
                b.append("},");
            }
            trimComma(b);
            b.append("},");
        }
        if (!frameBytes.isEmpty()) {
            b.append("\"frameBytes\":{");
            frameBytes.forEach((k, v) -> field(b, k, v));
            trimComma(b);
            b.append("},");
        }
        if (!errorMessages.isEmpty()) {
            b.append("\"errorMessages\":{");
            errorMessages.forEach((k, v) -> field(b, k, v));
            trimComma(b);
            b.append("},");
        }
        b.append("\"notes\":[");
        for (String n : notes) {
            b.append(quote(n)).append(',');
        }
        trimComma(b);
        b.append("]}");
        return b.toString();
    }

    /** The report for a person: settings, throughput, latency, errors and notes, a few lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s against %s: %d connection%s", operation.cliName(), target, connections,
                connections == 1 ? "" : "s"));
        if (operation.usesSize()) {
            b.append(String.format(Locale.ROOT, ", %,d-byte data", size));
        }
        if (kmipVersion != null) {
            b.append(", KMIP ").append(kmipVersion);
        }
        if (tlsProvider != null) {
            b.append(", TLS by ").append(tlsProvider);
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "  throughput  %,.1f ops/s (%,d operations in %.2f s)%n", opsPerSecond(), operations, seconds));
        b.append("  latency     ").append(latencyText(latency)).append('\n');
        if (latencyByKind.size() > 1) {
            for (String kind : orderedKinds()) {
                b.append(String.format(Locale.ROOT, "    %-8s  %s%n", kind, latencyText(latencyByKind.get(kind))));
            }
        }
        b.append(String.format(Locale.ROOT, "  errors      %,d%n", errors));
        errorMessages.forEach((m, n) -> b.append(String.format(Locale.ROOT, "    %,d x %s%n", n, m)));
        for (String n : notes) {
            b.append("  note        ").append(n).append('\n');
        }
        return b.toString();
    }

    private Iterable<String> orderedKinds() {
        return latencyByKind.keySet();
    }

    private static String latencyText(Latency l) {
        return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  max %s  mean %s", micros(l.p50Micros()), micros(l.p90Micros()),
                micros(l.p99Micros()), micros(l.maxMicros()), micros(l.meanMicros()));
    }

    private static String micros(double us) {
        if (us >= 10_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1e3);
        }
        if (us >= 1_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f µs", us);
    }

    private static void latencyFields(StringBuilder b, Latency l) {
        field(b, "p50Micros", round(l.p50Micros(), 1));
        field(b, "p90Micros", round(l.p90Micros(), 1));
        field(b, "p99Micros", round(l.p99Micros(), 1));
        field(b, "maxMicros", round(l.maxMicros(), 1));
        field(b, "meanMicros", round(l.meanMicros(), 1));
        field(b, "minMicros", round(l.minMicros(), 1));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void field(StringBuilder b, String name, Object value) {
        b.append(quote(name)).append(':');
        if (value instanceof String s) {
            b.append(quote(s));
        } else {
            b.append(value);
        }
        b.append(',');
    }

    private static void trimComma(StringBuilder b) {
        if (b.charAt(b.length() - 1) == ',') {
            b.setLength(b.length() - 1);
        }
    }

    /** A JSON string literal (RFC 8259 section 7). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Per-kind latencies in the given order. */
    static Map<String, Latency> byKind(List<String> kinds, List<LatencyHistogram> histograms) {
        Map<String, Latency> m = new LinkedHashMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            m.put(kinds.get(i), Latency.of(histograms.get(i)));
        }
        return m;
    }
}
