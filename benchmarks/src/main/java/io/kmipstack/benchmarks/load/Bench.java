package io.kmipstack.benchmarks.load;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.KmipEndpoint;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.QueryFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The load generator behind {@code kmip bench}: closed-loop load with {@code connections}
 * connections, each with one request in flight, against any KMIP server through the KMIP client
 * ({@link #run}), or against an in-process mutual-TLS echo server on the same Netty and TLS stack
 * with frames of the same sizes ({@link #echo}), the ceiling for any KMIP server on the machine.
 * See {@link BenchOperation} for what each operation sends and {@link KmipWorkload} for what is
 * prepared and cleaned up around a run.
 *
 * <pre>{@code
 * BenchResult r = Bench.run(BenchSettings.timed(BenchOperation.GET, 4, Duration.ofSeconds(10)), options, BenchProgress.NONE);
 * System.out.println(r.toJson());   // {"target":"127.0.0.1:5696","operation":"get",...,"opsPerSecond":...}
 * }</pre>
 */
public final class Bench {

    /** Client I/O threads: the client's default, also right for this 2-core class of machine. */
    static final int IO_THREADS = KmipClientOptions.DEFAULT_IO_THREADS;
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(5);
    private static final Duration RAW_TIMEOUT = KmipClientOptions.DEFAULT_REQUEST_TIMEOUT;

    private Bench() {
    }

    /**
     * Runs {@code settings} against the first endpoint of {@code options} (its TLS material,
     * version and timeouts; pool size and retries are set here: one connection per user, and no
     * retries, so that every failure shows).
     */
    public static BenchResult run(BenchSettings settings, KmipClientOptions options, BenchProgress progress)
            throws InterruptedException {
        KmipClientOptions o = forLoad(options, settings.connections());
        KmipEndpoint endpoint = o.endpoints().get(0);
        String target = endpoint.host() + ":" + endpoint.port();
        String tls = BenchTls.providerName(o.tls());
        return switch (settings.operation()) {
            case CONNECT -> {
                try (RawConnections raw = new RawConnections(BenchTls.client(o.tls()), endpoint, IO_THREADS, o.connectTimeout())) {
                    yield connect(settings, raw, target, tls, progress);
                }
            }
            case IDLE -> idle(settings, o, target, tls, progress);
            default -> kmip(settings, o, target, tls, progress);
        };
    }

    /**
     * Runs {@code settings} against an echo server started here on a loopback port, with a fresh
     * in-memory dev PKI (EC P-256, like {@code kmip certs init}); request frames are encoded in
     * {@code version}.
     */
    public static BenchResult echo(BenchSettings settings, KmipVersion version, BenchProgress progress)
            throws InterruptedException {
        if (settings.operation() == BenchOperation.IDLE) {
            throw new IllegalArgumentException("operation: idle with the echo server (expected: a KMIP operation or connect)");
        }
        DevPki pki = DevPki.builder().build();
        TlsOptions clientTls = TlsOptions.builder().trust(pki.ca().certificate())
                .key(pki.client().privateKey(), pki.client().certificate()).build();
        try (EchoServer server = EchoServer.start(BenchTls.server(pki.server().privateKey(), pki.server().certificate(),
                pki.ca().certificate()));
                RawConnections raw = new RawConnections(BenchTls.client(clientTls), new KmipEndpoint("127.0.0.1", server.port()),
                        IO_THREADS, RAW_TIMEOUT)) {
            String target = "echo";
            String tls = BenchTls.providerName(clientTls);
            if (settings.operation() == BenchOperation.CONNECT) {
                return connect(settings, raw, target, tls, progress);
            }
            List<byte[]> frames = EchoFrames.frames(settings.operation(), settings.size(), version);
            List<RawConnections.FrameChannel> channels = new ArrayList<>();
            try {
                KmipWorkload.await(KmipWorkload.inParallel(settings.connections(), settings.connections(),
                        i -> raw.open(true).thenAccept(c -> {
                            synchronized (channels) {
                                channels.add(c);
                            }
                        })), progress, "connecting", null);
                List<String> kinds = KmipWorkload.kinds(settings.operation());
                Workload w = new Workload() {
                    @Override
                    public List<String> kinds() {
                        return kinds;
                    }

                    @Override
                    public int kind(int user, long seq) {
                        return KmipWorkload.kind(settings.operation(), user, seq);
                    }

                    @Override
                    public CompletableFuture<?> send(int user, int kind) {
                        byte[] frame = frames.get(kind);
                        return channels.get(user).exchange(frame).thenAccept(echoed -> {
                            if (echoed.length != frame.length) {
                                throw new IllegalStateException("echo: " + echoed.length + " bytes (expected: " + frame.length + ")");
                            }
                        });
                    }
                };
                ClosedLoop.Outcome out = new ClosedLoop(w, settings.connections(), settings.warmup(), settings.duration(),
                        settings.ops()).run(progress, RAW_TIMEOUT.plus(DRAIN_MARGIN));
                Map<String, Integer> sizes = new LinkedHashMap<>();
                for (int k = 0; k < kinds.size(); k++) {
                    sizes.put(kinds.get(k), frames.get(k).length);
                }
                return result(settings, target, version.toString(), tls, out, sizes,
                        List.of("echo server in-process on 127.0.0.1:" + server.port() + ", frames encoded as KMIP " + version
                                + " requests and echoed unchanged"));
            } finally {
                channels.forEach(RawConnections.FrameChannel::close);
            }
        }
    }

    private static BenchResult kmip(BenchSettings settings, KmipClientOptions o, String target, String tls, BenchProgress progress)
            throws InterruptedException {
        try (KmipClient client = KmipClient.create(o)) {
            KmipWorkload w = new KmipWorkload(client.async(), settings);
            List<String> notes = new ArrayList<>();
            ClosedLoop.Outcome out;
            KmipWorkload.Cleanup cleanup;
            try {
                w.prepare(progress);
                notes.add(String.format("prepared %,d object%s named %s*", w.ownedCount(), w.ownedCount() == 1 ? "" : "s", w.namePrefix()));
                out = new ClosedLoop(w, settings.connections(), settings.warmup(), settings.duration(), settings.ops())
                        .run(progress, o.requestTimeout().plus(DRAIN_MARGIN));
            } finally {
                cleanup = w.cleanUp(progress);
            }
            if (cleanup.failures() == 0) {
                notes.add(String.format("revoked and destroyed all %,d objects afterwards", cleanup.objects()));
            } else {
                notes.add(String.format("cleanup: %,d revoke or destroy requests of %,d objects failed, first: %s", cleanup.failures(),
                        cleanup.objects(), cleanup.firstFailure()));
            }
            KmipVersion v = client.negotiatedVersion();
            return result(settings, target, v == null ? null : v.toString(), tls, out, Map.of(), notes);
        }
    }

    private static BenchResult connect(BenchSettings settings, RawConnections raw, String target, String tls,
            BenchProgress progress) throws InterruptedException {
        Workload w = new Workload() {
            @Override
            public List<String> kinds() {
                return List.of(BenchOperation.CONNECT.cliName());
            }

            @Override
            public CompletableFuture<?> send(int user, int kind) {
                return raw.handshake();
            }
        };
        ClosedLoop.Outcome out = new ClosedLoop(w, settings.connections(), settings.warmup(), settings.duration(), settings.ops())
                .run(progress, RAW_TIMEOUT.plus(DRAIN_MARGIN));
        return result(settings, target, null, tls, out, Map.of(),
                List.of("each operation: TCP connect, full mutual-TLS handshake (no resumption), close"));
    }

    private static BenchResult idle(BenchSettings settings, KmipClientOptions o, String target, String tls, BenchProgress progress)
            throws InterruptedException {
        int n = settings.connections();
        try (KmipClient client = KmipClient.create(o)) {
            // n Queries at once: each is a caller the pool has no idle connection for, so each opens its own.
            List<LatencyHistogram> latency = List.of(new LatencyHistogram());
            List<CompletableFuture<?>> calls = new ArrayList<>();
            long[] errors = new long[1];
            Map<String, Long> messages = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                calls.add(client.async().query(QueryFunction.QUERY_OPERATIONS).whenComplete((r, e) -> {
                    synchronized (latency) {
                        if (e == null) {
                            latency.get(0).record(System.nanoTime() - start);
                        } else {
                            errors[0]++;
                            messages.merge(ClosedLoop.describe(e), 1L, Long::sum);
                        }
                    }
                }));
            }
            try {
                KmipWorkload.await(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)), progress,
                        "opening " + n + " connections", () -> calls.stream().filter(CompletableFuture::isDone).count() + " done");
            } catch (RuntimeException e) {
                // Counted per call above.
            }
            long holdUntil = System.nanoTime() + settings.duration().toNanos();
            while (System.nanoTime() - holdUntil < 0) {
                Thread.sleep(Math.min(1000, Math.max(1, (holdUntil - System.nanoTime()) / 1_000_000)));
                progress.status(String.format("holding %,d idle connections, %ds left", n - errors[0],
                        Math.max(0, (holdUntil - System.nanoTime()) / 1_000_000_000)));
            }
            ClosedLoop.Outcome out;
            synchronized (latency) {
                out = new ClosedLoop.Outcome(List.of(BenchOperation.IDLE.cliName()), latency, errors.clone(), errors[0],
                        settings.duration().toNanos() / 1e9, Map.copyOf(messages));
            }
            KmipVersion v = client.negotiatedVersion();
            return result(settings, target, v == null ? null : v.toString(), tls, out, Map.of(),
                    List.of(String.format("opened %,d connections with one Query each and held them idle for %d s; latency is "
                            + "the Query's, connect and handshake included", n - errors[0], settings.duration().toSeconds())));
        }
    }

    private static BenchResult result(BenchSettings s, String target, String version, String tls, ClosedLoop.Outcome out,
            Map<String, Integer> frameBytes, List<String> notes) {
        return new BenchResult(target, s.operation(), s.connections(), s.size(), version, tls, out.seconds(), out.operations(),
                out.errors(), BenchResult.Latency.of(out.all()), BenchResult.byKind(out.kinds(), out.latencies()), out.errorMessages(),
                frameBytes, notes);
    }

    /** {@code options} with a pool of {@code connections}, the default I/O threads and no retries. */
    static KmipClientOptions forLoad(KmipClientOptions options, int connections) {
        KmipClientOptions.Builder b = KmipClientOptions.builder()
                .tls(options.tls())
                .preferredVersion(options.preferredVersion())
                .allowedVersions(options.allowedVersions().toArray(KmipVersion[]::new))
                .negotiateVersion(options.negotiateVersion())
                .connectTimeout(options.connectTimeout())
                .requestTimeout(options.requestTimeout())
                .failbackDelay(options.failbackDelay())
                .maximumResponseSize(options.maximumResponseSize())
                .poolSize(connections)
                .ioThreads(IO_THREADS)
                .retries(0);
        options.credentials().forEach(b::credential);
        // One endpoint: failing over in the middle of a measurement would mix two servers' figures.
        b.endpoint(options.endpoints().get(0));
        return b.build();
    }
}
