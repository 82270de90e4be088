package io.kmipstack.client;

/**
 * Which TLS implementation the client uses. {@link #OPENSSL} is BoringSSL through netty-tcnative
 * (faster handshakes, no JDK TLS quirks); {@link #JDK} is the JDK's own SSLEngine; {@link #AUTO}
 * takes OpenSSL when its native library loads on this platform and the JDK otherwise.
 *
 * <p>BoringSSL does not implement the CBC-SHA256 cipher suites of the KMIP TLS 1.2 profile
 * ({@code TLS_RSA_WITH_AES_128_CBC_SHA256} and {@code ..._256_CBC_SHA256}); a client that must offer
 * them to a legacy server uses {@link #JDK}.
 */
public enum TlsProvider {
    AUTO,
    OPENSSL,
    JDK
}
