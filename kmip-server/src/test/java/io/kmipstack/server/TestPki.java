package io.kmipstack.server;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.DevPki;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** One dev PKI for the whole test run (minting keys is the slow part), and JDK TLS contexts over it. */
final class TestPki {

    static final DevPki PKI = DevPki.builder().clientCn("alice").addClientCn("bob").addClientCn("ops").build();

    private TestPki() {
    }

    static TlsMaterial serverTls() {
        return TlsMaterial.of(PKI.server().certificate(), PKI.server().privateKey(), PKI.ca().certificate());
    }

    /** A client context presenting {@code client} (or no certificate when null) and trusting the dev CA. */
    static SSLContext clientContext(CertifiedKey client) {
        try {
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("client", client.privateKey(), new char[0], new X509Certificate[] {client.certificate()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", PKI.ca().certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
