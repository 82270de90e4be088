package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kmipstack.certs.DevPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end against PyKMIP 0.10's server ({@code /usr/bin/pykmip-server}): started on
 * a free loopback port with its configuration, dev PKI and database in a temporary folder, TLS 1.2
 * with client certificates required, and stopped afterwards.
 *
 * <p>PyKMIP implements part of KMIP 1.4, so most OASIS files fail against it, for reasons of its
 * own (recorded in {@code interop-tests/README.md}). This test does not fail the build on that;
 * it fails when the runner's verdicts change: each file's verdict, and for a failure the message
 * and tag path of the first difference, must match {@code pykmip-0.10-v1.4.expected}. The
 * measured list is written to {@code target/pykmip-v1.4.actual} (and a Markdown table beside it)
 * so that an intended change is one copy away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PyKmipConformanceIT {

    private static final Path PYKMIP_SERVER = Path.of("/usr/bin/pykmip-server");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Process server;
    static int port;

    @BeforeAll
    static void startPyKmip() throws Exception {
        assumeTrue(Files.isExecutable(PYKMIP_SERVER),
                "PyKMIP's server is not installed (bin/test installs Debian's python3-pykmip)");
        Path pki = dir.resolve("pki");
        DevPki.builder().build().writeTo(pki);
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Path config = dir.resolve("server.conf");
        Files.writeString(config, String.join("\n",
                "[server]",
                "hostname=127.0.0.1",
                "port=" + port,
                "certificate_path=" + pki.resolve("server.pem"),
                "key_path=" + pki.resolve("server.key"),
                "ca_path=" + pki.resolve("ca.pem"),
                "auth_suite=TLS1.2",
                "enable_tls_client_auth=True",
                "policy_path=" + policies,
                "database_path=" + dir.resolve("pykmip.db"),
                "logging_level=INFO",
                ""), StandardCharsets.US_ASCII);
        server = new ProcessBuilder(PYKMIP_SERVER.toString(), "-f", config.toString(), "-l", dir.resolve("server.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile())
                .start();
        awaitListening();
    }

    // PyKMIP binds its socket after importing its crypto engine, a few seconds on a busy machine.
    private static void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("pykmip-server exited with " + server.exitValue() + ": "
                        + Files.readString(dir.resolve("server.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("pykmip-server did not listen on port " + port + " within " + STARTUP);
    }

    @AfterAll
    static void stopPyKmip() throws InterruptedException {
        if (server == null) {
            return;
        }
        // SIGTERM: PyKMIP closes its sessions and socket (within its 10 s accept timeout); the
        // session processes it forked go with it, or are ended here by their own ids.
        List<ProcessHandle> sessions = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        }
        sessions.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Transport transport() throws IOException {
        Path pki = dir.resolve("pki");
        TlsSettings tls = TlsSettings.of(pki.resolve("ca.pem"), pki.resolve("client.pem"), pki.resolve("client.key"));
        return Transports.netty(new Endpoint("127.0.0.1", port), null, null, tls);
    }

    @Test
    @Order(1)
    void aFilePyKmipImplementsPasses() throws IOException {
        // SKFF-M-1-14: Create, Get Attributes, Destroy of an AES key: within what PyKMIP supports.
        try (Transport t = transport()) {
            FileResult r = ConformanceRunner.builder(t).build().run(Vectors.root().resolve("v1.4/mandatory/SKFF-M-1-14.xml"));
            assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    @Order(2)
    void verdictsOnEveryV14FileMatchTheRecordedOnes() throws IOException {
        RunReport report;
        try (Transport t = transport()) {
            report = ConformanceRunner.builder(t).timeout(Duration.ofSeconds(20)).build()
                    .run(List.of(Vectors.root().resolve("v1.4")));
        }
        List<String> actual = new ArrayList<>();
        for (FileResult r : report.results()) {
            actual.add(line(r));
        }
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("pykmip-v1.4.actual"), actual, StandardCharsets.UTF_8);
        Reports.writeMarkdown(report, target.resolve("pykmip-v1.4.md"));
        Reports.writeJUnit(report, target.resolve("pykmip-v1.4.junit.xml"));

        assertThat(report.results()).hasSize(75);
        assertThat(actual).containsExactlyElementsOf(expected());
    }

    /** {@code PASS name}, {@code SKIP name reason}, {@code FAIL name message path}: what must not drift. */
    private static String line(FileResult r) {
        return switch (r.verdict()) {
            case PASS -> "PASS " + r.name();
            case SKIP -> "SKIP " + r.name() + " " + r.reason();
            case FAIL -> "FAIL " + r.name() + " " + r.message() + " "
                    + (r.difference() != null ? r.difference().path() : r.reason());
        };
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = PyKmipConformanceIT.class.getResourceAsStream("/pykmip-0.10-v1.4.expected")) {
            assertThat(in).as("pykmip-0.10-v1.4.expected on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }
}
