package io.kmipstack.server.security;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.DevPki;
import io.kmipstack.certs.JdkTls;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.TlsMaterial;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.store.ObjectStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The security tests' PKI (alice, bob and the bad certificates the dev PKI mints), a server with
 * the standard handlers over it, and raw TLS sockets and hand-written ClientHellos to talk to it
 * without any client library's own policy in the way.
 */
final class Tls {

    static final DevPki PKI = DevPki.builder().clientCn("alice").addClientCn("bob").build();

    private Tls() {
    }

    static KmipServer server(UnaryOperator<KmipServer.Builder> more) {
        KmipServer.Builder b = KmipServer.builder().port(0)
                .tls(TlsMaterial.of(PKI.server().certificate(), PKI.server().privateKey(), PKI.ca().certificate()))
                .store(ObjectStores.memory())
                .handlers(Handlers.standard());
        return more.apply(b).start();
    }

    /** A JDK client context presenting {@code client} (none when null) and trusting the dev CA. */
    static SSLContext context(CertifiedKey client) {
        return JdkTls.context(client, PKI.ca().certificate());
    }

    static SSLSocket connect(int port, CertifiedKey client, String... protocols) throws IOException {
        SSLSocket s = (SSLSocket) context(client).getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.setEnabledProtocols(protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols);
        s.startHandshake();
        return s;
    }

    /** Writes one message and reads one response frame. */
    static Ttlv exchange(Socket s, Ttlv request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(TtlvEncoder.encode(request));
        out.flush();
        return read(s);
    }

    static Ttlv read(Socket s) throws IOException {
        return TtlvDecoder.create().read(s.getInputStream());
    }

    /** True when the peer closed (end of stream, reset, TLS close) within {@code millis}; false on timeout. */
    static boolean closedWithin(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        try {
            InputStream raw = s.getInputStream();
            while (raw.read() >= 0) {
                // Discard whatever still arrives (an answer to an earlier request).
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The first byte the server answers a hand-written ClientHello with: 0x16 (handshake: it chose
     * a version and suite) or 0x15 (alert: it refused), or -1 if it just closed. The hello offers
     * TLS 1.{@code minor - 1} and exactly {@code suites} (two-byte IANA codes), with the extensions
     * an ECDHE handshake over P-256 needs (RFC 5246 section 7.4.1.2, RFC 8422).
     */
    static int answerToClientHello(int port, int minor, int... suites) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(clientHello(minor, suites));
            out.flush();
            return s.getInputStream().read();
        }
    }

    private static byte[] clientHello(int minor, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x03);
        body.write(minor);
        for (int i = 0; i < 32; i++) {
            body.write(i * 7);                                              // random
        }
        body.write(0x00);                                                   // no session id
        write(body, (2 * suites.length) >> 8, (2 * suites.length) & 0xFF);
        for (int suite : suites) {
            write(body, suite >> 8, suite & 0xFF);
        }
        write(body, 0x01, 0x00);                                            // null compression only
        byte[] extensions = {
            0x00, 0x0A, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,                 // supported_groups: secp256r1
            0x00, 0x0B, 0x00, 0x02, 0x01, 0x00,                             // ec_point_formats: uncompressed
            0x00, 0x0D, 0x00, 0x08, 0x00, 0x06, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, // signature_algorithms
        };
        write(body, extensions.length >> 8, extensions.length & 0xFF);
        body.writeBytes(extensions);
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        int hsLength = hello.length + 4;
        write(record, 0x16, 0x03, 0x01, hsLength >> 8, hsLength & 0xFF);
        write(record, 0x01, 0x00, hello.length >> 8, hello.length & 0xFF);
        record.writeBytes(hello);
        return record.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }
}
