package io.kmipstack.benchmarks.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link ClosedLoop} sends: requests of one or more kinds (each kind gets its own latency
 * histogram), sent for a numbered user (one per connection) that has nothing else in flight.
 */
interface Workload {

    /** The kinds of request, in report order; never empty. */
    List<String> kinds();

    /** The kind of {@code user}'s {@code seq}-th request (both from 0). */
    default int kind(int user, long seq) {
        return 0;
    }

    /**
     * Sends one request of {@code kind} for {@code user}; the future completes when its answer is
     * in, exceptionally when it failed. May throw instead of returning a failed future.
     */
    CompletableFuture<?> send(int user, int kind);
}
