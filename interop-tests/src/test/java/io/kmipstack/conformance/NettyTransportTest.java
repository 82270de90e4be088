package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kmipstack.certs.DevPki;
import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runner's own Netty transport against a mutual-TLS {@link ReplayServer} on loopback: TTLV
 * over TLS with each TLS provider, the three HTTPS encodings, and the ways a connection fails.
 * (The server runs in this JVM on an ephemeral port; nothing is started outside it.)
 */
class NettyTransportTest {

    @TempDir
    static Path dir;
    static ReplayServer server;

    @BeforeAll
    static void start() throws Exception {
        DevPki.builder().build().writeTo(dir);
        DevPki.builder().build().writeTo(dir.resolve("stranger"));
        server = new ReplayServer(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TlsSettings tls(TlsSettings.Provider provider) {
        return new TlsSettings(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key"), provider, true);
    }

    private static FileResult run(String file, TlsSettings tls, boolean withHttps) throws IOException {
        TestCase tc = Vectors.read(file);
        server.serve(() -> new Replayer(tc, 5, Replayer.Deviation.NONE));
        try (Transport t = Transports.netty(server.ttlvEndpoint(), withHttps ? server.httpsEndpoint() : null, null, tls)) {
            return ConformanceRunner.builder(t).timeout(Duration.ofSeconds(10)).build().run(tc);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void ttlvOverMutualTls(TlsSettings.Provider provider) throws IOException {
        assumeTrue(provider != TlsSettings.Provider.OPENSSL || OpenSsl.isAvailable(),
                "netty-tcnative does not load on this platform: " + OpenSsl.unavailabilityCause());
        FileResult r = run("v1.4/mandatory/CS-BC-M-GCM-1-14", tls(provider), false);
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
        Replayer replayer = server.replayers().get(server.replayers().size() - 1);
        assertThat(replayer.problems()).isEmpty();
        assertThat(replayer.answered()).isEqualTo(Vectors.read("v1.4/mandatory/CS-BC-M-GCM-1-14").size());
    }

    @Test
    void eachMessageEncodingOverHttps() throws IOException {
        server.httpRequests().clear();
        for (String f : List.of("MSGENC-HTTPS-M-1-14", "MSGENC-XML-M-1-14", "MSGENC-JSON-M-1-14")) {
            FileResult r = run("v1.4/mandatory/" + f, tls(TlsSettings.Provider.AUTO), true);
            assertThat(r.verdict()).as(f + ": " + r.detail()).isEqualTo(Verdict.PASS);
        }
        assertThat(server.httpRequests()).containsExactly(
                "POST /kmip application/octet-stream", "POST /kmip application/octet-stream",
                "POST /kmip text/xml", "POST /kmip text/xml",
                "POST /kmip application/json", "POST /kmip application/json");
    }

    @Test
    void httpsFilesNeedAnHttpsEndpoint() throws IOException {
        FileResult r = run("v1.4/mandatory/MSGENC-JSON-M-1-14", tls(TlsSettings.Provider.AUTO), false);
        assertThat(r.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(r.detail()).isEqualTo("needs --https");
    }

    @Test
    void aServerFromAnotherCaFailsTheHandshake() throws IOException {
        TlsSettings wrongCa = new TlsSettings(dir.resolve("stranger/ca.pem"), dir.resolve("client.pem"),
                dir.resolve("client.key"), TlsSettings.Provider.AUTO, true);
        FileResult r = run("v1.4/mandatory/CS-BC-M-GCM-1-14", wrongCa, false);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.message()).isZero();
        assertThat(r.detail()).startsWith("TLS handshake with 127.0.0.1:");
    }

    @Test
    void aRefusedConnectionFailsTheFile() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        TestCase tc = Vectors.read("v1.4/mandatory/CS-BC-M-GCM-1-14");
        try (Transport t = Transports.netty(new Endpoint("127.0.0.1", port), null, null, tls(TlsSettings.Provider.AUTO))) {
            FileResult r = ConformanceRunner.builder(t).timeout(Duration.ofSeconds(5)).build().run(tc);
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).startsWith("connect to 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws IOException {
        server.silent(true);
        try {
            TestCase tc = Vectors.read("v1.4/mandatory/CS-BC-M-GCM-1-14");
            server.serve(() -> new Replayer(tc, 5, Replayer.Deviation.NONE));
            try (Transport t = Transports.netty(server.ttlvEndpoint(), null, null, tls(TlsSettings.Provider.AUTO))) {
                FileResult r = ConformanceRunner.builder(t).timeout(Duration.ofMillis(300)).build().run(tc);
                assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(r.detail()).isEqualTo("message 1: no response within 300 ms");
            }
        } finally {
            server.silent(false);
        }
    }

    @Test
    void missingKeyFilesFailBeforeAnyFileRuns() {
        TlsSettings missing = new TlsSettings(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("nope.key"),
                TlsSettings.Provider.AUTO, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transports.netty(server.ttlvEndpoint(), null, null, missing))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("nope.key: not a readable file");
    }
}
