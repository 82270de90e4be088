package io.kmipstack.server.audit;

/** Drops every event: auditing switched off. */
final class NoopAuditLog implements AuditLog {

    static final NoopAuditLog INSTANCE = new NoopAuditLog();

    private NoopAuditLog() {
    }

    @Override
    public void record(AuditEvent event) {
        java.util.Objects.requireNonNull(event, "event");
    }
}
