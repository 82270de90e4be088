package io.kmipstack.interop;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.DevPki;
import io.kmipstack.certs.JdkTls;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A mutual-TLS relay between PyKMIP's client and our server that removes the Server Correlation
 * Value from every response header and changes nothing else. It exists to measure PyKMIP's client
 * at KMIP 1.4 and 2.0 beyond its header bug: PyKMIP 0.10's {@code ResponseHeader.read} knows only
 * Protocol Version, Time Stamp, (2.0) Server Hashed Password and Batch Count, so a response whose
 * header carries a Server Correlation Value (KMIP 1.4 table 284; section 6.19: the server SHOULD
 * provide one, and ours does from 1.4) fails to parse before any payload is read. Results measured
 * through the relay are marked so in the matrix.
 *
 * <p>It terminates TLS with the PKI's server certificate (requiring a client certificate from its
 * CA) and connects to the server with the PKI's client certificate, one backend connection per
 * client connection. Requests pass through byte for byte; responses are read frame by frame (the
 * 8-byte TTLV item header gives the length), decoded, edited and re-encoded.
 */
final class CorrelationStrippingRelay implements AutoCloseable {

    private final SSLContext tls;
    private final ServerSocket listener;
    private final String backendHost;
    private final int backendPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger stripped = new AtomicInteger();
    private final Thread acceptor;

    private CorrelationStrippingRelay(SSLContext tls, ServerSocket listener, String backendHost, int backendPort) {
        this.tls = tls;
        this.listener = listener;
        this.backendHost = backendHost;
        this.backendPort = backendPort;
        this.acceptor = new Thread(this::acceptLoop, "correlation-relay-accept");
        acceptor.setDaemon(true);
    }

    static CorrelationStrippingRelay start(DevPki pki, String backendHost, int backendPort) throws IOException {
        SSLContext serverSide = context(pki.server(), pki);
        SSLServerSocket listener = (SSLServerSocket) serverSide.getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(true);
        listener.setEnabledProtocols(new String[] {"TLSv1.2"});
        CorrelationStrippingRelay relay = new CorrelationStrippingRelay(context(pki.client(), pki), listener, backendHost, backendPort);
        relay.acceptor.start();
        return relay;
    }

    private static SSLContext context(CertifiedKey own, DevPki pki) {
        return JdkTls.context(own, new X509Certificate[] {own.certificate(), pki.ca().certificate()}, pki.ca().certificate());
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many Server Correlation Values were removed so far. */
    int stripped() {
        return stripped.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Socket backend = tls.getSocketFactory().createSocket(backendHost, backendPort);
                sockets.add(backend);
                daemon("relay-requests", () -> copyBytes(client, backend)).start();
                daemon("relay-responses", () -> copyFrames(backend, client)).start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                // One failed connection (a refused backend, a bad handshake) is the caller's failure to see; keep serving.
            }
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void copyBytes(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // Either side closed: the pair is done.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void copyFrames(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            TtlvDecoder decoder = TtlvDecoder.create();
            while (true) {
                // The end of the stream, even between messages, ends the copy like any other close.
                out.write(TtlvEncoder.encode(withoutServerCorrelation(decoder.read(in))));
                out.flush();
            }
        } catch (IOException closed) {
            // Either side closed: the pair is done.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private Ttlv withoutServerCorrelation(Ttlv response) {
        List<Ttlv> children = response.children().stream().map(c -> {
            if (c.tag() != Tag.RESPONSE_HEADER || c.child(Tag.SERVER_CORRELATION_VALUE) == null) {
                return c;
            }
            stripped.incrementAndGet();
            return Ttlv.structure(c.tag(), c.children().stream().filter(h -> h.tag() != Tag.SERVER_CORRELATION_VALUE).toList());
        }).toList();
        return Ttlv.structure(response.tag(), children);
    }

    private void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is best effort; the socket is unusable either way.
        }
        sockets.remove(s);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        for (Socket s : List.copyOf(sockets)) {
            closeQuietly(s);
        }
        acceptor.join(5_000);
    }
}
