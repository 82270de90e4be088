package io.kmipstack.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.KmipServer;
import java.io.IOException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who the server lets in: mutual TLS with a certificate from the configured CA, valid now, with
 * the clientAuth extended key usage, over TLS 1.2 or 1.3 with an AEAD or SHA-2 suite. Everything
 * else is refused in the handshake (or, for TLS 1.3, where the client finishes before the server
 * has judged its certificate, at the first read): no request is ever answered. The identity is the
 * certificate's, so bob's connection does not see alice's key.
 */
class TlsRefusalIT {

    static KmipServer server;

    @BeforeAll
    static void start() {
        server = Tls.server(b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aValidClientCertificateIsServed() throws IOException {
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"), protocol)) {
                assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
                Ttlv response = Tls.exchange(s, discoverVersions());
                assertThat(ResponseMessage.decode(response).batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            }
        }
    }

    @Test
    void noClientCertificate() {
        assertRefused(null);
    }

    @Test
    void aCertificateFromAnotherCa() {
        assertRefused(Tls.PKI.otherCaClient());
    }

    @Test
    void anExpiredCertificate() {
        assertRefused(Tls.PKI.expiredClient());
    }

    @Test
    void aCertificateNotYetValid() {
        assertRefused(Tls.PKI.notYetValidClient());
    }

    @Test
    void aCertificateWithoutTheClientAuthUsage() {
        assertRefused(Tls.PKI.noClientAuthClient());
    }

    private static void assertRefused(CertifiedKey client) {
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            assertThatThrownBy(() -> {
                try (SSLSocket s = Tls.connect(server.port(), client, protocol)) {
                    Tls.exchange(s, discoverVersions());
                }
            }).as("%s over %s", client, protocol).isInstanceOf(IOException.class);
        }
    }

    @Test
    void tls10AndTls11AreRefusedAndTls12IsNot() throws IOException {
        int[] gcm = {0xC02B, 0xC02F};
        assertThat(Tls.answerToClientHello(server.port(), 0x01, gcm)).as("TLS 1.0").isIn(0x15, -1);
        assertThat(Tls.answerToClientHello(server.port(), 0x02, gcm)).as("TLS 1.1").isIn(0x15, -1);
        assertThat(Tls.answerToClientHello(server.port(), 0x03, gcm)).as("TLS 1.2, control").isEqualTo(0x16);
    }

    @Test
    void aClientOfferingOnlyWeakSuitesIsRefused() throws IOException {
        // CBC with SHA-1 MACs: TLS_RSA_WITH_AES_128/256_CBC_SHA, TLS_ECDHE_ECDSA_WITH_AES_128/256_CBC_SHA,
        // TLS_ECDHE_RSA_WITH_AES_128/256_CBC_SHA (RFC 5246, RFC 8422).
        assertThat(Tls.answerToClientHello(server.port(), 0x03, 0x002F, 0x0035, 0xC009, 0xC00A, 0xC013, 0xC014))
                .as("CBC-SHA1 only").isIn(0x15, -1);
        // RC4 and 3DES: TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_ECDSA_WITH_RC4_128_SHA,
        // TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA.
        assertThat(Tls.answerToClientHello(server.port(), 0x03, 0x0005, 0x000A, 0xC007, 0xC008, 0xC011, 0xC012))
                .as("RC4/3DES only").isIn(0x15, -1);
        // NULL and export-grade: TLS_RSA_WITH_NULL_SHA256, TLS_RSA_EXPORT_WITH_RC4_40_MD5.
        assertThat(Tls.answerToClientHello(server.port(), 0x03, 0x003B, 0x0003)).as("NULL/export only").isIn(0x15, -1);
        // Control: the same hello with the AEAD suites is answered with a ServerHello.
        assertThat(Tls.answerToClientHello(server.port(), 0x03, 0x002F, 0xC013, 0xC02B, 0xC02F)).as("control").isEqualTo(0x16);
    }

    @Test
    void theIdentityIsTheCertificatesSoBobDoesNotSeeAlicesKey() throws IOException {
        String id;
        try (SSLSocket alice = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
            Ttlv created = Tls.exchange(alice, KmipXml.read(request(KmipVersion.V1_4, Conversation.createKey(KmipVersion.V1_4, "k"))));
            id = ((CreateResponsePayload) ResponseMessage.decode(created).batchItem().get(0).responsePayload())
                    .uniqueIdentifier().toString();
            Ttlv own = Tls.exchange(alice, KmipXml.read(request(KmipVersion.V1_4, Conversation.item("Get", Conversation.id(id)))));
            assertThat(ResponseMessage.decode(own).batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
        try (SSLSocket bob = Tls.connect(server.port(), Tls.PKI.client("bob"))) {
            Ttlv theirs = Tls.exchange(bob, KmipXml.read(request(KmipVersion.V1_4, Conversation.item("Get", Conversation.id(id)))));
            assertThat(ResponseMessage.decode(theirs).batchItem().get(0).resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
        }
    }

    static Ttlv discoverVersions() {
        return KmipXml.read(request(KmipVersion.V1_4, Conversation.item("DiscoverVersions", "")));
    }

    static String request(KmipVersion v, String item) {
        return "<RequestMessage><RequestHeader><ProtocolVersion><ProtocolVersionMajor type=\"Integer\" value=\"" + v.major()
                + "\"/><ProtocolVersionMinor type=\"Integer\" value=\"" + v.minor() + "\"/></ProtocolVersion>"
                + "<BatchCount type=\"Integer\" value=\"1\"/></RequestHeader>" + item + "</RequestMessage>";
    }
}
