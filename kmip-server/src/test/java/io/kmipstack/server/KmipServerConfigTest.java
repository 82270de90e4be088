package io.kmipstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmipServerConfigTest {

    @Test
    void everySettingMapsOntoTheBuilder(@TempDir Path dir) throws IOException {
        TestPki.PKI.writeTo(dir.resolve("certs"));
        Path file = dir.resolve("kmip.yaml");
        Files.writeString(file, """
                host: 0.0.0.0
                port: 15696
                httpsPort: 15697
                tls:
                  certificate: certs/server.pem
                  key: certs/server.key
                  clientCa: certs/ca.pem
                identity: dn
                store: memory
                admins: [ops, root]
                users:
                  - {username: carol, password: "correct horse"}
                devices:
                  - {name: tape-7, serialNumber: SN-7, password: "drive secret"}
                credentialNamesRequester: true
                limits: {maxMessageSize: 65536, maxBatchItems: 10, maxConnections: 5}
                idleTimeout: 90s
                shutdownTimeout: PT2M
                workerThreads: 3
                """);

        KmipServerConfig c = KmipServerConfig.load(file);
        KmipServer.Builder b = c.applyTo(KmipServer.builder(), dir);

        assertThat(b.host).isEqualTo("0.0.0.0");
        assertThat(b.port).isEqualTo(15696);
        assertThat(b.httpsPort).isEqualTo(15697);
        assertThat(b.tls.certificateChain().get(0)).isEqualTo(TestPki.PKI.server().certificate());
        assertThat(b.tls.trustedCertificates()).containsExactly(TestPki.PKI.ca().certificate());
        assertThat(b.identitySource).isEqualTo(IdentitySource.SUBJECT_DN);
        assertThat(c.storeKind()).isEqualTo("memory");
        assertThat(b.admins).containsExactly("ops", "root");
        assertThat(b.users).containsExactly(new UserAccount("carol", "correct horse"));
        assertThat(b.devices).extracting(DeviceAccount::name).containsExactly("tape-7");
        assertThat(b.credentialNamesRequester).isTrue();
        assertThat(b.limits).isEqualTo(new ServerLimits(65536, 10, 5));
        assertThat(b.idleTimeout).isEqualTo(Duration.ofSeconds(90));
        assertThat(b.shutdownTimeout).isEqualTo(Duration.ofMinutes(2));
        assertThat(b.workerThreads).isEqualTo(3);
        assertThat(c.toString()).doesNotContain("correct horse").doesNotContain("drive secret");
    }

    @Test
    void aMisspeltSettingIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kmip.yaml");
        Files.writeString(file, "prot: 5696\n");

        assertThatThrownBy(() -> KmipServerConfig.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown setting 'prot'");
    }

    @Test
    void badValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> KmipServerConfig.duration("idleTimeout", "soon"))
                .hasMessage("idleTimeout: soon (expected: e.g. 90s, 5m, 1h or PT5M)");
        KmipServerConfig badStore = new KmipServerConfig(null, null, null, null, null, "postgres", null, null, null, null,
                null, null, null, null, null, null, null);
        assertThatThrownBy(badStore::storeKind).hasMessage("store: postgres (expected: sqlite or memory)");
    }

    @Test
    void pemFilesAreReadFromDisk(@TempDir Path dir) throws IOException {
        DevPki pki = TestPki.PKI;
        pki.writeTo(dir);
        TlsMaterial tls = TlsMaterial.fromPem(dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem"));

        assertThat(tls.privateKey().getEncoded()).isEqualTo(pki.server().privateKey().getEncoded());
        assertThat(tls.toString()).contains("redacted").doesNotContain("BEGIN");
    }
}
