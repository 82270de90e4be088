package io.kmipstack.server;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.DevPki;
import io.kmipstack.certs.JdkTls;
import javax.net.ssl.SSLContext;

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
        return JdkTls.context(client, PKI.ca().certificate());
    }
}
