package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.DevPki;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmip conformance} without a KMIP server: the runner's verdicts themselves are tested in
 * interop-tests; here the command line, its output, reports and exit status.
 */
class ConformanceCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        DevPki.builder().build().writeTo(dir.resolve("pki"));
    }

    private static Path vector(String relative) {
        String shared = System.getProperty("kmipstack.shared", "../../shared");
        return Path.of(shared, "kmip-vectors", relative + ".xml");
    }

    private static String[] args(String... rest) {
        Path pki = dir.resolve("pki");
        String[] base = {"conformance", "--ca", pki.resolve("ca.pem").toString(), "--cert", pki.resolve("client.pem").toString(),
            "--key", pki.resolve("client.key").toString(), "--timeout", "5s"};
        String[] all = new String[base.length + rest.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(rest, 0, all, base.length, rest.length);
        return all;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void skippedFilesAreNoFailureAndReportsAreWritten() throws Exception {
        Path junit = dir.resolve("out/junit.xml");
        Path md = dir.resolve("out/table.md");
        CliRun r = CliRun.of(args("--server", "127.0.0.1:" + closedPort(), "--skip-profile", "CS-BC",
                "--junit", junit.toString(), "--markdown", md.toString(),
                vector("v1.4/mandatory/MSGENC-XML-M-1-14").toString(), vector("v1.4/mandatory/CS-BC-M-1-14").toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                SKIP  MSGENC-XML-M-1-14  needs --https
                SKIP  CS-BC-M-1-14  profile CS-BC skipped (--skip-profile)
                0 passed, 0 failed, 2 skipped
                """);
        assertThat(Files.readString(junit)).contains("<testsuite name=\"kmip-conformance\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"2\"");
        assertThat(Files.readString(md)).contains("| MSGENC-XML-M-1-14 | SKIP | needs --https |");
    }

    @Test
    void anUnreachableServerFailsEveryFileAndTheExitStatus() throws Exception {
        int port = closedPort();
        CliRun r = CliRun.of(args("--server", "127.0.0.1:" + port, vector("v1.4/mandatory/CS-BC-M-1-14").toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAIL  CS-BC-M-1-14  connect to 127.0.0.1:" + port + ": ")
                .endsWith("0 passed, 1 failed, 0 skipped\n");
    }

    @Test
    void aMissingKeyIsOneLine() {
        CliRun r = CliRun.of("conformance", "--key", dir.resolve("nope.key").toString(),
                "--ca", dir.resolve("pki/ca.pem").toString(), "--cert", dir.resolve("pki/client.pem").toString(),
                vector("v1.4/mandatory/CS-BC-M-1-14").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kmip: " + dir.resolve("nope.key") + ": not a readable file\n");
    }

    @Test
    void aMissingPathIsOneLine() throws Exception {
        CliRun r = CliRun.of(args("--server", "127.0.0.1:" + closedPort(), dir.resolve("no-such-folder").toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kmip: " + dir.resolve("no-such-folder") + ": no such file\n");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliRun.of(args("--tls-provider", "gnutls", "x")).err())
                .isEqualTo("kmip: --tls-provider: gnutls (expected: auto, openssl or jdk)\n");
        CliRun noPath = CliRun.of("conformance");
        assertThat(noPath.code()).isEqualTo(2);
        assertThat(noPath.err()).startsWith("kmip: Missing required parameter: 'PATH'");
    }
}
