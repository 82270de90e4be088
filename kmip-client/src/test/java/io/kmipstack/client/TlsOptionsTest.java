package io.kmipstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material from PEM and PKCS#12 files, the default suites, and refusals that name the file. */
class TlsOptionsTest {

    @TempDir
    static Path dir;
    private static DevPki pki;

    @BeforeAll
    static void write() throws Exception {
        pki = DevPki.builder().build();
        pki.writeTo(dir);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", pki.client().privateKey(), "changeit".toCharArray(),
                new Certificate[] {pki.client().certificate(), pki.ca().certificate()});
        try (OutputStream out = Files.newOutputStream(dir.resolve("client.p12"))) {
            ks.store(out, "changeit".toCharArray());
        }
    }

    @Test
    void readsPemFilesAsDevPkiWritesThem() {
        TlsOptions t = TlsOptions.builder().trustPem(dir.resolve(DevPki.CA_PEM))
                .keyPem(dir.resolve(DevPki.CLIENT_PEM), dir.resolve(DevPki.CLIENT_KEY)).build();
        assertThat(t.trustedCertificates()).containsExactly(pki.ca().certificate());
        assertThat(t.certificateChain().get(0)).isEqualTo(pki.client().certificate());
        assertThat(t.privateKey().getEncoded()).isEqualTo(pki.client().privateKey().getEncoded());
        assertThat(t.toString()).contains("CN=" + DevPki.DEFAULT_CLIENT_CN).doesNotContain("BEGIN");
    }

    @Test
    void readsAPkcs12Store() {
        TlsOptions t = TlsOptions.builder().trust(pki.ca().certificate()).pkcs12(dir.resolve("client.p12"), "changeit".toCharArray()).build();
        assertThat(t.certificateChain()).containsExactly(pki.client().certificate(), pki.ca().certificate());
        assertThat(t.privateKey().getEncoded()).isEqualTo(pki.client().privateKey().getEncoded());
    }

    @Test
    void refusalsNameTheFile() {
        Path p12 = dir.resolve("client.p12");
        assertThatThrownBy(() -> TlsOptions.builder().pkcs12(p12, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(p12 + ": PKCS#12 store cannot be read");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(missing)).hasMessage(missing + ": no such file");
        Path key = dir.resolve(DevPki.CLIENT_KEY);
        assertThatThrownBy(() -> TlsOptions.builder().trustPem(key)).hasMessageStartingWith(key + ": no certificate");
        Path cert = dir.resolve(DevPki.CLIENT_PEM);
        assertThatThrownBy(() -> TlsOptions.builder().keyPem(cert, cert)).hasMessageStartingWith(cert + ": no private key");
        assertThatThrownBy(() -> TlsOptions.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TlsOptions.builder().protocols("TLSv1.1")).hasMessage("TLS protocol: TLSv1.1 (expected: TLSv1.2 or TLSv1.3)");
    }

    @Test
    void offersTls13AndEcdheGcmUnlessTheProfilesRsaSuitesAreEnabled() {
        TlsOptions plain = TlsOptions.builder().trust(pki.ca().certificate()).build();
        assertThat(plain.cipherSuites()).containsAll(TlsOptions.TLS13_CIPHER_SUITES).containsAll(TlsOptions.TLS12_CIPHER_SUITES)
                .doesNotContainAnyElementsOf(TlsOptions.TLS12_RSA_CBC_CIPHER_SUITES)
                .allMatch(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_") || (s.startsWith("TLS_ECDHE_") && s.contains("_GCM_")));
        TlsOptions legacy = TlsOptions.builder().trust(pki.ca().certificate()).rsaCbcSuites(true).build();
        assertThat(legacy.cipherSuites()).containsAll(TlsOptions.TLS12_RSA_CBC_CIPHER_SUITES);
        // BoringSSL lacks the CBC-SHA256 suites, so AUTO picks the JDK when they are wanted.
        assertThat(TlsContexts.provider(legacy)).isEqualTo(io.netty.handler.ssl.SslProvider.JDK);
        assertThat(plain.hostnameVerification()).isTrue();
    }
}
