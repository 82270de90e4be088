package io.kmipstack.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.DevPki;
import io.kmipstack.certs.JdkTls;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.KmipConnectionException;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.codec.registry.KmipVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The client checks whom it talks to before it says anything: a server whose certificate does not
 * name the endpoint (127.0.0.2, loopback but not in the dev certificate's names), or whose
 * certificate comes from a CA the client does not trust, fails the TLS handshake with a
 * {@link KmipConnectionException}, and not one byte of KMIP reaches it. The control: the same peer
 * on a named address (127.0.0.1) receives the request.
 */
class ServerIdentityIT {

    private static final DevPki PKI = DevPki.builder().clientCn("alice").build();

    @Test
    void aServerWhoseCertificateDoesNotNameTheEndpointIsRefusedBeforeAnyRequest() throws Exception {
        try (Peer peer = new Peer("127.0.0.2", PKI.server())) {
            assertRefused(peer, "127.0.0.2");
        }
        // Control: the same kind of peer on an address its certificate names gets the request.
        try (Peer peer = new Peer("127.0.0.1", PKI.server())) {
            try (KmipClient client = client("127.0.0.1", peer.port())) {
                assertThatThrownBy(() -> client.sync().discoverVersions()).isInstanceOf(RuntimeException.class);
            }
            assertThat(peer.applicationBytes.get()).as("bytes the named peer received").isPositive();
        }
    }

    @Test
    void aServerFromAnotherCaIsRefusedBeforeAnyRequest() throws Exception {
        DevPki other = DevPki.builder().build();
        try (Peer peer = new Peer("127.0.0.1", other.server())) {
            assertRefused(peer, "127.0.0.1");
        }
    }

    private static void assertRefused(Peer peer, String host) {
        try (KmipClient client = client(host, peer.port())) {
            assertThatThrownBy(() -> client.sync().discoverVersions())
                    .isInstanceOf(KmipConnectionException.class)
                    .hasMessageContaining("TLS handshake");
        }
        assertThat(peer.applicationBytes.get()).as("KMIP bytes that reached the wrong server").isZero();
    }

    private static KmipClient client(String host, int port) {
        return KmipClient.create(KmipClientOptions.builder()
                .endpoint(host, port)
                .tls(TlsOptions.builder().trust(PKI.ca().certificate())
                        .key(PKI.client().privateKey(), PKI.client().certificate()).build())
                .version(KmipVersion.V1_4)
                .retries(0)
                .requestTimeout(Duration.ofSeconds(5))
                .build());
    }

    /**
     * A TLS server that accepts, completes the handshake if the client lets it, then counts the
     * application bytes it receives (and never answers, so a client that did send times out).
     */
    private static final class Peer implements AutoCloseable {
        final SSLServerSocket socket;
        final AtomicLong applicationBytes = new AtomicLong();
        final Thread thread;

        Peer(String address, CertifiedKey identity) throws Exception {
            SSLContext ctx = JdkTls.context(identity, PKI.ca().certificate());
            socket = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            thread = new Thread(this::serve, "peer-" + address);
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.setSoTimeout(3_000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        applicationBytes.addAndGet(n);
                    }
                } catch (IOException e) {
                    // Handshake refused by the client, or the client gave up: the next one, if any.
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }
}
