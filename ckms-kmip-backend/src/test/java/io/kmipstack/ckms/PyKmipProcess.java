package io.kmipstack.ckms;

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
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code pykmip-server} (PyKMIP 0.10) for an IT: its configuration, SQLite database,
 * policy folder and logs in a folder of the test's, mutual TLS 1.2 with a dev PKI written there,
 * a free loopback port. Start-up waits at most {@link #START_TIMEOUT}; {@link #close()} kills the
 * process and its children (PyKMIP answers SIGTERM only after its accept loop's 10 s timeout).
 */
final class PyKmipProcess implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/pykmip-server");
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Process process;
    private final int port;

    private PyKmipProcess(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Starts a server with the PKI {@code pki} (written to {@code dir}). */
    static PyKmipProcess start(Path dir, DevPki pki) throws Exception {
        pki.writeTo(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("pykmip.conf");
        Files.writeString(conf, String.join("\n",
                "[server]",
                "hostname=127.0.0.1",
                "port=" + port,
                "certificate_path=" + dir.resolve(DevPki.SERVER_PEM),
                "key_path=" + dir.resolve(DevPki.SERVER_KEY),
                "ca_path=" + dir.resolve(DevPki.CA_PEM),
                "auth_suite=TLS1.2",
                "enable_tls_client_auth=True",
                "database_path=" + dir.resolve("pykmip.sqlite"),
                "logging_level=INFO",
                ""), StandardCharsets.US_ASCII);
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Process p = new ProcessBuilder(EXECUTABLE.toString(), "-f", conf.toString(), "-l", dir.resolve("pykmip.log").toString(),
                "-o", policies.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pykmip.out").toFile())
                .start();
        PyKmipProcess server = new PyKmipProcess(dir, p, port);
        try {
            server.awaitListening();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pykmip-server exited with " + process.exitValue() + ": " + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pykmip-server not listening on " + port + " after " + START_TIMEOUT + ": " + output());
    }

    private String output() throws IOException {
        Path out = dir.resolve("pykmip.out");
        String s = Files.exists(out) ? Files.readString(out) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    int port() {
        return port;
    }

    /** {@code endpoint=...&caCert=...&clientCert=...&clientKey=...} for a {@code kms://kmip} URI. */
    String connectionParameters() {
        return "endpoint=127.0.0.1:" + port + "&caCert=" + dir.resolve(DevPki.CA_PEM) + "&clientCert=" + dir.resolve(DevPki.CLIENT_PEM)
                + "&clientKey=" + dir.resolve(DevPki.CLIENT_KEY);
    }

    @Override
    public void close() throws InterruptedException {
        var children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pykmip-server (pid " + process.pid() + ") still running 10 s after SIGKILL");
        }
    }
}
