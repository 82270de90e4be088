package io.kmipstack.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.ttlv.Bytes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable commit: a process writing to the SQLite store is killed with SIGKILL in the middle of
 * its work; every write it acknowledged (printed after {@code transact} returned) must be in the
 * store when it is opened again, with its content intact. (Power loss additionally rests on the
 * disk honouring fsync, which {@code synchronous=FULL} asks for and a test cannot simulate.)
 */
class SqliteKillIT {

    static final MasterKey KEY = MasterKey.fromBytes(Bytes.fromHex("5A".repeat(32)));

    @TempDir
    Path dataDir;

    static Bytes content(int n) {
        return Bytes.of(("content of object " + n).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyAcknowledgedWriteSurvivesKill9() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SqliteKillChild.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Integer> acknowledged = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (acknowledged.size() < 300 && (line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                acknowledged.put(parts[0], Integer.parseInt(parts[1]));
            }
            // SIGKILL mid-stream: it is most likely inside a transaction right now. Through the
            // handle, because Process.destroyForcibly also closes our end of its stdout.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Lines it printed before dying were acknowledged too.
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 2) {
                    acknowledged.put(parts[0], Integer.parseInt(parts[1]));
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
        try (ObjectStore store = ObjectStores.sqlite(dataDir, KEY)) {
            for (Map.Entry<String, Integer> e : acknowledged.entrySet()) {
                StoredObject o = store.read(tx -> tx.get(e.getKey())).orElse(null);
                assertThat(o).as("object %s (write %d)", e.getKey(), e.getValue()).isNotNull();
                assertThat(o.content()).isEqualTo(content(e.getValue()));
            }
            // At most the write in flight is beyond what was acknowledged, and it is whole or absent.
            List<String> all = store.read(tx -> tx.locate(new LocateQuery(null, null, List.of(), 0, null)));
            assertThat(all.size()).isBetween(acknowledged.size(), acknowledged.size() + 1);
            assertThat(all.subList(0, acknowledged.size())).containsExactlyElementsOf(acknowledged.keySet());
        }
    }
}
