package io.kmipstack.cli;

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
 * A {@code pykmip-server} process for an IT (the same helper as kmip-client's tests; test code is not shared between modules): configuration, database, policy directory and logs in
 * {@code dir}, the given dev PKI (written there) for mutual TLS 1.2, a free loopback port. Every
 * wait is bounded; {@link #close()} stops the process tree.
 */
final class PyKmipServer implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/pykmip-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Process process;
    private final int port;

    private PyKmipServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    static PyKmipServer start(Path dir, DevPki pki) throws Exception {
        pki.writeTo(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
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
        Process p = new ProcessBuilder(EXECUTABLE.toString(), "-f", conf.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", policies.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        PyKmipServer server = new PyKmipServer(dir, p, port);
        try {
            server.awaitPort();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitPort() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pykmip-server exited with " + process.exitValue() + ": " + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pykmip-server did not listen on " + port + " within " + START_TIMEOUT + ": " + tail());
    }

    private String tail() throws IOException {
        Path out = dir.resolve("stdout.txt");
        String s = Files.exists(out) ? Files.readString(out) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    int port() {
        return port;
    }

    /**
     * Kills the server and its children (the policy monitor). Not SIGTERM: PyKMIP then waits for
     * its accept loop's 10-second socket timeout before it stops, and its state is a throw-away
     * temp directory anyway.
     */
    @Override
    public void close() {
        var children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pykmip-server (pid " + process.pid() + ") still running 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
