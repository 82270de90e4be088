package io.kmipstack.interop.security;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@link ServerMain} in a child JVM (the test's class path) over a data folder that
 * outlives it, so a test can kill it with SIGKILL and start it again on the same files, read its
 * log, audit log and store, or measure its resident memory. Bounded: it waits at most 60 s for
 * the {@code test-server-port=} line and is always killed on {@link #close()}.
 */
final class ServerProcess implements AutoCloseable {

    static final DevPki PKI = DevPki.builder().clientCn("alice").addClientCn("bob").build();

    final Path dir;
    final Path data;
    final Path pki;
    final Path log;
    final Path audit;
    private final Process process;
    final int port;

    private ServerProcess(Path dir, long idleMillis, int maxConnections, List<String> jvmOptions) throws IOException {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.pki = dir.resolve("pki");
        this.audit = dir.resolve("audit.jsonl");
        Files.createDirectories(data);
        if (!DevPki.isComplete(pki)) {
            PKI.writeTo(pki);
        }
        int run = 1;
        while (Files.exists(dir.resolve("server-" + run + ".log"))) {
            run++;
        }
        this.log = dir.resolve("server-" + run + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ServerMain.class.getName());
        cmd.add(data.toString());
        cmd.add(pki.toString());
        cmd.add(audit.toString());
        cmd.add(Long.toString(idleMillis));
        cmd.add(Integer.toString(maxConnections));
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        this.port = awaitPort();
    }

    static ServerProcess start(Path dir) throws IOException {
        return new ServerProcess(dir, 300_000, 1024, List.of());
    }

    static ServerProcess start(Path dir, long idleMillis, int maxConnections, String... jvmOptions) throws IOException {
        return new ServerProcess(dir, idleMillis, maxConnections, List.of(jvmOptions));
    }

    private int awaitPort() throws IOException {
        Pattern p = Pattern.compile("test-server-port=(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + text);
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start within 60 s:\n" + Files.readString(log));
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The process's resident set size in KiB, from /proc. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for " + process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    KmipClient client(String cn) {
        return client(cn, 0);
    }

    KmipClient client(String cn, int retries) {
        return client(cn, retries, Duration.ofSeconds(20));
    }

    KmipClient client(String cn, int retries, Duration requestTimeout) {
        // The dev PKI writes its first client as client.pem, the others as client-<cn>.pem.
        String base = cn.equals(PKI.clientCn()) ? "client" : "client-" + cn;
        return KmipClient.create(KmipClientOptions.builder()
                .endpoint("127.0.0.1", port)
                .tls(TlsOptions.builder().trustPem(pki.resolve(DevPki.CA_PEM))
                        .keyPem(pki.resolve(base + ".pem"), pki.resolve(base + ".key"))
                        .build())
                .retries(retries)
                .requestTimeout(requestTimeout)
                .build());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
