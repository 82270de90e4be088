package io.kmipstack.server.audit;

import java.nio.file.Path;

/**
 * Where the server records every operation it executes, one {@link AuditEvent} per batch item,
 * successful or not. Implementations: {@link #file} (one JSON object per line, appended and flushed
 * line by line), {@link #memory()} (tests) and {@link #noop()}. Thread-safe: all connections
 * record into one log.
 */
public interface AuditLog extends AutoCloseable {

    /**
     * Records {@code event}.
     *
     * @throws java.io.UncheckedIOException if the event could not be written
     * @throws IllegalStateException after {@link #close()}
     */
    void record(AuditEvent event);

    @Override
    default void close() {
    }

    /** A log that drops every event. */
    static AuditLog noop() {
        return NoopAuditLog.INSTANCE;
    }

    /**
     * A log appending JSON lines to {@code file}, created (mode 0600 on POSIX file systems, its
     * folder too if missing) when absent; the format is described in {@link JsonLines}.
     *
     * @throws java.io.UncheckedIOException if the file cannot be opened for appending
     */
    static AuditLog file(Path file) {
        return FileAuditLog.open(file);
    }

    /** A log keeping events in memory for tests to inspect. */
    static MemoryAuditLog memory() {
        return new MemoryAuditLog();
    }
}
