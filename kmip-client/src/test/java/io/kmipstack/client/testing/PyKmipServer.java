package io.kmipstack.client.testing;

import io.kmipstack.certs.DevPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code pykmip-server} (PyKMIP 0.10) run for an IT, the one helper every module's PyKMIP
 * tests use (kmip-client's test-jar): everything it needs lives in one
 * folder (configuration, the PKI it is given, a fresh SQLite database, the policy folder, its log
 * and standard output), it listens on a free loopback port with TLS 1.2 and client certificates
 * required. Waits are bounded; {@link #close()} kills the process and its children.
 *
 * <p>PyKMIP's TLS 1.2 cipher list offers AES-GCM only with ECDSA certificates, so the default
 * {@link DevPki} (EC P-256) suits it; with RSA certificates only its CBC suites would be left.
 */
public final class PyKmipServer implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/pykmip-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Process process;
    private final int port;

    private PyKmipServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Writes {@code pki} and the configuration into {@code dir} and starts the server there. */
    public static PyKmipServer start(Path dir, DevPki pki) throws IOException, InterruptedException {
        pki.writeTo(dir);
        int port = freePort();
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, String.join("\n",
                "[server]",
                "hostname=127.0.0.1",
                "port=" + port,
                "certificate_path=" + dir.resolve(DevPki.SERVER_PEM),
                "key_path=" + dir.resolve(DevPki.SERVER_KEY),
                "ca_path=" + dir.resolve(DevPki.CA_PEM),
                "auth_suite=TLS1.2",
                "enable_tls_client_auth=True",
                "database_path=" + dir.resolve("pykmip.db"),
                "logging_level=INFO",
                ""), StandardCharsets.US_ASCII);
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Process p = new ProcessBuilder(List.of(EXECUTABLE.toString(), "-f", conf.toString(),
                "-l", dir.resolve("server.log").toString(), "-o", policies.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        PyKmipServer server = new PyKmipServer(dir, p, port);
        try {
            server.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    // The port is free when probed and handed to PyKMIP at once; a clash would show as a start failure.
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pykmip-server exited with " + process.exitValue() + ": " + outputTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pykmip-server: not listening on port " + port + " after " + START_TIMEOUT + ": " + outputTail());
    }

    /** The folder holding its configuration, the PKI it was given, its database and logs. */
    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    /** The end of PyKMIP's log, for assertion messages (it logs no key material at INFO). */
    public String logTail() {
        return tail(dir.resolve("server.log"));
    }

    private String outputTail() {
        return tail(dir.resolve("stdout.txt"));
    }

    private static String tail(Path file) {
        try {
            String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILL for the server and its children (one process per session, the policy monitor).
     * Not SIGTERM: PyKMIP would first sit out its accept loop's 10-second socket timeout, and
     * its state is a throw-away folder anyway.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("pykmip-server (pid " + process.pid() + "): still running " + STOP_TIMEOUT
                        + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
