package io.kmipstack.junit;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.JdkTls;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a test reaches the server {@link KmipServerExtension} started: address, ports, and the
 * client's TLS material both as PEM files (for tools and clients configured by path) and in memory.
 * {@code httpsPort} is -1 unless HTTPS was asked for. {@link #toString()} never prints the key.
 */
public record KmipConnectionSettings(
        String host,
        int port,
        int httpsPort,
        Path caPem,
        Path clientCertificatePem,
        Path clientKeyPem,
        X509Certificate caCertificate,
        X509Certificate clientCertificate,
        PrivateKey clientKey) {

    public KmipConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(clientCertificatePem, "clientCertificatePem");
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    /** A JDK TLS context that presents the client certificate and trusts the test CA. */
    public SSLContext sslContext() {
        return JdkTls.context(new CertifiedKey(clientCertificate, clientKey), caCertificate);
    }

    @Override
    public String toString() {
        return "KmipConnectionSettings[" + host + ":" + port + (httpsPort < 0 ? "" : ", https " + httpsPort) + ", client "
                + clientCertificate.getSubjectX500Principal().getName() + ", ca " + caPem + ", key redacted]";
    }
}
