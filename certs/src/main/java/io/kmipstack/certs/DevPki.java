package io.kmipstack.certs;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A throw-away PKI for development and tests: a CA, a server certificate for {@code localhost},
 * client certificates by common name, and the certificates a TLS stack must refuse (expired, not
 * yet valid, without the clientAuth extended key usage, issued by a CA nobody trusts). Everything
 * is minted in memory by {@link Builder#build()}; {@link #writeTo(Path)} writes it as PEM files
 * whose names other tools rely on ({@link #CA_PEM}, {@link #SERVER_PEM}, {@link #SERVER_KEY},
 * {@link #CLIENT_PEM}, {@link #CLIENT_KEY}, ...).
 *
 * <p>The refused certificates carry the primary client's common name on purpose: a handshake that
 * fails with them fails because of validity, usage or issuer, not because of who they name. Keys
 * are EC P-256 unless {@link Builder#rsa(boolean)} asks for RSA-2048; the JDK's default providers
 * generate and sign, so nothing is registered with {@code java.security.Security}.
 *
 * <pre>{@code
 * DevPki pki = DevPki.builder().clientCn("alice").addClientCn("bob").build();
 * pki.writeTo(dir);   // ca.pem, server.pem, server.key, client.pem, client.key, client-bob.pem, ...
 * }</pre>
 */
public final class DevPki {

    public static final String CA_PEM = "ca.pem";
    public static final String SERVER_PEM = "server.pem";
    public static final String SERVER_KEY = "server.key";
    public static final String CLIENT_PEM = "client.pem";
    public static final String CLIENT_KEY = "client.key";
    public static final String OTHER_CA_PEM = "other-ca.pem";

    /** The five files a server and a client need; a directory holding all of them is a usable PKI. */
    public static final List<String> CORE_FILES = List.of(CA_PEM, SERVER_PEM, SERVER_KEY, CLIENT_PEM, CLIENT_KEY);

    public static final String DEFAULT_CLIENT_CN = "kmip-client";
    public static final String DEFAULT_CA_CN = "kmipstack dev CA";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(730);

    // Suffixes of the refused client certificates; a chosen extra CN may not take these names.
    private static final String EXPIRED = "expired";
    private static final String NOT_YET_VALID = "not-yet-valid";
    private static final String NO_CLIENT_AUTH = "no-clientauth";
    private static final String OTHER_CA = "other-ca";
    private static final Set<String> RESERVED = Set.of(EXPIRED, NOT_YET_VALID, NO_CLIENT_AUTH, OTHER_CA);

    // Extra client CNs become file names, so they are held to a portable file-name alphabet.
    private static final Pattern FILE_SAFE_CN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_CN_LENGTH = 64; // ub-common-name, RFC 5280 appendix A.1

    private final CertifiedKey ca;
    private final CertifiedKey server;
    private final String clientCn;
    private final Map<String, CertifiedKey> clients; // primary first, then extras in order
    private final CertifiedKey expiredClient;
    private final CertifiedKey notYetValidClient;
    private final CertifiedKey noClientAuthClient;
    private final CertifiedKey otherCa;
    private final CertifiedKey otherCaClient;

    private DevPki(Minter m, Builder b, Instant now) throws GeneralSecurityException {
        Instant notBefore = now.minus(1, ChronoUnit.HOURS); // tolerates clock skew between peers
        Instant notAfter = now.plus(b.validity);
        // The CA predates the expired client certificate, so that one fails only for its own dates.
        Instant caNotBefore = now.minus(7, ChronoUnit.DAYS);

        ca = m.ca(b.caCn, caNotBefore, notAfter);
        server = m.leaf(ca, "localhost", notBefore, notAfter, KeyPurposeId.id_kp_serverAuth, b.serverNames);
        clientCn = b.clientCn;
        Map<String, CertifiedKey> cs = new LinkedHashMap<>();
        cs.put(clientCn, m.client(ca, clientCn, notBefore, notAfter));
        for (String cn : b.extraClientCns) {
            cs.put(cn, m.client(ca, cn, notBefore, notAfter));
        }
        clients = Collections.unmodifiableMap(cs);

        expiredClient = m.client(ca, clientCn, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        notYetValidClient = m.client(ca, clientCn, now.plus(1, ChronoUnit.DAYS), notAfter);
        // An EKU extension that lists only serverAuth: a server certificate offered as a client's.
        // (With no EKU extension at all, every usage would be allowed.)
        noClientAuthClient = m.leaf(ca, clientCn, notBefore, notAfter, KeyPurposeId.id_kp_serverAuth, null);
        otherCa = m.ca("kmipstack other CA", caNotBefore, notAfter);
        otherCaClient = m.client(otherCa, clientCn, notBefore, notAfter);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The self-signed CA that issued the server and the accepted client certificates. */
    public CertifiedKey ca() {
        return ca;
    }

    /** The server certificate: CN and SAN {@code localhost}, SAN IP 127.0.0.1 and ::1, EKU serverAuth. */
    public CertifiedKey server() {
        return server;
    }

    /** The primary client certificate (EKU clientAuth), written as {@link #CLIENT_PEM}. */
    public CertifiedKey client() {
        return clients.get(clientCn);
    }

    /** The client certificate with common name {@code cn}; the primary or one added with {@link Builder#addClientCn}. */
    public CertifiedKey client(String cn) {
        CertifiedKey c = clients.get(cn);
        if (c == null) {
            throw new IllegalArgumentException("client CN: " + cn + " (expected: one of " + clients.keySet() + ")");
        }
        return c;
    }

    public String clientCn() {
        return clientCn;
    }

    /** Every accepted client CN, the primary first. */
    public List<String> clientCns() {
        return List.copyOf(clients.keySet());
    }

    /** Issued by {@link #ca()}, but its validity ended a day ago. */
    public CertifiedKey expiredClient() {
        return expiredClient;
    }

    /** Issued by {@link #ca()}, but valid only from tomorrow. */
    public CertifiedKey notYetValidClient() {
        return notYetValidClient;
    }

    /** Issued by {@link #ca()}, but its extended key usage is serverAuth only. */
    public CertifiedKey noClientAuthClient() {
        return noClientAuthClient;
    }

    /** A second self-signed CA that nothing trusts. */
    public CertifiedKey otherCa() {
        return otherCa;
    }

    /** A well-formed client certificate issued by {@link #otherCa()}. */
    public CertifiedKey otherCaClient() {
        return otherCaClient;
    }

    /** The names {@link #writeTo(Path)} writes, in the order it writes them. */
    public List<String> fileNames() {
        return List.copyOf(files().keySet());
    }

    /**
     * Writes every certificate and key into {@code dir} (created if missing), replacing files of
     * the same name. Each file is written to a temporary file and moved into place, so a reader
     * never sees half a key; key files are created owner-only (0600) where the file system has
     * POSIX permissions, certificates are made 0644.
     *
     * @return the files written, in order
     */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files().entrySet()) {
            Path target = dir.resolve(f.getKey());
            boolean key = f.getKey().endsWith(".key");
            // createTempFile makes the file 0600 before any byte is in it.
            Path tmp = Files.createTempFile(dir, "." + f.getKey() + ".", ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                    w.write(f.getValue());
                }
                if (posix) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(key ? "rw-------" : "rw-r--r--"));
                }
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            written.add(target);
        }
        return written;
    }

    /** True if {@code dir} holds every one of {@link #CORE_FILES}. */
    public static boolean isComplete(Path dir) {
        return CORE_FILES.stream().allMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(CA_PEM, Pem.encode(ca.certificate()));
        put(f, "server", server);
        put(f, "client", client());
        for (String cn : clients.keySet()) {
            if (!cn.equals(clientCn)) {
                put(f, "client-" + cn, clients.get(cn));
            }
        }
        put(f, "client-" + EXPIRED, expiredClient);
        put(f, "client-" + NOT_YET_VALID, notYetValidClient);
        put(f, "client-" + NO_CLIENT_AUTH, noClientAuthClient);
        f.put(OTHER_CA_PEM, Pem.encode(otherCa.certificate()));
        put(f, "client-" + OTHER_CA, otherCaClient);
        return f;
    }

    private static void put(Map<String, String> f, String base, CertifiedKey k) {
        f.put(base + ".pem", Pem.encode(k.certificate()));
        f.put(base + ".key", Pem.encode(k.privateKey()));
    }

    /** Options for {@link DevPki}; every setter returns {@code this}. Not thread-safe. */
    public static final class Builder {

        private String caCn = DEFAULT_CA_CN;
        private String clientCn = DEFAULT_CLIENT_CN;
        private final Set<String> extraClientCns = new LinkedHashSet<>();
        private final List<GeneralName> serverNames = new ArrayList<>();
        private boolean rsa;
        private Duration validity = DEFAULT_VALIDITY;
        private Instant now;

        private Builder() {
        }

        /** Common name of the primary client certificate ({@code client.pem}); default {@value DevPki#DEFAULT_CLIENT_CN}. */
        public Builder clientCn(String cn) {
            this.clientCn = checkCn(cn, "client CN");
            return this;
        }

        /**
         * One more accepted client, written as {@code client-<cn>.pem} / {@code .key}. The name
         * must be usable as a file name: letters, digits, {@code . _ -}, at most 64 characters.
         */
        public Builder addClientCn(String cn) {
            Objects.requireNonNull(cn, "cn");
            if (!FILE_SAFE_CN.matcher(cn).matches()) {
                throw new IllegalArgumentException("extra client CN: '" + cn
                        + "' (expected: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
            }
            if (RESERVED.contains(cn)) {
                throw new IllegalArgumentException("extra client CN: '" + cn + "' (expected: not one of " + RESERVED + ")");
            }
            extraClientCns.add(cn);
            return this;
        }

        /** Common name of the CA; default {@value DevPki#DEFAULT_CA_CN}. */
        public Builder caCn(String cn) {
            this.caCn = checkCn(cn, "CA CN");
            return this;
        }

        /** Another DNS name or IP literal for the server certificate, besides localhost, 127.0.0.1 and ::1. */
        public Builder addServerName(String name) {
            Objects.requireNonNull(name, "name");
            if (IPAddress.isValid(name)) {
                serverNames.add(new GeneralName(GeneralName.iPAddress, name));
            } else if (name.matches("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                serverNames.add(new GeneralName(GeneralName.dNSName, name));
            } else {
                throw new IllegalArgumentException("server name: '" + name + "' (expected: a DNS name or IP address)");
            }
            return this;
        }

        /** RSA-2048 keys instead of EC P-256 (which is the default because it is much faster to mint). */
        public Builder rsa(boolean rsa) {
            this.rsa = rsa;
            return this;
        }

        /** How long from now the CA, server and accepted client certificates stay valid; default 730 days. */
        public Builder validity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            // The not-yet-valid certificate starts in a day and must still end after it starts.
            if (validity.compareTo(Duration.ofDays(2)) < 0) {
                throw new IllegalArgumentException("validity: " + validity + " (expected: >= 2 days)");
            }
            this.validity = validity;
            return this;
        }

        /** The instant validity periods are computed from; default the current time. For tests. */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            return this;
        }

        public DevPki build() {
            if (extraClientCns.contains(clientCn)) {
                throw new IllegalArgumentException("extra client CN: '" + clientCn + "' (expected: not the primary client CN)");
            }
            // Whole seconds: X.509 times have no fractions.
            Instant at = (now != null ? now : Instant.now()).truncatedTo(ChronoUnit.SECONDS);
            try {
                return new DevPki(new Minter(rsa), this, at);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("minting the dev PKI: " + e.getMessage(), e);
            }
        }

        private static String checkCn(String cn, String what) {
            Objects.requireNonNull(cn, what);
            if (cn.isBlank() || cn.length() > MAX_CN_LENGTH) {
                throw new IllegalArgumentException(what + ": '" + cn + "' (expected: 1 to " + MAX_CN_LENGTH + " characters, not blank)");
            }
            return cn;
        }
    }

    /** Key generation and signing for one {@link DevPki}. */
    private static final class Minter {

        private final boolean rsa;
        private final SecureRandom random = new SecureRandom();
        private final JcaX509ExtensionUtils extensions;
        private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

        Minter(boolean rsa) throws GeneralSecurityException {
            this.rsa = rsa;
            this.extensions = new JcaX509ExtensionUtils();
        }

        CertifiedKey ca(String cn, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
            KeyPair keys = keyPair();
            X500Name name = name(cn);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    name, serial(), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            try {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            } catch (CertIOException e) {
                throw new GeneralSecurityException(e);
            }
            return new CertifiedKey(sign(b, keys), keys.getPrivate());
        }

        CertifiedKey client(CertifiedKey issuer, String cn, Instant notBefore, Instant notAfter)
                throws GeneralSecurityException {
            return leaf(issuer, cn, notBefore, notAfter, KeyPurposeId.id_kp_clientAuth, null);
        }

        /**
         * A leaf certificate. {@code extraServerNames} null means no SAN at all (clients);
         * otherwise the SAN holds localhost, 127.0.0.1, ::1 and the extra names.
         */
        CertifiedKey leaf(CertifiedKey issuer, String cn, Instant notBefore, Instant notAfter, KeyPurposeId purpose,
                List<GeneralName> extraServerNames) throws GeneralSecurityException {
            KeyPair keys = keyPair();
            X509Certificate issuerCert = issuer.certificate();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
                    serial(), Date.from(notBefore), Date.from(notAfter), name(cn), keys.getPublic());
            try {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                // RSA TLS 1.2 key exchange needs keyEncipherment; ECDHE with an EC key only signs.
                int usage = KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0);
                b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                b.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
                b.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerCert));
                if (extraServerNames != null) {
                    List<GeneralName> san = new ArrayList<>();
                    san.add(new GeneralName(GeneralName.dNSName, "localhost"));
                    san.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
                    san.add(new GeneralName(GeneralName.iPAddress, "::1"));
                    san.addAll(extraServerNames);
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(san.toArray(GeneralName[]::new)));
                }
            } catch (CertIOException e) {
                throw new GeneralSecurityException(e);
            }
            return new CertifiedKey(sign(b, new KeyPair(issuerCert.getPublicKey(), issuer.privateKey())), keys.getPrivate());
        }

        private X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws GeneralSecurityException {
            String algorithm = rsa ? "SHA256withRSA" : "SHA256withECDSA";
            try {
                return converter.getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
            } catch (OperatorCreationException e) {
                throw new GeneralSecurityException(e);
            }
        }

        private KeyPair keyPair() throws GeneralSecurityException {
            KeyPairGenerator g;
            if (rsa) {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, random);
            } else {
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return g.generateKeyPair();
        }

        /** A positive 126-bit random serial: unique in practice and within RFC 5280's 20 octets. */
        private BigInteger serial() {
            return new BigInteger(126, random).setBit(125);
        }

        private static X500Name name(String cn) {
            // The builder escapes whatever characters the CN holds.
            return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
        }
    }
}
