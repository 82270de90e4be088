package io.kmipstack.conformance;

import java.io.IOException;
import java.time.Duration;

/**
 * Opens {@link Exchange}s with the server under test, one per test-case file, over the
 * {@link Wire} the file needs. A transport that cannot carry a wire (no HTTPS endpoint was given)
 * says why, and the runner skips the file with that reason.
 */
public interface Transport extends AutoCloseable {

    /** Why this transport cannot carry {@code wire} (e.g. {@code "needs --https"}), or {@code null}. */
    String unsupported(Wire wire);

    /** Connects for one file; fails within {@code timeout} if the server cannot be reached. */
    Exchange open(Wire wire, Duration timeout) throws IOException;

    /** Releases threads and other resources; never throws. */
    @Override
    default void close() {
    }
}
