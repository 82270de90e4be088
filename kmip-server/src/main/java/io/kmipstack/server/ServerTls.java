package io.kmipstack.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The server's TLS settings, the same for the TTLV and the HTTPS port: mutual TLS (a client
 * certificate that chains to a trusted CA is required), TLS 1.3 and 1.2 only (the KMIP profiles
 * ask for 1.2 or later; older versions are refused in the handshake), Netty's default cipher
 * suites. BoringSSL (netty-tcnative) is used when it loads on this platform, the JDK's provider
 * otherwise; both check the client certificate with the JDK trust manager (validity, chain, and
 * the clientAuth extended key usage).
 */
final class ServerTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    static SslContext context(TlsMaterial tls) {
        try {
            return SslContextBuilder
                    .forServer(tls.privateKey(), tls.certificateChain().toArray(new X509Certificate[0]))
                    .trustManager(tls.trustedCertificates().toArray(new X509Certificate[0]))
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(PROTOCOLS)
                    .sslProvider(provider())
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("TLS material: not usable (" + e.getMessage() + ")", e);
        }
    }
}
