package io.kmipstack.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The minted certificates in the JDK's own TLS stack, through two in-memory {@link SSLEngine}s:
 * the server demands a client certificate and the client checks the server's name, as the KMIP
 * server and client will. The refused client certificates must fail the handshake on the server.
 */
class TlsHandshakeTest {

    private static DevPki pki;

    @BeforeAll
    static void mint() {
        pki = DevPki.builder().clientCn("alice").build(); // real time: the JDK validates against the clock
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutualHandshakeCompletes(String protocol) throws Exception {
        Outcome o = handshake(pki, pki.client(), pki.ca().certificate(), "localhost", protocol);
        assertThat(o.failure).isNull();
        assertThat(o.serverSawClient).isEqualTo("CN=alice");
    }

    @Test
    void serverIsAlsoValidFor127001() throws Exception {
        assertThat(handshake(pki, pki.client(), pki.ca().certificate(), "127.0.0.1", "TLSv1.3").failure).isNull();
    }

    @Test
    void rsaPkiWorksToo() throws Exception {
        DevPki rsa = DevPki.builder().rsa(true).build();
        assertThat(handshake(rsa, rsa.client(), rsa.ca().certificate(), "localhost", "TLSv1.2").failure).isNull();
    }

    @Test
    void clientRejectsServerUnderAnotherName() throws Exception {
        Outcome o = handshake(pki, pki.client(), pki.ca().certificate(), "kmip.example", "TLSv1.3");
        assertThat(o.failedSide).isEqualTo("client");
        assertThat(causes(o.failure)).hasAtLeastOneElementOfType(CertificateException.class);
    }

    @Test
    void serverRejectsExpiredClient() throws Exception {
        assertThat(causes(rejectedByServer(pki.expiredClient()))).hasAtLeastOneElementOfType(CertificateExpiredException.class);
    }

    @Test
    void serverRejectsNotYetValidClient() throws Exception {
        assertThat(causes(rejectedByServer(pki.notYetValidClient())))
                .hasAtLeastOneElementOfType(CertificateNotYetValidException.class);
    }

    @Test
    void serverRejectsClientWithoutClientAuthUsage() throws Exception {
        // The JDK reports this with a message only, no distinct exception type.
        assertThat(rejectedByServer(pki.noClientAuthClient())).hasMessageContaining("Extended key usage");
    }

    @Test
    void serverRejectsClientFromAnotherCa() throws Exception {
        assertThat(causes(rejectedByServer(pki.otherCaClient()))).hasAtLeastOneElementOfType(CertPathBuilderException.class);
    }

    @Test
    void clientTrustingOnlyTheOtherCaRejectsTheServer() throws Exception {
        Outcome o = handshake(pki, pki.client(), pki.otherCa().certificate(), "localhost", "TLSv1.3");
        assertThat(o.failedSide).isEqualTo("client");
        assertThat(causes(o.failure)).hasAtLeastOneElementOfType(CertPathBuilderException.class);
    }

    private static SSLException rejectedByServer(CertifiedKey client) throws Exception {
        Outcome o = handshake(pki, client, pki.ca().certificate(), "localhost", "TLSv1.3");
        assertThat(o.failedSide).isEqualTo("server");
        assertThat(o.serverSawClient).isNull();
        return o.failure;
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (; t != null; t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    /** What happened: null failure means both sides finished and exchanged application data. */
    private static final class Outcome {
        String failedSide;
        SSLException failure;
        String serverSawClient;
    }

    private static Outcome handshake(DevPki serverPki, CertifiedKey client, X509Certificate clientTrusts,
            String serverName, String protocol) throws Exception {
        SSLEngine server = context(serverPki.server(), serverPki.ca().certificate(), protocol).createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {protocol});

        SSLEngine cli = context(client, clientTrusts, protocol).createSSLEngine(serverName, 5696);
        cli.setUseClientMode(true);
        cli.setEnabledProtocols(new String[] {protocol});
        SSLParameters p = cli.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // check the server certificate's names
        cli.setSSLParameters(p);

        int net = Math.max(server.getSession().getPacketBufferSize(), cli.getSession().getPacketBufferSize());
        int app = Math.max(server.getSession().getApplicationBufferSize(), cli.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(net * 4);
        ByteBuffer toClient = ByteBuffer.allocate(net * 4);
        ByteBuffer cliOut = ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer srvOut = ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer cliIn = ByteBuffer.allocate(app * 2);
        ByteBuffer srvIn = ByteBuffer.allocate(app * 2);

        Outcome o = new Outcome();
        for (int round = 0; round < 100; round++) {
            if (step(o, "client", () -> cli.wrap(cliOut, toServer), cli)
                    || step(o, "server", () -> server.wrap(srvOut, toClient), server)) {
                return o;
            }
            toServer.flip();
            toClient.flip();
            if (step(o, "server", () -> server.unwrap(toServer, srvIn), server)
                    || step(o, "client", () -> cli.unwrap(toClient, cliIn), cli)) {
                return o;
            }
            toServer.compact();
            toClient.compact();
            // Application data only flows once the handshake is complete on both sides.
            if (srvIn.position() == 4 && cliIn.position() == 4) {
                o.serverSawClient = server.getSession().getPeerPrincipal().getName();
                return o;
            }
        }
        throw new AssertionError("handshake neither finished nor failed in 100 rounds");
    }

    private interface Io {
        SSLEngineResult run() throws SSLException;
    }

    private static boolean step(Outcome o, String side, Io io, SSLEngine engine) {
        try {
            io.run();
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            return false;
        } catch (SSLException e) {
            o.failedSide = side;
            o.failure = e;
            return true;
        }
    }

    /**
     * The JDK's key manager, except that it offers its one identity even when the server's list of
     * acceptable issuers does not name the issuer. The JDK would otherwise send no certificate for
     * the other-CA client, and the test would prove only that an empty chain is refused; OpenSSL
     * and PyKMIP clients send their configured certificate regardless.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager jdk;

        AlwaysPresent(X509ExtendedKeyManager jdk) {
            this.jdk = jdk;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "identity";
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return jdk.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return jdk.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "identity";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return jdk.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return jdk.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return jdk.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return jdk.getPrivateKey(alias);
        }
    }

    private static SSLContext context(CertifiedKey identity, X509Certificate trusted, String protocol) throws Exception {
        char[] password = "unused".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", identity.privateKey(), password, new Certificate[] {identity.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        X509ExtendedKeyManager jdk = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);

        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(new KeyManager[] {new AlwaysPresent(jdk)}, tmf.getTrustManagers(), null);
        return ctx;
    }
}
