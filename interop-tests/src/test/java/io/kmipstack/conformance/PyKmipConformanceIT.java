package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.testing.PyKmipServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @TempDir
    static Path dir;
    static PyKmipServer server;

    @BeforeAll
    static void startPyKmip() throws Exception {
        assumeTrue(PyKmipServer.installed(), "PyKMIP's server is not installed (bin/test installs Debian's python3-pykmip)");
        server = PyKmipServer.start(dir, DevPki.builder().build());
    }

    @AfterAll
    static void stopPyKmip() {
        if (server != null) {
            server.close();
        }
    }

    private static Transport transport() throws IOException {
        Path pki = server.dir();
        TlsSettings tls = TlsSettings.of(pki.resolve(DevPki.CA_PEM), pki.resolve(DevPki.CLIENT_PEM), pki.resolve(DevPki.CLIENT_KEY));
        return Transports.netty(new Endpoint("127.0.0.1", server.port()), null, null, tls);
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
