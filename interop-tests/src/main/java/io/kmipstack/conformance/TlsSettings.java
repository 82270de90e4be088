package io.kmipstack.conformance;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * The client side of mutual TLS: the CA certificates that sign the server's certificate, the
 * client certificate chain and its private key (PEM files), whether to check the server's name
 * against its certificate, and which TLS implementation to use. TLS 1.3 and 1.2 are offered
 * (KMIP profiles require 1.2; a server may pick 1.3).
 */
public record TlsSettings(Path ca, Path certificate, Path key, Provider provider, boolean verifyHostname) {

    /** Which TLS implementation to use. */
    public enum Provider {
        /** OpenSSL (BoringSSL through netty-tcnative) when it loads on this platform, else the JDK's. */
        AUTO,
        /** BoringSSL through netty-tcnative; fails if it does not load. */
        OPENSSL,
        /** The JDK's own TLS. */
        JDK
    }

    public TlsSettings {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(provider, "provider");
    }

    /** Settings with {@link Provider#AUTO} and host name verification on. */
    public static TlsSettings of(Path ca, Path certificate, Path key) {
        return new TlsSettings(ca, certificate, key, Provider.AUTO, true);
    }

    /** The provider {@link Provider#AUTO} resolves to here. */
    public SslProvider sslProvider() {
        return switch (provider) {
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> SslProvider.OPENSSL;
            case JDK -> SslProvider.JDK;
        };
    }

    SslContext clientContext() throws IOException {
        for (Path p : new Path[] {ca, certificate, key}) {
            if (!Files.isReadable(p)) {
                throw new IOException(p + ": not a readable file");
            }
        }
        if (provider == Provider.OPENSSL && !OpenSsl.isAvailable()) {
            throw new IOException("OpenSSL TLS is not available here: " + OpenSsl.unavailabilityCause());
        }
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(sslProvider())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(ca.toFile())
                    .keyManager(certificate.toFile(), key.toFile())
                    .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("TLS settings (" + ca + ", " + certificate + ", " + key + "): " + e.getMessage(), e);
        }
    }
}
