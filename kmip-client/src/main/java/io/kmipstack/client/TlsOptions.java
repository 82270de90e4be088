package io.kmipstack.client;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client's side of mutual TLS: whom it trusts, what it presents, and how it negotiates. The
 * defaults follow the KMIP profiles (KMIP Profiles 1.4 section 3.1, 2.1 section 4.1) tightened to
 * current practice: TLS 1.3 with its default suites, or TLS 1.2 with ECDHE and AES-GCM only. The
 * profile's mandatory TLS 1.2 suites {@code TLS_RSA_WITH_AES_128_CBC_SHA256} and
 * {@code TLS_RSA_WITH_AES_256_CBC_SHA256} (no forward secrecy) are offered only after
 * {@link Builder#rsaCbcSuites(boolean)}; the JDK provider implements them, BoringSSL does not.
 * The server's certificate is checked against the endpoint's host name (HTTPS endpoint
 * identification, RFC 2818) unless {@link Builder#hostnameVerification(boolean)} turns it off.
 *
 * <p>Key material is read when the builder method is called, so a wrong path or password fails
 * there, with the file named. {@code toString()} names certificate subjects only.
 */
public final class TlsOptions {

    /** TLS 1.3 suites offered (RFC 8446 section 9.1 mandatory plus the usual two). */
    public static final List<String> TLS13_CIPHER_SUITES =
            List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

    /** TLS 1.2 suites offered by default: ephemeral ECDH with AES-GCM, for ECDSA and RSA certificates. */
    public static final List<String> TLS12_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    /** The KMIP TLS 1.2 profile's mandatory suites, offered only when enabled. */
    public static final List<String> TLS12_RSA_CBC_CIPHER_SUITES =
            List.of("TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256");

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public static final TlsProvider DEFAULT_PROVIDER = TlsProvider.AUTO;

    private final List<X509Certificate> trusted;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final TlsProvider provider;
    private final List<String> protocols;
    private final boolean rsaCbcSuites;
    private final List<String> cipherSuites;
    private final boolean hostnameVerification;

    private TlsOptions(Builder b) {
        this.trusted = List.copyOf(b.trusted);
        this.key = b.key;
        this.chain = List.copyOf(b.chain);
        this.provider = b.provider;
        this.protocols = List.copyOf(b.protocols);
        this.rsaCbcSuites = b.rsaCbcSuites;
        this.cipherSuites = b.cipherSuites == null ? null : List.copyOf(b.cipherSuites);
        this.hostnameVerification = b.hostnameVerification;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The certificates that anchor trust in the server's chain; never empty. */
    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    /** The client's private key, or {@code null} when the client presents no certificate. */
    public PrivateKey privateKey() {
        return key;
    }

    /** The client's certificate chain, leaf first; empty when it presents none. */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    public TlsProvider provider() {
        return provider;
    }

    public List<String> protocols() {
        return protocols;
    }

    public boolean rsaCbcSuites() {
        return rsaCbcSuites;
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** The suites offered, in preference order: the explicit list, or the defaults described above. */
    public List<String> cipherSuites() {
        if (cipherSuites != null) {
            return cipherSuites;
        }
        List<String> out = new ArrayList<>(TLS13_CIPHER_SUITES);
        out.addAll(TLS12_CIPHER_SUITES);
        if (rsaCbcSuites) {
            out.addAll(TLS12_RSA_CBC_CIPHER_SUITES);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "TlsOptions[trusted=" + trusted.size() + " certificate(s), client="
                + (chain.isEmpty() ? "none" : chain.get(0).getSubjectX500Principal().getName())
                + ", provider=" + provider + ", protocols=" + protocols + ", hostnameVerification=" + hostnameVerification + "]";
    }

    /** Builds {@link TlsOptions}; at least one trusted certificate is required. Not thread-safe. */
    public static final class Builder {

        private final List<X509Certificate> trusted = new ArrayList<>();
        private PrivateKey key;
        private List<X509Certificate> chain = List.of();
        private TlsProvider provider = DEFAULT_PROVIDER;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private boolean rsaCbcSuites;
        private List<String> cipherSuites;
        private boolean hostnameVerification = true;

        private Builder() {
        }

        /** Trusts every certificate in a PEM file (a CA bundle). */
        public Builder trustPem(Path caFile) {
            trusted.addAll(KeyMaterialFiles.certificates(Objects.requireNonNull(caFile, "caFile")));
            return this;
        }

        public Builder trust(X509Certificate... certificates) {
            for (X509Certificate c : certificates) {
                trusted.add(Objects.requireNonNull(c, "certificate"));
            }
            return this;
        }

        public Builder trust(List<X509Certificate> certificates) {
            return trust(certificates.toArray(new X509Certificate[0]));
        }

        /** Presents the certificate chain in {@code certificateFile} with the unencrypted PEM key in {@code keyFile}. */
        public Builder keyPem(Path certificateFile, Path keyFile) {
            return keyPem(certificateFile, keyFile, null);
        }

        /** As {@link #keyPem(Path, Path)}, decrypting the key with {@code password} when it is encrypted. */
        public Builder keyPem(Path certificateFile, Path keyFile, char[] password) {
            List<X509Certificate> c = KeyMaterialFiles.certificates(Objects.requireNonNull(certificateFile, "certificateFile"));
            PrivateKey k = KeyMaterialFiles.privateKey(Objects.requireNonNull(keyFile, "keyFile"), password);
            return key(k, c);
        }

        /** Presents the first key entry of a PKCS#12 store. */
        public Builder pkcs12(Path storeFile, char[] password) {
            KeyMaterialFiles.KeyAndChain kc = KeyMaterialFiles.pkcs12(Objects.requireNonNull(storeFile, "storeFile"), password);
            return key(kc.key(), kc.chain());
        }

        public Builder key(PrivateKey privateKey, X509Certificate... certificateChain) {
            return key(privateKey, List.of(certificateChain));
        }

        public Builder key(PrivateKey privateKey, List<X509Certificate> certificateChain) {
            Objects.requireNonNull(privateKey, "privateKey");
            if (certificateChain.isEmpty()) {
                throw new IllegalArgumentException("certificate chain: empty (expected: the client certificate, leaf first)");
            }
            this.key = privateKey;
            this.chain = List.copyOf(certificateChain);
            return this;
        }

        public Builder provider(TlsProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The TLS versions to offer, e.g. {@code "TLSv1.2"} alone for a server that mishandles 1.3. */
        public Builder protocols(String... protocols) {
            for (String p : protocols) {
                if (!p.equals("TLSv1.2") && !p.equals("TLSv1.3")) {
                    throw new IllegalArgumentException("TLS protocol: " + p + " (expected: TLSv1.2 or TLSv1.3)");
                }
            }
            if (protocols.length == 0) {
                throw new IllegalArgumentException("TLS protocols: none (expected: TLSv1.2 and/or TLSv1.3)");
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /** Also offers the KMIP profile's TLS_RSA_WITH_AES_*_CBC_SHA256 suites. */
        public Builder rsaCbcSuites(boolean enable) {
            this.rsaCbcSuites = enable;
            return this;
        }

        /** Replaces the offered suites entirely (names as in the IANA registry). */
        public Builder cipherSuites(List<String> suites) {
            if (suites.isEmpty()) {
                throw new IllegalArgumentException("cipher suites: none (expected: at least one)");
            }
            this.cipherSuites = List.copyOf(suites);
            return this;
        }

        /** Checks the server certificate against the endpoint's host name; on by default. */
        public Builder hostnameVerification(boolean enable) {
            this.hostnameVerification = enable;
            return this;
        }

        public TlsOptions build() {
            if (trusted.isEmpty()) {
                throw new IllegalStateException("trusted certificates: none (expected: trustPem(...) or trust(...))");
            }
            return new TlsOptions(this);
        }
    }
}
