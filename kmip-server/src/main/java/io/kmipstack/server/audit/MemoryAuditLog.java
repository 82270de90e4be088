package io.kmipstack.server.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An audit log that keeps its events in memory, in the order recorded, for tests that assert what
 * the server audited. {@link #lines()} gives the JSON lines a file log would have written.
 */
public final class MemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();

    MemoryAuditLog() {
    }

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(Objects.requireNonNull(event, "event"));
    }

    /** A snapshot of the events recorded so far. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The events as the file log's JSON lines (without line terminators). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (AuditEvent e : events()) {
            out.add(JsonLines.format(e));
        }
        return out;
    }

    /** Forgets the events recorded so far. */
    public synchronized void clear() {
        events.clear();
    }
}
