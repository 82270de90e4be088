package io.kmipstack.interop.security;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.JdkTls;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Bare mutual-TLS sockets over the dev PKI, for tests that must hold, starve or stall connections. */
final class RawTls {

    /** A Discover Versions request in 1.4, the cheapest request there is. */
    static final byte[] DISCOVER_VERSIONS = TtlvEncoder.encode(KmipXml.read("<RequestMessage><RequestHeader><ProtocolVersion>"
            + "<ProtocolVersionMajor type=\"Integer\" value=\"1\"/><ProtocolVersionMinor type=\"Integer\" value=\"4\"/>"
            + "</ProtocolVersion><BatchCount type=\"Integer\" value=\"1\"/></RequestHeader><BatchItem>"
            + "<Operation type=\"Enumeration\" value=\"DiscoverVersions\"/><RequestPayload/></BatchItem></RequestMessage>"));

    private static volatile SSLContext context;

    private RawTls() {
    }

    static SSLContext context(CertifiedKey client) {
        return JdkTls.context(client, ServerProcess.PKI.ca().certificate());
    }

    /** A handshaken TLS connection as alice. */
    static SSLSocket connect(int port) throws IOException {
        if (context == null) {
            context = context(ServerProcess.PKI.client("alice"));
        }
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        s.startHandshake();
        return s;
    }

    static Ttlv exchange(Socket s, byte[] request) throws IOException {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        return read(s);
    }

    static Ttlv read(Socket s) throws IOException {
        return TtlvDecoder.create().read(s.getInputStream());
    }

    /** True when the peer closed within {@code millis} (end of stream, reset or TLS close); false on timeout. */
    static boolean closedWithin(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        try {
            InputStream raw = s.getInputStream();
            while (raw.read() >= 0) {
                // Discard whatever still arrives.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
