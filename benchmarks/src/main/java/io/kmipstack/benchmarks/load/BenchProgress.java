package io.kmipstack.benchmarks.load;

/**
 * Receives a one-line status about once a second while a run prepares, warms up, measures and
 * cleans up, e.g. {@code "measure 4s/10s  12,345 ops  3,086 ops/s  0 errors"}. Called from a
 * timer thread.
 */
@FunctionalInterface
public interface BenchProgress {

    BenchProgress NONE = line -> { };

    void status(String line);
}
