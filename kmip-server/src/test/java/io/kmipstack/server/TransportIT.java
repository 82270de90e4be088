package io.kmipstack.server;

import static io.kmipstack.server.Requests.create;
import static io.kmipstack.server.Requests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutual TLS, protocol versions, framing errors, connection limits and idle connections. */
class TransportIT {

    static KmipServer server;

    @BeforeAll
    static void start() {
        server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(new TestStore()).handlers(Requests.FAKES)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mutualTlsHandshakeSucceedsWithAClientCertificateFromTheTrustedCa() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            SSLSession session = c.socket().getSession();
            assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            c.send(message(KmipVersion.V1_4, create("01")).encode(KmipVersion.V1_4));
            assertThat(c.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
    }

    @Test
    void withoutAClientCertificateTheConnectionIsRefused() {
        assertRefused(null);
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() {
        assertRefused(TestPki.PKI.otherCaClient());
    }

    @Test
    void anExpiredClientCertificateIsRefused() {
        assertRefused(TestPki.PKI.expiredClient());
    }

    /**
     * Refusal shows either in the handshake (TLS 1.2) or, since a TLS 1.3 client finishes its side
     * before the server has checked its certificate, at the first read.
     */
    private static void assertRefused(CertifiedKey client) {
        assertThatThrownBy(() -> {
            try (RawClient c = RawClient.connect(server.port(), client)) {
                c.send(message(KmipVersion.V1_4, create("01")).encode(KmipVersion.V1_4));
                c.receive();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void tls11IsRefusedAndTls12IsAccepted() throws IOException {
        // A hand-written ClientHello, so that no client library's own version policy gets in the
        // way: the server must answer a TLS 1.1 hello with an alert (record type 0x15) and the
        // same hello offering TLS 1.2 with its handshake (record type 0x16, ServerHello).
        assertThat(firstRecordTypeAnswering(0x02)).isEqualTo(0x15);
        assertThat(firstRecordTypeAnswering(0x03)).isEqualTo(0x16);
    }

    private static int firstRecordTypeAnswering(int minorVersion) throws IOException {
        try (Socket s = new Socket("localhost", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(clientHello(minorVersion));
            out.flush();
            InputStream in = s.getInputStream();
            return in.read();
        }
    }

    /** A ClientHello offering TLS 1.{minor-1} with ECDHE-ECDSA/RSA suites (RFC 5246 section 7.4.1.2). */
    private static byte[] clientHello(int minor) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x03);
        body.write(minor);
        for (int i = 0; i < 32; i++) {
            body.write(i);                                        // random
        }
        body.write(0x00);                                         // no session id
        writeBytes(body, 0x00, 0x0A, 0xC0, 0x2B, 0xC0, 0x2F, 0xC0, 0x09, 0xC0, 0x13, 0x00, 0x2F);
        writeBytes(body, 0x01, 0x00);                             // null compression only
        byte[] extensions = {
            0x00, 0x0A, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,       // supported_groups: secp256r1
            0x00, 0x0B, 0x00, 0x02, 0x01, 0x00,                   // ec_point_formats: uncompressed
            0x00, 0x0D, 0x00, 0x08, 0x00, 0x06, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, // signature_algorithms
        };
        writeBytes(body, extensions.length >> 8, extensions.length & 0xFF);
        body.writeBytes(extensions);
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        int hsLength = hello.length + 4;
        writeBytes(record, 0x16, 0x03, 0x01, hsLength >> 8, hsLength & 0xFF);
        writeBytes(record, 0x01, 0x00, hello.length >> 8, hello.length & 0xFF);
        record.writeBytes(hello);
        return record.toByteArray();
    }

    private static void writeBytes(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }

    @Test
    void anOversizedFrameClosesTheConnectionAfterAnsweringWhatCameBefore() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            byte[] valid = TtlvEncoder.encode(message(KmipVersion.V1_4, create("01")).encode(KmipVersion.V1_4));
            byte[] oversized = {0x42, 0x00, 0x78, 0x01, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
            byte[] both = new byte[valid.length + oversized.length];
            System.arraycopy(valid, 0, both, 0, valid.length);
            System.arraycopy(oversized, 0, both, valid.length, oversized.length);
            c.send(both);

            assertThat(c.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            assertThat(c.closedByServer(5_000)).isTrue();
        }
    }

    @Test
    void aMessageThatIsNoStructureClosesTheConnection() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(new byte[] {0x42, 0x00, 0x78, 0x02, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0});
            assertThat(c.closedByServer(5_000)).isTrue();
        }
        // The server itself is unharmed.
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(message(KmipVersion.V1_4, create("01")).encode(KmipVersion.V1_4));
            assertThat(c.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
    }

    @Test
    void anIdleConnectionIsClosedAndABusyOneIsNot() throws Exception {
        try (KmipServer quick = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(new TestStore())
                .handlers(Requests.FAKES).idleTimeout(Duration.ofMillis(1_500)).start();
                RawClient idle = RawClient.connect(quick.port());
                RawClient busy = RawClient.connect(quick.port())) {
            // The busy client stays well past the timeout, with gaps far below it even on a slow machine.
            for (int i = 0; i < 10; i++) {
                busy.send(message(KmipVersion.V1_4, create(null)).encode(KmipVersion.V1_4));
                assertThat(busy.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
                Thread.sleep(250);
            }
            assertThat(idle.closedByServer(5_000)).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        try (KmipServer two = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(new TestStore())
                .limits(ServerLimits.DEFAULT.withMaxConnections(2)).start();
                RawClient first = RawClient.connect(two.port());
                RawClient second = RawClient.connect(two.port())) {
            assertThatThrownBy(() -> {
                try (RawClient third = RawClient.connect(two.port())) {
                    third.send(message(KmipVersion.V1_4, create(null)).encode(KmipVersion.V1_4));
                    third.receive();
                }
            }).isInstanceOf(IOException.class);

            first.close();
            // The slot frees once the server has seen the close.
            IOException last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try (RawClient again = RawClient.connect(two.port())) {
                    again.send(message(KmipVersion.V1_4, Requests.item(null,
                            io.kmipstack.codec.registry.Operation.DISCOVER_VERSIONS,
                            io.kmipstack.codec.payload.DiscoverVersionsRequestPayload.of())).encode(KmipVersion.V1_4));
                    assertThat(again.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
                    last = null;
                    break;
                } catch (IOException e) {
                    last = e;
                    Thread.sleep(100);
                }
            }
            assertThat(last).isNull();
        }
    }

    @Test
    void closeOnIdleSocketTimesOutRatherThanHanging() throws IOException {
        // Guard for the helpers above: a healthy connection is not reported closed.
        try (RawClient c = RawClient.connect(server.port())) {
            assertThat(c.closedByServer(300)).isFalse();
        } catch (SocketTimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
