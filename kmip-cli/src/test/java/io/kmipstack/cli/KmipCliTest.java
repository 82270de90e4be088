package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmipCliTest {

    private static final String[] CORE = {"ca.pem", "server.pem", "server.key", "client.pem", "client.key"};

    @Test
    void certsInitWritesTheFiveFilesAndSaysSo(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("pki");
        CliRun r = CliRun.of("certs", "init", "--dir", dir.toString(), "--cn", "alice", "--extra-client", "bob");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String f : CORE) {
            assertThat(dir.resolve(f)).isRegularFile();
            assertThat(r.out()).contains(f);
        }
        assertThat(dir.resolve("client-bob.pem")).isRegularFile();
        assertThat(dir.resolve("client-expired.key")).isRegularFile();
        assertThat(r.out()).startsWith("Wrote a dev PKI (EC P-256) to " + dir + ":\n")
                .contains("client, CN=alice").contains("client, CN=bob").contains("16 files; valid until ");

        X509Certificate client = Pem.readCertificate(dir.resolve("client.pem"));
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        client.verify(Pem.readCertificate(dir.resolve("ca.pem")).getPublicKey());
    }

    @Test
    void certsInitRefusesASecondTimeUnlessForced(@TempDir Path dir) throws Exception {
        assertThat(CliRun.of("certs", "init", "--dir", dir.toString()).code()).isZero();
        byte[] ca = Files.readAllBytes(dir.resolve("ca.pem"));

        CliRun again = CliRun.of("certs", "init", "--dir", dir.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("kmip: " + dir + " already holds a dev PKI (use --force to replace it)\n");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(ca);

        CliRun forced = CliRun.of("certs", "init", "--dir", dir.toString(), "--force");
        assertThat(forced.code()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isNotEqualTo(ca);
    }

    @Test
    void certsInitWillNotReplaceAnyFileOfAPartialPki(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("server.key"), "mine");
        CliRun r = CliRun.of("certs", "init", "--dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kmip: " + dir + " already holds server.key (use --force to replace)\n");
        assertThat(Files.readString(dir.resolve("server.key"))).isEqualTo("mine");
        assertThat(dir.resolve("ca.pem")).doesNotExist();
    }

    @Test
    void certsInitDefaultsToCertsDevUnderTheCheckout(@TempDir Path home) {
        String saved = System.getProperty(KmipCli.HOME_PROPERTY);
        System.setProperty(KmipCli.HOME_PROPERTY, home.toString());
        try {
            CliRun r = CliRun.of("certs", "init", "--rsa");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Wrote a dev PKI (RSA-2048) to " + home.resolve("certs/dev") + ":\n");
            assertThat(home.resolve("certs/dev/server.key")).isRegularFile();
        } finally {
            if (saved == null) {
                System.clearProperty(KmipCli.HOME_PROPERTY);
            } else {
                System.setProperty(KmipCli.HOME_PROPERTY, saved);
            }
        }
    }

    @Test
    void certsInitRejectsAClientNameThatIsNoFileName(@TempDir Path dir) {
        CliRun r = CliRun.of("certs", "init", "--dir", dir.toString(), "--extra-client", "../x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("kmip: extra client CN: '../x' (expected: ").hasLineCount(1);
    }

    @Test
    void serverWithoutDevOrConfiguredTlsIsAUsageError() {
        CliRun r = CliRun.of("server", "--port", "5696", "--store", "memory");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(
                "kmip: no TLS material: use --dev (dev PKI in certs/dev) or --config with a tls: section\n");
    }

    @Test
    void unknownOptionsAndCommandsAreOneLineUsageErrors() {
        CliRun r = CliRun.of("server", "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("kmip: Unknown option: '--frobnicate' (see 'kmip server --help')\n");

        CliRun c = CliRun.of("certs");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).startsWith("kmip: Missing required subcommand").hasLineCount(1);
    }

    @Test
    void noArgumentsPrintsUsage() {
        CliRun r = CliRun.of();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("Usage: kmip").contains("certs").contains("ttlv").contains("server");
    }

    @Test
    void helpAndVersionGoToStandardOutput() {
        CliRun help = CliRun.of("ttlv", "decode", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: kmip ttlv decode").contains("HEX|@FILE|-");
        CliRun version = CliRun.of("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("kmip ");
    }
}
