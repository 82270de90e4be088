package io.kmipstack.server;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;

/**
 * A bare TLS socket that writes TTLV bytes and reads whole response frames, for testing the server
 * byte for byte (no KMIP client in between).
 */
final class RawClient implements AutoCloseable {

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawClient connect(int port) throws IOException {
        return connect(port, TestPki.PKI.client("alice"));
    }

    /** Connects and completes the handshake, presenting {@code client} (none when null). */
    static RawClient connect(int port, CertifiedKey client) throws IOException {
        SSLSocket s = (SSLSocket) TestPki.clientContext(client).getSocketFactory().createSocket("localhost", port);
        s.setSoTimeout(10_000);
        s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        s.startHandshake();
        return new RawClient(s);
    }

    SSLSocket socket() {
        return socket;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(Ttlv message) throws IOException {
        send(TtlvEncoder.encode(message));
    }

    void send(RequestMessage message, KmipVersion v) throws IOException {
        send(message.encode(v));
    }

    /** The next response frame, decoded as TTLV. */
    Ttlv receive() throws IOException {
        return TtlvDecoder.create().read(in);
    }

    ResponseMessage receiveResponse() throws IOException {
        return ResponseMessage.decode(receive());
    }

    /** True when the server closed the connection (end of stream or reset) before {@code millis} passed. */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            InputStream raw = socket.getInputStream();
            while (true) {
                if (raw.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            // A reset, or TLS reporting the peer's close_notify/abort: the server is gone either way.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
