package io.kmipstack.server.audit;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One operation as the audit log records it: when, who, what, on which objects, and how it ended.
 * It has no field for payloads, attribute values or result messages, so key material cannot reach
 * the log through it. {@code operation} is null for a message that could not be decoded far enough
 * to name one; {@code resultReason} is null on success; {@code identity}, {@code protocolVersion}
 * and {@code clientAddress} are null when unknown.
 */
public record AuditEvent(
        Instant time,
        String identity,
        Operation operation,
        List<String> uniqueIdentifiers,
        ResultStatus resultStatus,
        ResultReason resultReason,
        KmipVersion protocolVersion,
        String clientAddress) {

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(resultStatus, "resultStatus");
        uniqueIdentifiers = List.copyOf(Objects.requireNonNull(uniqueIdentifiers, "uniqueIdentifiers"));
    }
}
