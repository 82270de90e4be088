package io.kmipstack.benchmarks.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One load run: the operation, the data size for the operations that take data, how many
 * connections (each with one request in flight: a closed loop), and when to stop, either after
 * {@code duration} or after {@code ops} operations, both counted after {@code warmup}. Exactly one
 * of {@code duration} and {@code ops} is given ({@code ops} is 0 when the run is timed).
 * {@code populate} is how many named keys Locate searches among.
 */
public record BenchSettings(
        BenchOperation operation,
        int size,
        int connections,
        Duration duration,
        long ops,
        Duration warmup,
        int populate) {

    public static final int DEFAULT_SIZE = 4096;
    public static final int DEFAULT_CONNECTIONS = 1;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(3);
    public static final int DEFAULT_POPULATE = 1000;
    /** Leaves room under the 1 MiB default message limit for the message around the data. */
    public static final int MAX_SIZE = 1 << 19;
    /** The client's pool limit. */
    public static final int MAX_CONNECTIONS = 1024;
    public static final int MAX_POPULATE = 10_000_000;

    public BenchSettings {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(warmup, "warmup");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size: " + size + " (expected: 1 to " + MAX_SIZE + ")");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: 1 to " + MAX_CONNECTIONS + ")");
        }
        if ((duration == null) == (ops == 0)) {
            throw new IllegalArgumentException("duration and ops: " + (duration == null ? "neither" : "both")
                    + " given (expected: exactly one)");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
        }
        if (ops < 0) {
            throw new IllegalArgumentException("ops: " + ops + " (expected: > 0)");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
        }
        if (populate < 1 || populate > MAX_POPULATE) {
            throw new IllegalArgumentException("populate: " + populate + " (expected: 1 to " + MAX_POPULATE + ")");
        }
        if (operation == BenchOperation.IDLE && duration == null) {
            throw new IllegalArgumentException("ops: " + ops + " with operation idle (expected: a duration to hold the connections for)");
        }
    }

    /** A timed run with the defaults for everything else. */
    public static BenchSettings timed(BenchOperation operation, int connections, Duration duration) {
        return new BenchSettings(operation, DEFAULT_SIZE, connections, duration, 0, DEFAULT_WARMUP, DEFAULT_POPULATE);
    }

    /** A run of {@code ops} operations, no warm-up, defaults for everything else. */
    public static BenchSettings counted(BenchOperation operation, int connections, long ops) {
        return new BenchSettings(operation, DEFAULT_SIZE, connections, null, ops, Duration.ZERO, DEFAULT_POPULATE);
    }

    public BenchSettings withSize(int newSize) {
        return new BenchSettings(operation, newSize, connections, duration, ops, warmup, populate);
    }

    public BenchSettings withWarmup(Duration newWarmup) {
        return new BenchSettings(operation, size, connections, duration, ops, newWarmup, populate);
    }

    public BenchSettings withPopulate(int newPopulate) {
        return new BenchSettings(operation, size, connections, duration, ops, warmup, newPopulate);
    }

    /** True when the run stops after a number of operations rather than a time. */
    public boolean counted() {
        return duration == null;
    }
}
