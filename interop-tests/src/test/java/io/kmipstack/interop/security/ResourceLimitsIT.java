package io.kmipstack.interop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.ResultStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource limits of a server process: idle connections are closed after the idle timeout (busy
 * ones are not); connections beyond the maximum are refused at once, with the reason in the
 * server's log; clients that stop reading, or write a byte at a time, do not hold up anyone else;
 * and 1,000 open TLS connections cost the server a bounded amount of memory (its resident set is
 * measured from /proc before and after). Figures go to standard output for docs/security.md.
 */
class ResourceLimitsIT {

    @TempDir
    Path dir;

    @Test
    void idleConnectionsAreClosedAndBusyOnesAreNot() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, 1_000, 1024);
                SSLSocket idle = RawTls.connect(server.port);
                SSLSocket busy = RawTls.connect(server.port)) {
            for (int i = 0; i < 8; i++) {
                assertOk(RawTls.exchange(busy, RawTls.DISCOVER_VERSIONS));
                Thread.sleep(400);
            }
            assertThat(RawTls.closedWithin(idle, 5_000)).as("idle connection closed").isTrue();
            assertOk(RawTls.exchange(busy, RawTls.DISCOVER_VERSIONS));
        }
    }

    @Test
    void connectionsBeyondTheMaximumAreRefusedAtOnceAndTheLogSaysWhy() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, 300_000, 3)) {
            List<SSLSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(RawTls.connect(server.port));
                    assertOk(RawTls.exchange(held.get(i), RawTls.DISCOVER_VERSIONS));
                }
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> {
                    try (SSLSocket extra = RawTls.connect(server.port)) {
                        RawTls.exchange(extra, RawTls.DISCOVER_VERSIONS);
                    }
                }).isInstanceOf(IOException.class);
                long refusedMillis = (System.nanoTime() - t0) / 1_000_000;
                assertThat(refusedMillis).as("refused without a wait").isLessThan(3_000);
                waitForLog(server, "connections: 4 (expected: <= 3)");
                held.remove(0).close();
                // The slot frees once the server has seen the close.
                SSLSocket again = null;
                for (int attempt = 0; attempt < 50 && again == null; attempt++) {
                    try {
                        again = RawTls.connect(server.port);
                        assertOk(RawTls.exchange(again, RawTls.DISCOVER_VERSIONS));
                    } catch (IOException e) {
                        again = null;
                        Thread.sleep(100);
                    }
                }
                assertThat(again).isNotNull();
                held.add(again);
                System.out.println("[resource-limits] connection beyond the maximum refused in " + refusedMillis + " ms");
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void slowReadersAndSlowWritersDoNotHoldUpOthers() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, 300_000, 1024)) {
            List<Socket> slow = new ArrayList<>();
            try {
                // Readers that never read: each pipelines 3,000 requests (about 600 KB of answers).
                for (int i = 0; i < 4; i++) {
                    SSLSocket s = RawTls.connect(server.port);
                    slow.add(s);
                    Thread writer = new Thread(() -> {
                        try {
                            OutputStream out = s.getOutputStream();
                            for (int n = 0; n < 3_000; n++) {
                                out.write(RawTls.DISCOVER_VERSIONS);
                            }
                            out.flush();
                        } catch (IOException e) {
                            // The server stopped reading us and our send buffer filled: expected.
                        }
                    });
                    writer.setDaemon(true);
                    writer.start();
                }
                // Writers that send half a message and then one byte every 200 ms.
                List<OutputStream> trickles = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    SSLSocket s = RawTls.connect(server.port);
                    slow.add(s);
                    s.getOutputStream().write(RawTls.DISCOVER_VERSIONS, 0, 20);
                    s.getOutputStream().flush();
                    trickles.add(s.getOutputStream());
                }
                Thread.sleep(500);
                List<Long> millis = new ArrayList<>();
                try (SSLSocket good = RawTls.connect(server.port)) {
                    for (int i = 0; i < 30; i++) {
                        long t0 = System.nanoTime();
                        assertOk(RawTls.exchange(good, RawTls.DISCOVER_VERSIONS));
                        millis.add((System.nanoTime() - t0) / 1_000_000);
                        for (OutputStream t : trickles) {
                            t.write(RawTls.DISCOVER_VERSIONS[20 + Math.min(i, RawTls.DISCOVER_VERSIONS.length - 21)]);
                            t.flush();
                        }
                        Thread.sleep(200);
                    }
                }
                List<Long> sorted = millis.stream().sorted().toList();
                long median = sorted.get(sorted.size() / 2);
                long worst = sorted.get(sorted.size() - 1);
                System.out.println("[resource-limits] answers to a well-behaved client among 24 slow ones: median " + median
                        + " ms, slowest " + worst + " ms");
                // Blocked would mean the 20 s read timeout; the bounds leave room for a loaded machine.
                assertThat(median).as("median answer to the well-behaved client, ms").isLessThan(500);
                assertThat(worst).as("slowest answer to the well-behaved client, ms").isLessThan(5_000);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void memoryStaysBoundedWithAThousandOpenConnections() throws Exception {
        int n = 1_000;
        try (ServerProcess server = ServerProcess.start(dir, 300_000, 1_100)) {
            // Warm up: the first handshakes and requests load classes and size the pools.
            for (int i = 0; i < 20; i++) {
                try (SSLSocket s = RawTls.connect(server.port)) {
                    assertOk(RawTls.exchange(s, RawTls.DISCOVER_VERSIONS));
                }
            }
            Thread.sleep(500);
            long before = server.rssKib();
            List<SSLSocket> open = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    SSLSocket s = RawTls.connect(server.port);
                    open.add(s);
                    assertOk(RawTls.exchange(s, RawTls.DISCOVER_VERSIONS));
                }
                Thread.sleep(500);
                long after = server.rssKib();
                // Every connection still answers.
                for (int i = 0; i < n; i += 97) {
                    assertOk(RawTls.exchange(open.get(i), RawTls.DISCOVER_VERSIONS));
                }
                long perConnection = (after - before) / n;
                System.out.printf("[resource-limits] server RSS %d MiB -> %d MiB with %d connections (%d KiB each)%n",
                        before / 1024, after / 1024, n, perConnection);
                assertThat(after - before).as("RSS growth, KiB").isLessThan(256 * 1024);
                assertThat(perConnection).as("KiB per connection").isLessThan(200);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    private static void assertOk(io.kmipstack.codec.ttlv.Ttlv response) {
        assertThat(ResponseMessage.decode(response).batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }

    private static void waitForLog(ServerProcess server, String text) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (server.logText().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(server.logText()).contains(text);
    }
}
