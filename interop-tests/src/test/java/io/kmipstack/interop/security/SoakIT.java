package io.kmipstack.interop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak test, run only under {@code -Psoak} (see the pom): {@code soak.connections} clients
 * (32), each on its own connection, run mixed operations against one server process with a SQLite
 * store for {@code soak.minutes} (10): Create, Register, Get, Get Attributes, Add Attribute,
 * Locate by name, Activate, Revoke, Destroy, Query; each client destroys what it made, so the
 * store stays small and memory has no reason to grow. Zero errors are allowed (the client's request
 * timeout is two minutes: on a shared, loaded machine a slow answer is not a failure, a wrong or
 * missing one is), and every connection must keep completing object life cycles. The server's heap
 * after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}) and its resident set are sampled
 * every tenth of the run; the last heap sample may not exceed the first by more than half plus
 * 32 MiB. The figures are printed for docs/security.md.
 */
class SoakIT {

    @TempDir
    Path dir;

    @Test
    void mixedOperationsOnManyConnectionsWithoutErrorsAndFlatMemory() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "10"));
        int connections = Integer.getInteger("soak.connections", 32);
        long end = System.nanoTime() + (long) (minutes * 60e9);
        AtomicLong ops = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        List<long[]> samples = new ArrayList<>();   // {elapsed s, heap KiB after GC, RSS KiB}
        long[] cycles = new long[connections];

        try (ServerProcess server = ServerProcess.start(dir)) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int me = c;
                Thread t = new Thread(() -> {
                    Random r = new Random(me);
                    try (KmipClient client = server.client(me % 2 == 0 ? "alice" : "bob", 0, Duration.ofSeconds(120))) {
                        for (int n = 0; System.nanoTime() < end && errors.size() < 20; n++) {
                            try {
                                cycle(client, "soak-" + me + "-" + n, r, ops, latenciesMicros);
                                cycles[me]++;
                            } catch (RuntimeException e) {
                                errors.add(me + "/" + n + ": " + e);
                            }
                        }
                    }
                }, "soak-" + c);
                t.start();
                threads.add(t);
            }
            long start = System.nanoTime();
            long step = (long) (minutes * 60e9 / 10);
            for (int i = 1; i <= 10; i++) {
                long wake = start + i * step;
                while (System.nanoTime() < wake) {
                    Thread.sleep(Math.max(1, Math.min(1000, (wake - System.nanoTime()) / 1_000_000)));
                }
                samples.add(new long[] {(System.nanoTime() - start) / 1_000_000_000L, heapAfterGc(server.pid()), server.rssKib()});
            }
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive()).isFalse();
            }
        }
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        long p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99));
        System.out.printf("[soak] %.1f min, %d connections: %d operations (%.0f/s), %d errors, latency p50 %.1f ms p99 %.1f ms%n",
                minutes, connections, ops.get(), ops.get() / (minutes * 60), errors.size(), p50 / 1000.0, p99 / 1000.0);
        for (long[] s : samples) {
            System.out.printf("[soak] t=%ds heap after GC %d MiB, RSS %d MiB%n", s[0], s[1] / 1024, s[2] / 1024);
        }
        assertThat(errors).as("errors").isEmpty();
        // Every connection kept working to the end, not just some of them.
        assertThat(Arrays.stream(cycles).min().orElse(0)).as("fewest object life cycles completed on a connection")
                .isPositive();
        long firstHeap = samples.get(0)[1];
        long lastHeap = samples.get(samples.size() - 1)[1];
        assertThat(lastHeap).as("heap after GC at the end vs the first sample, KiB").isLessThan(firstHeap * 3 / 2 + 32 * 1024);
    }

    /** One object's life: made, read, changed, found, used up, destroyed, with a Query on the side. */
    private static void cycle(KmipClient client, String name, Random r, AtomicLong ops, List<Long> latencies) {
        String id = timed(ops, latencies, () -> r.nextBoolean()
                ? client.sync().create().aes(256).name(name).execute().uniqueIdentifier().toString()
                : client.sync().register().secretData(SecretDataType.PASSWORD, Bytes.of(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).name(name)
                        .execute().uniqueIdentifier().toString());
        timed(ops, latencies, () -> client.sync().get(id));
        timed(ops, latencies, () -> client.sync().getAttributes(id));
        timed(ops, latencies, () -> client.sync().addAttribute(id, KmipAttribute.of(Ttlv.text(Tag.CONTACT_INFORMATION, name))));
        timed(ops, latencies, () -> client.sync().locate().name(name).execute());
        timed(ops, latencies, () -> client.sync().activate(id));
        timed(ops, latencies, () -> client.sync().revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION));
        timed(ops, latencies, () -> client.sync().destroy(id));
        if (r.nextInt(4) == 0) {
            timed(ops, latencies, () -> client.sync().query(QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS));
        }
    }

    private static <T> T timed(AtomicLong ops, List<Long> latencies, java.util.function.Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        latencies.add((System.nanoTime() - t0) / 1000);
        ops.incrementAndGet();
        return result;
    }

    /** The server's used heap after a full collection, in KiB, through jcmd. */
    private static long heapAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        return out;
    }
}
