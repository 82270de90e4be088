package io.kmipstack.benchmarks.load;

import io.kmipstack.client.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * TLS contexts for the raw connections of the echo ceiling and the connection benchmark, built the
 * way the client and the server build theirs, so that the ceiling runs the same TLS code: the
 * client's provider choice, protocols and suites from {@link TlsOptions}; the server's mutual TLS
 * with TLS 1.3 and 1.2, Netty's default suites, BoringSSL when it loads. If either of those
 * changes, change this with it.
 */
final class BenchTls {

    private static final String[] SERVER_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private BenchTls() {
    }

    static SslProvider provider(TlsOptions options) {
        return switch (options.provider()) {
            case JDK -> SslProvider.JDK;
            case OPENSSL -> SslProvider.OPENSSL;
            case AUTO -> OpenSsl.isAvailable() && !options.rsaCbcSuites() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    static SslContext client(TlsOptions options) {
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(provider(options))
                .protocols(options.protocols())
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

    static SslContext server(PrivateKey key, X509Certificate certificate, X509Certificate trustedCa) {
        try {
            return SslContextBuilder.forServer(key, certificate)
                    .trustManager(trustedCa)
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(SERVER_PROTOCOLS)
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("TLS context: " + e.getMessage(), e);
        }
    }

    /** The provider name as the report prints it. */
    static String providerName(TlsOptions options) {
        return provider(options) == SslProvider.OPENSSL ? "BoringSSL" : "JDK";
    }
}
