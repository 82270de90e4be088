package io.kmipstack.client;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;

/** Turns {@link TlsOptions} into a Netty client {@link SslContext}. */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * The provider {@code options} resolve to. AUTO prefers OpenSSL, except when the KMIP profile's
     * CBC-SHA256 suites are enabled: BoringSSL lacks them, so the JDK is the one that can offer them.
     */
    static SslProvider provider(TlsOptions options) {
        return switch (options.provider()) {
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("TLS provider OPENSSL: netty-tcnative is not available on this platform ("
                            + OpenSsl.unavailabilityCause() + ")");
                }
                yield SslProvider.OPENSSL;
            }
            case AUTO -> OpenSsl.isAvailable() && !options.rsaCbcSuites() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    static SslContext create(TlsOptions options) {
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(provider(options))
                .protocols(options.protocols())
                // Drops suites the provider lacks instead of failing; the handshake fails if none is left in common.
                .ciphers(options.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
                .trustManager(options.trustedCertificates())
                .endpointIdentificationAlgorithm(options.hostnameVerification() ? "HTTPS" : null);
        if (options.privateKey() != null) {
            b.keyManager(options.privateKey(), options.certificateChain());
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("TLS context: " + e.getMessage(), e);
        }
    }
}
