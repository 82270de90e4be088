package io.kmipstack.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The audit line format: one JSON object per event, fields in this order, absent fields omitted:
 * <pre>
 * {"time":"2025-06-01T12:00:00.123Z","identity":"alice","operation":"Create",
 *  "uniqueIdentifiers":["6f1c..."],"resultStatus":"Success","protocolVersion":"2.1",
 *  "clientAddress":"192.0.2.7:50412"}
 * </pre>
 * (on one line). {@code time} is ISO-8601 UTC to the millisecond; {@code operation},
 * {@code resultStatus} and {@code resultReason} use the names of the KMIP XML and JSON encodings
 * ({@code OperationFailed}, {@code ItemNotFound}; {@code 0x%08X} for unnamed values). Strings are
 * JSON-escaped, so an identity holding a line break cannot forge a second line.
 */
final class JsonLines {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonLines() {
    }

    static String format(AuditEvent e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", DateTimeFormatter.ISO_INSTANT.format(e.time().truncatedTo(ChronoUnit.MILLIS)));
            if (e.identity() != null) {
                g.writeStringField("identity", e.identity());
            }
            if (e.operation() != null) {
                g.writeStringField("operation", e.operation().name());
            }
            g.writeArrayFieldStart("uniqueIdentifiers");
            for (String uid : e.uniqueIdentifiers()) {
                g.writeString(uid);
            }
            g.writeEndArray();
            g.writeStringField("resultStatus", e.resultStatus().name());
            if (e.resultReason() != null) {
                g.writeStringField("resultReason", e.resultReason().name());
            }
            if (e.protocolVersion() != null) {
                g.writeStringField("protocolVersion", e.protocolVersion().toString());
            }
            if (e.clientAddress() != null) {
                g.writeStringField("clientAddress", e.clientAddress());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
