package io.kmipstack.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's side of mutual TLS: its certificate chain (leaf first) and private key, and the CA
 * certificates a client certificate must chain to. Built from objects ({@link #of}) or read from
 * PEM files ({@link #fromPem}: certificates as {@code CERTIFICATE} blocks; the key as PKCS#8
 * {@code PRIVATE KEY}, or the traditional {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}).
 * {@link #toString()} names the subject and never the key.
 */
public record TlsMaterial(
        List<X509Certificate> certificateChain,
        PrivateKey privateKey,
        List<X509Certificate> trustedCertificates) {

    public TlsMaterial {
        certificateChain = List.copyOf(Objects.requireNonNull(certificateChain, "certificateChain"));
        Objects.requireNonNull(privateKey, "privateKey");
        trustedCertificates = List.copyOf(Objects.requireNonNull(trustedCertificates, "trustedCertificates"));
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("certificateChain: empty (expected: at least the server certificate)");
        }
        if (trustedCertificates.isEmpty()) {
            throw new IllegalArgumentException("trustedCertificates: empty (expected: the CA that issues client certificates)");
        }
    }

    public static TlsMaterial of(X509Certificate certificate, PrivateKey privateKey, X509Certificate trustedCa) {
        return new TlsMaterial(List.of(certificate), privateKey, List.of(trustedCa));
    }

    /** Reads the server certificate chain, its key and the trusted client CA(s) from PEM files. */
    public static TlsMaterial fromPem(Path certificateChain, Path privateKey, Path trustedCertificates) throws IOException {
        return new TlsMaterial(readCertificates(certificateChain), readPrivateKey(privateKey),
                readCertificates(trustedCertificates));
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
        Collection<? extends Certificate> found;
        try (InputStream in = Files.newInputStream(file)) {
            found = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate file", e);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : found) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": no certificate (expected: at least one CERTIFICATE block)");
        }
        return out;
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        Object parsed;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            parsed = pem.readObject();
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (parsed instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (parsed instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        throw new IOException(file + ": no unencrypted private key (expected: a PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block)");
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + certificateChain.get(0).getSubjectX500Principal().getName() + ", key="
                + privateKey.getAlgorithm() + " redacted, trusted=" + trustedCertificates.size() + "]";
    }
}
