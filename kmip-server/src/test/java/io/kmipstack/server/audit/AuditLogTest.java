package io.kmipstack.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log: the JSON line format, appending to a file, and the test implementations. */
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static AuditEvent created(String identity) {
        return new AuditEvent(Instant.parse("2025-06-01T12:00:00.123456Z"), identity, Operation.CREATE,
                List.of("6f1c0c3e-0000-4000-8000-000000000001"), ResultStatus.SUCCESS, null, KmipVersion.V2_1,
                "192.0.2.7:50412");
    }

    private static AuditEvent denied() {
        return new AuditEvent(Instant.parse("2025-06-01T12:00:01Z"), "mallory", Operation.GET, List.of("a", "b"),
                ResultStatus.OPERATION_FAILED, ResultReason.ITEM_NOT_FOUND, KmipVersion.V1_4, null);
    }

    @Test
    void eachEventIsOneJsonLineInAFixedShape() throws Exception {
        Path file = dir.resolve("logs").resolve("audit.log");
        try (AuditLog log = AuditLog.file(file)) {
            log.record(created("alice"));
            log.record(denied());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"time\":\"2025-06-01T12:00:00.123Z\",\"identity\":\"alice\",\"operation\":\"Create\","
                + "\"uniqueIdentifiers\":[\"6f1c0c3e-0000-4000-8000-000000000001\"],\"resultStatus\":\"Success\","
                + "\"protocolVersion\":\"2.1\",\"clientAddress\":\"192.0.2.7:50412\"}");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("time").asText()).isEqualTo("2025-06-01T12:00:01Z");
        assertThat(second.get("operation").asText()).isEqualTo("Get");
        assertThat(second.get("uniqueIdentifiers").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(second.get("resultStatus").asText()).isEqualTo("OperationFailed");
        assertThat(second.get("resultReason").asText()).isEqualTo("ItemNotFound");
        assertThat(second.get("protocolVersion").asText()).isEqualTo("1.4");
        assertThat(second.has("clientAddress")).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anUndecodableMessageIsAuditedWithoutOperationOrIdentity() throws Exception {
        MemoryAuditLog log = AuditLog.memory();
        log.record(new AuditEvent(Instant.EPOCH, null, null, List.of(), ResultStatus.OPERATION_FAILED,
                ResultReason.INVALID_MESSAGE, null, "198.51.100.1:1"));
        JsonNode line = JSON.readTree(log.lines().get(0));
        assertThat(line.has("operation")).isFalse();
        assertThat(line.has("identity")).isFalse();
        assertThat(line.get("uniqueIdentifiers").size()).isZero();
        assertThat(line.get("resultReason").asText()).isEqualTo("InvalidMessage");
    }

    @Test
    void unnamedEnumerationValuesAreWrittenInHex() throws Exception {
        MemoryAuditLog log = AuditLog.memory();
        log.record(new AuditEvent(Instant.EPOCH, "alice", Operation.valueOf(0x8000_0001), List.of(),
                ResultStatus.OPERATION_FAILED, ResultReason.OPERATION_NOT_SUPPORTED, KmipVersion.V2_0, null));
        assertThat(JSON.readTree(log.lines().get(0)).get("operation").asText()).isEqualTo("0x80000001");
    }

    @Test
    void reopeningAppends() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.file(file)) {
            log.record(created("first"));
        }
        try (AuditLog log = AuditLog.file(file)) {
            log.record(created("second"));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("identity").asText()).isEqualTo("first");
        assertThat(JSON.readTree(lines.get(1)).get("identity").asText()).isEqualTo("second");
    }

    @Test
    void eachLineIsOnDiskWhenRecordReturns() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.file(file)) {
            log.record(created("alice"));
            // Read by another reader while the log is still open: nothing waits in a buffer.
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(1);
        }
    }

    @Test
    void aLineBreakInAnIdentityCannotForgeALine() throws Exception {
        Path file = dir.resolve("audit.log");
        String hostile = "eve\"}\n{\"identity\":\"admin\",\"resultStatus\":\"Success\"}";
        try (AuditLog log = AuditLog.file(file)) {
            log.record(created(hostile));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("identity").asText()).isEqualTo(hostile);
    }

    @Test
    void concurrentRecordsNeverInterleave() throws Exception {
        Path file = dir.resolve("audit.log");
        int threads = 4;
        int each = 300;
        try (AuditLog log = AuditLog.file(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String who = "t" + t + "-" + "x".repeat(200);
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            log.record(created(who + "-" + i));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * each);
        Set<String> identities = new HashSet<>();
        for (String line : lines) {
            identities.add(JSON.readTree(line).get("identity").asText());
        }
        assertThat(identities).hasSize(threads * each);
    }

    @Test
    void aClosedLogRefusesEvents() {
        AuditLog log = AuditLog.file(dir.resolve("audit.log"));
        log.close();
        log.close();
        assertThatThrownBy(() -> log.record(created("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void memoryLogKeepsEventsInOrderAndFormatsLikeTheFile() throws Exception {
        MemoryAuditLog memory = AuditLog.memory();
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.file(file)) {
            for (AuditEvent e : List.of(created("alice"), denied())) {
                memory.record(e);
                log.record(e);
            }
        }
        assertThat(memory.events()).containsExactly(created("alice"), denied());
        assertThat(memory.lines()).isEqualTo(Files.readAllLines(file, StandardCharsets.UTF_8));
        memory.clear();
        assertThat(memory.events()).isEmpty();
    }

    @Test
    void noopAcceptsAndKeepsNothing() {
        AuditLog log = AuditLog.noop();
        log.record(created("alice"));
        log.close();
        assertThatThrownBy(() -> log.record(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void eventRequiresTimeStatusAndIdentifierList() {
        assertThatThrownBy(() -> new AuditEvent(null, "a", Operation.GET, List.of(), ResultStatus.SUCCESS, null, null, null))
                .hasMessage("time");
        assertThatThrownBy(() -> new AuditEvent(Instant.EPOCH, "a", Operation.GET, List.of(), null, null, null, null))
                .hasMessage("resultStatus");
        List<String> ids = new ArrayList<>(List.of("x"));
        AuditEvent e = new AuditEvent(Instant.EPOCH, "a", Operation.GET, ids, ResultStatus.SUCCESS, null, null, null);
        ids.add("y");
        assertThat(e.uniqueIdentifiers()).containsExactly("x");
    }
}
