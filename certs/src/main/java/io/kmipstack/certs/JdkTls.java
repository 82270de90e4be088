package io.kmipstack.certs;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK {@link SSLContext}s over certificates of this module, for code that talks TLS without Netty:
 * raw sockets in tests, relays, the JUnit extension's settings. One place builds the in-memory
 * key and trust stores, so every such peer presents and checks certificates the same way.
 */
public final class JdkTls {

    private JdkTls() {
    }

    /**
     * A context presenting {@code own} (none when null) and trusting only {@code trustedCa}; its
     * socket factories make clients, its server socket factories servers.
     *
     * @throws IllegalStateException if the JDK refuses the key or certificate
     */
    public static SSLContext context(CertifiedKey own, X509Certificate trustedCa) {
        return context(own, new X509Certificate[] {own == null ? null : own.certificate()}, trustedCa);
    }

    /**
     * As {@link #context(CertifiedKey, X509Certificate)}, presenting {@code chain} (the own
     * certificate first, then the certificates that issued it) with {@code own}'s key.
     */
    public static SSLContext context(CertifiedKey own, X509Certificate[] chain, X509Certificate trustedCa) {
        try {
            KeyManager[] keyManagers = null;
            if (own != null) {
                char[] password = new char[0];
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("own", own.privateKey(), password, chain);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
                keyManagers = kmf.getKeyManagers();
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trustedCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("TLS context for " + (own == null ? "no identity" : own.subject()) + ": "
                    + e.getMessage(), e);
        }
    }
}
