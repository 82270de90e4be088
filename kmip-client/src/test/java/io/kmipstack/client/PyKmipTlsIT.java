package io.kmipstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.testing.PyKmipServer;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.QueryFunction;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KMIP TLS 1.2 profile's mandatory suites against PyKMIP with RSA certificates: PyKMIP's
 * TLS1.2 suite offers no AES-GCM suite for RSA keys, so the client's default (ECDHE with AES-GCM)
 * finds nothing in common, and enabling {@code TLS_RSA_WITH_AES_*_CBC_SHA256} (on the JDK
 * provider, BoringSSL lacking them) connects.
 */
class PyKmipTlsIT {

    @TempDir
    static Path dir;

    private static PyKmipServer server;
    private static DevPki pki;

    @BeforeAll
    static void startServer() throws Exception {
        Assumptions.assumeTrue(PyKmipServer.installed(), "PyKMIP is not installed (bin/test installs Debian python3-pykmip)");
        pki = DevPki.builder().rsa(true).build();
        server = PyKmipServer.start(dir, pki);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static KmipClientOptions options(TlsOptions tls) {
        return KmipClientOptions.builder().endpoint("127.0.0.1", server.port()).tls(tls).version(KmipVersion.V1_2)
                .retries(0).connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(20)).build();
    }

    static TlsOptions.Builder tls() {
        return TlsOptions.builder().trust(pki.ca().certificate()).key(pki.client().privateKey(), pki.client().certificate());
    }

    @Test
    void defaultSuitesFindNothingInCommonWithRsaCertificates() {
        try (KmipClient client = KmipClient.create(options(tls().build()))) {
            assertThatThrownBy(() -> client.sync().query(QueryFunction.QUERY_OPERATIONS))
                    .isInstanceOf(KmipConnectionException.class)
                    .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.port());
        }
    }

    @Test
    void theProfilesRsaCbcSuitesConnectWhenEnabled() {
        try (KmipClient client = KmipClient.create(options(tls().rsaCbcSuites(true).build()))) {
            assertThat(client.sync().query(QueryFunction.QUERY_OPERATIONS).operations()).contains(Operation.QUERY);
        }
    }
}
