package io.kmipstack.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate and the private key that matches it: what a TLS peer presents. The key is a JCA
 * {@link PrivateKey} because that is what {@code KeyStore}, {@code KeyManagerFactory} and Netty's
 * {@code SslContextBuilder} take; {@link #toString()} names the subject and never the key, so the
 * record can be logged.
 */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {

    public CertifiedKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The subject distinguished name in RFC 2253 form, e.g. {@code CN=alice}. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "CertifiedKey[subject=" + subject() + ", key=" + privateKey.getAlgorithm() + ", redacted]";
    }
}
