package io.kmipstack.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1"; // RFC 5280 4.2.1.12 id-kp-serverAuth
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"; // id-kp-clientAuth
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static DevPki pki;

    @BeforeAll
    static void mint() {
        pki = DevPki.builder().clientCn("alice").addClientCn("bob").now(NOW).build();
    }

    @Test
    void caIsSelfSignedCertificateAuthority() throws Exception {
        X509Certificate ca = pki.ca().certificate();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0); // -1 means "not a CA"
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(ca.getPublicKey()).isInstanceOf(ECPublicKey.class);
    }

    @Test
    void serverCertificateValidatesAndNamesLocalhost() throws Exception {
        X509Certificate server = pki.server().certificate();
        validate(server, pki.ca().certificate(), NOW);
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(server.getSubjectAlternativeNames())
                .contains(List.of(SAN_DNS, "localhost"), List.of(SAN_IP, "127.0.0.1"));
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(cn(server)).isEqualTo("localhost");
    }

    @Test
    void clientCertificatesCarryTheChosenNamesAndClientAuth() throws Exception {
        assertThat(pki.clientCns()).containsExactly("alice", "bob");
        for (String name : List.of("alice", "bob")) {
            X509Certificate c = pki.client(name).certificate();
            validate(c, pki.ca().certificate(), NOW);
            assertThat(cn(c)).isEqualTo(name);
            assertThat(c.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        }
        assertThat(pki.client()).isSameAs(pki.client("alice"));
        assertThatThrownBy(() -> pki.client("carol"))
                .hasMessage("client CN: carol (expected: one of [alice, bob])");
    }

    @Test
    void expiredClientFailsOnlyForItsDates() throws Exception {
        X509Certificate c = pki.expiredClient().certificate();
        assertThatThrownBy(() -> c.checkValidity(Date.from(NOW))).isInstanceOf(CertificateExpiredException.class);
        assertThat(reasonOf(c, pki.ca().certificate(), NOW)).isEqualTo(CertPathValidatorException.BasicReason.EXPIRED);
        // A day and a half earlier the same chain was valid: nothing else is wrong with it.
        validate(c, pki.ca().certificate(), NOW.minus(Duration.ofHours(36)));
        assertThat(cn(c)).isEqualTo("alice");
    }

    @Test
    void notYetValidClientFailsOnlyForItsDates() throws Exception {
        X509Certificate c = pki.notYetValidClient().certificate();
        assertThatThrownBy(() -> c.checkValidity(Date.from(NOW))).isInstanceOf(CertificateNotYetValidException.class);
        assertThat(reasonOf(c, pki.ca().certificate(), NOW))
                .isEqualTo(CertPathValidatorException.BasicReason.NOT_YET_VALID);
        validate(c, pki.ca().certificate(), NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void noClientAuthClientIsValidButNotForClientAuth() throws Exception {
        X509Certificate c = pki.noClientAuthClient().certificate();
        validate(c, pki.ca().certificate(), NOW); // PKIX itself does not look at the purpose
        assertThat(c.getExtendedKeyUsage()).isNotEmpty().doesNotContain(CLIENT_AUTH);
        assertThat(c.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void otherCaClientFailsAgainstTheDevCa() throws Exception {
        X509Certificate c = pki.otherCaClient().certificate();
        assertThatThrownBy(() -> validate(c, pki.ca().certificate(), NOW)).isInstanceOf(CertPathValidatorException.class);
        validate(c, pki.otherCa().certificate(), NOW); // well-formed, just issued elsewhere
        assertThat(pki.otherCa().certificate().getPublicKey()).isNotEqualTo(pki.ca().certificate().getPublicKey());
    }

    @Test
    void writesPemFilesThatParseBackToTheSameObjects(@TempDir Path dir) throws Exception {
        List<Path> written = pki.writeTo(dir.resolve("nested/pki"));
        Path d = dir.resolve("nested/pki");
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "ca.pem", "server.pem", "server.key", "client.pem", "client.key", "client-bob.pem", "client-bob.key",
                "client-expired.pem", "client-expired.key", "client-not-yet-valid.pem", "client-not-yet-valid.key",
                "client-no-clientauth.pem", "client-no-clientauth.key", "other-ca.pem",
                "client-other-ca.pem", "client-other-ca.key");
        assertThat(pki.fileNames()).hasSize(written.size());
        assertThat(DevPki.isComplete(d)).isTrue();
        try (var s = Files.list(d)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }

        assertThat(Pem.readCertificate(d.resolve("ca.pem"))).isEqualTo(pki.ca().certificate());
        assertThat(Pem.readCertificate(d.resolve("server.pem"))).isEqualTo(pki.server().certificate());
        assertThat(Pem.readCertificate(d.resolve("client-bob.pem"))).isEqualTo(pki.client("bob").certificate());
        assertThat(Pem.readCertificate(d.resolve("client-other-ca.pem"))).isEqualTo(pki.otherCaClient().certificate());
        assertThat(Files.readString(d.resolve("server.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        PrivateKey serverKey = Pem.readPrivateKey(d.resolve("server.key"));
        assertThat(serverKey.getEncoded()).isEqualTo(pki.server().privateKey().getEncoded());
        assertPair(Pem.readPrivateKey(d.resolve("client.key")), Pem.readCertificate(d.resolve("client.pem")).getPublicKey());
        assertPair(Pem.readPrivateKey(d.resolve("client-expired.key")), pki.expiredClient().certificate().getPublicKey());
    }

    @Test
    void keyFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
                "permissions are only set where the file system has POSIX permissions");
        pki.writeTo(dir);
        pki.writeTo(dir); // replacing existing files keeps the modes too
        for (String name : pki.fileNames()) {
            String expected = name.endsWith(".key") ? "rw-------" : "rw-r--r--";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo(expected);
        }
    }

    @Test
    void isCompleteNeedsAllFiveCoreFiles(@TempDir Path dir) throws Exception {
        assertThat(DevPki.isComplete(dir)).isFalse();
        pki.writeTo(dir);
        Files.delete(dir.resolve(DevPki.CLIENT_KEY));
        assertThat(DevPki.isComplete(dir)).isFalse();
    }

    @Test
    void rsaKeysWhenAsked() throws Exception {
        DevPki rsa = DevPki.builder().rsa(true).now(NOW).build();
        assertThat(rsa.server().certificate().getPublicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) rsa.client().certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(rsa.server().certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        validate(rsa.server().certificate(), rsa.ca().certificate(), NOW);
        validate(rsa.client().certificate(), rsa.ca().certificate(), NOW);
        assertThat(rsa.server().certificate().getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(cn(rsa.client().certificate())).isEqualTo(DevPki.DEFAULT_CLIENT_CN);
    }

    @Test
    void extraServerNamesJoinTheDefaults() throws Exception {
        DevPki p = DevPki.builder().addServerName("kmip.example").addServerName("10.0.0.7").now(NOW).build();
        assertThat(p.server().certificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(SAN_DNS, "localhost"), List.of(SAN_IP, "127.0.0.1"), List.of(SAN_IP, "0:0:0:0:0:0:0:1"),
                List.of(SAN_DNS, "kmip.example"), List.of(SAN_IP, "10.0.0.7"));
    }

    @Test
    void rejectsNamesThatCannotBeFileNames() {
        var b = DevPki.builder();
        assertThatThrownBy(() -> b.addClientCn("../etc/passwd"))
                .hasMessageStartingWith("extra client CN: '../etc/passwd' (expected: 1 to 64 of");
        assertThatThrownBy(() -> b.addClientCn("expired")).hasMessageStartingWith("extra client CN: 'expired' (expected: not one of");
        assertThatThrownBy(() -> b.clientCn(" ")).hasMessage("client CN: ' ' (expected: 1 to 64 characters, not blank)");
        assertThatThrownBy(() -> DevPki.builder().clientCn("x").addClientCn("x").build())
                .hasMessage("extra client CN: 'x' (expected: not the primary client CN)");
        assertThatThrownBy(() -> b.validity(Duration.ofHours(5))).hasMessage("validity: PT5H (expected: >= 2 days)");
    }

    @Test
    void primaryCnMayHoldCharactersThatNeedEscaping() throws Exception {
        DevPki p = DevPki.builder().clientCn("Smith, John+admin").now(NOW).build();
        assertThat(cn(p.client().certificate())).isEqualTo("Smith, John+admin");
    }

    @Test
    void certifiedKeyDoesNotPrintTheKey() {
        assertThat(pki.client().toString()).isEqualTo("CertifiedKey[subject=CN=alice, key=EC, redacted]");
    }

    @Test
    void everyBuildMintsFreshKeysAndSerials() {
        DevPki again = DevPki.builder().clientCn("alice").now(NOW).build();
        assertThat(again.ca().certificate().getPublicKey()).isNotEqualTo(pki.ca().certificate().getPublicKey());
        assertThat(again.client().certificate().getSerialNumber()).isNotEqualTo(pki.client().certificate().getSerialNumber());
        assertThat(pki.client().certificate().getSerialNumber().signum()).isPositive();
    }

    static void validate(X509Certificate leaf, X509Certificate anchor, Instant at) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
    }

    private static CertPathValidatorException.Reason reasonOf(X509Certificate leaf, X509Certificate anchor, Instant at) {
        try {
            validate(leaf, anchor, at);
        } catch (CertPathValidatorException e) {
            return e.getReason();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("validated, but expected a failure");
    }

    private static String cn(X509Certificate c) throws Exception {
        return new LdapName(c.getSubjectX500Principal().getName()).getRdns().stream()
                .filter(r -> r.getType().equalsIgnoreCase("CN"))
                .map(r -> r.getValue().toString())
                .findFirst().orElseThrow();
    }

    private static void assertPair(PrivateKey priv, PublicKey pub) throws Exception {
        String alg = pub.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] data = "proof of possession".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(priv);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(pub);
        v.update(data);
        assertThat(v.verify(sig)).isTrue();
    }
}
