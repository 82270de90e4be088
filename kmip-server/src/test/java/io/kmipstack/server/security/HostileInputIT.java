package io.kmipstack.server.security;

import static io.kmipstack.server.security.Conversation.createKey;
import static io.kmipstack.server.security.Conversation.id;
import static io.kmipstack.server.security.Conversation.item;
import static io.kmipstack.server.security.Conversation.registerSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.ServerLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes over a real TLS connection: the server answers every malformed message whose
 * framing is intact (Invalid Message when it is not TTLV) and keeps the connection in step, closes
 * the connection deliberately when the framing itself is lost, refuses an oversized declared
 * length from the header alone (before the body arrives, so before anything is allocated for it),
 * enforces every configurable limit (message size, batch items, nesting depth, attributes), never
 * fails unexpectedly ("internal error"), and leaks no buffer (Netty's detector is paranoid in tests
 * and {@link RecordingLeakDetector} keeps its reports).
 */
class HostileInputIT {

    static KmipServer server;

    @BeforeAll
    static void start() {
        server = Tls.server(b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Valid requests to mutate: the usual operations in 1.0, 1.4 and 2.1. */
    private static List<byte[]> validRequests() {
        List<byte[]> out = new ArrayList<>();
        for (KmipVersion v : List.of(KmipVersion.V1_0, KmipVersion.V1_4, KmipVersion.V2_1)) {
            for (String item : List.of(createKey(v, "k"), registerSecret(v, "s", "00112233445566778899aabbccddeeff"),
                    item("Get", id("1")), item("Locate", ""), item("GetAttributes", id("1")), item("Query",
                            "<QueryFunction type=\"Enumeration\" value=\"QueryOperations\"/>"))) {
                out.add(TtlvEncoder.encode(KmipXml.read(TlsRefusalIT.request(v, item))));
            }
        }
        return out;
    }

    @Test
    void thousandsOfMutatedMessagesAreEachAnsweredAndTheConnectionStaysInStep() throws Exception {
        List<byte[]> valid = validRequests();
        Random random = new Random(20261122L);
        byte[] probe = TtlvEncoder.encode(TlsRefusalIT.discoverVersions());
        int invalid = 0;
        int answered = 0;
        try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
            for (int i = 0; i < 2000; i++) {
                byte[] mutant = Mutations.mutate(valid.get(random.nextInt(valid.size())), random);
                OutputStream out = s.getOutputStream();
                out.write(mutant);
                out.write(probe);
                out.flush();
                ResponseMessage answer = ResponseMessage.decode(Tls.read(s));
                answered++;
                boolean decodes = decodes(mutant);
                for (ResponseBatchItem bi : answer.batchItem()) {
                    assertThat(bi.resultMessage()).as("mutant %d", i).isNotEqualTo("internal error");
                }
                if (!decodes) {
                    invalid++;
                    assertThat(answer.batchItem()).hasSize(1);
                    assertThat(answer.batchItem().get(0).resultReason()).as("mutant %d", i).isEqualTo(ResultReason.INVALID_MESSAGE);
                }
                ResponseMessage probeAnswer = ResponseMessage.decode(Tls.read(s));
                assertThat(probeAnswer.batchItem().get(0).resultStatus()).as("probe after mutant %d", i).isEqualTo(ResultStatus.SUCCESS);
            }
        }
        System.out.printf("[hostile-input] 2000 mutants answered in step: %d not TTLV (Invalid Message), %d TTLV but wrong%n",
                invalid, 2000 - invalid);
        assertThat(answered).isEqualTo(2000);
        // Both kinds were exercised: bytes that are not TTLV, and TTLV that is not a good request.
        assertThat(invalid).isBetween(500, 1500);
    }

    private static boolean decodes(byte[] frame) {
        try {
            TtlvDecoder.create().decode(frame);
            return true;
        } catch (TtlvDecodingException e) {
            return false;
        }
    }

    @Test
    void aMessageThatIsNoStructureClosesTheConnectionAndTheServerServesOthers() throws IOException {
        try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
            s.getOutputStream().write(new byte[] {0x42, 0x00, 0x78, 0x07, 0x00, 0x00, 0x00, 0x01, 'x', 0, 0, 0, 0, 0, 0, 0});
            s.getOutputStream().flush();
            assertThat(Tls.closedWithin(s, 5_000)).isTrue();
        }
        assertServes(server);
    }

    @Test
    void anOversizedDeclaredLengthIsRefusedFromTheHeaderAlone() throws IOException {
        for (long declared : new long[] {0xFFFF_FFF0L, 0x7FFF_FFF8L, ServerLimits.DEFAULT_MAX_MESSAGE_SIZE - 8 + 8}) {
            try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
                // Only the eight header bytes: the server must not wait for (or make room for) the body.
                s.getOutputStream().write(new byte[] {0x42, 0x00, 0x78, 0x01,
                        (byte) (declared >>> 24), (byte) (declared >>> 16), (byte) (declared >>> 8), (byte) declared});
                s.getOutputStream().flush();
                long t0 = System.nanoTime();
                assertThat(Tls.closedWithin(s, 5_000)).as("declared %d", declared).isTrue();
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
            }
        }
        // Control: a length at the limit is accepted: the server waits for the body.
        try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
            long declared = ServerLimits.DEFAULT_MAX_MESSAGE_SIZE - 8;
            s.getOutputStream().write(new byte[] {0x42, 0x00, 0x78, 0x01,
                    (byte) (declared >>> 24), (byte) (declared >>> 16), (byte) (declared >>> 8), (byte) declared});
            s.getOutputStream().flush();
            assertThat(Tls.closedWithin(s, 500)).isFalse();
        }
        assertServes(server);
    }

    @Test
    void everyLimitIsConfigurableAndEnforced() throws IOException {
        ServerLimits limits = ServerLimits.DEFAULT.withMaxMessageSize(4096).withMaxBatchItems(3).withMaxDepth(6)
                .withMaxAttributes(3);
        try (KmipServer small = Tls.server(b -> b.limits(limits))) {
            try (SSLSocket s = Tls.connect(small.port(), Tls.PKI.client("alice"))) {
                KmipVersion v = KmipVersion.V1_4;
                // Batch items: three pass, four are refused (Server Limit Exceeded is 2.x; 1.4 gets General Failure).
                String q = item("Query", "<QueryFunction type=\"Enumeration\" value=\"QueryOperations\"/>");
                assertThat(reasons(Tls.exchange(s, message(v, q, q, q)))).containsOnly((ResultReason) null);
                assertThat(reasons(Tls.exchange(s, message(v, q, q, q, q)))).containsExactly(ResultReason.GENERAL_FAILURE);
                assertThat(reasons(Tls.exchange(s, message(KmipVersion.V2_1, q, q, q, q))))
                        .containsExactly(ResultReason.SERVER_LIMIT_EXCEEDED);

                // Attributes: a Create with four (algorithm, length, usage mask, name) is refused, and so
                // is a Locate with four filters; nesting: a Name attribute value in 1.x is seven levels deep.
                assertThat(reasons(Tls.exchange(s, message(KmipVersion.V2_1, createKey(KmipVersion.V2_1, "k")))))
                        .containsExactly(ResultReason.SERVER_LIMIT_EXCEEDED);
                assertThat(reasons(Tls.exchange(s, message(v, createKey(v, "k"))))).containsExactly(ResultReason.INVALID_MESSAGE);
                assertThat(reasons(Tls.exchange(s, message(v, item("Get", id("x"))))))
                        .containsExactly(ResultReason.ITEM_NOT_FOUND);
            }
            // Message size: a request over 4096 bytes closes the connection (its framing cannot be trusted to skip).
            try (SSLSocket s = Tls.connect(small.port(), Tls.PKI.client("alice"))) {
                String big = item("Locate", "<Attribute><AttributeName type=\"TextString\" value=\"Name\"/><AttributeValue>"
                        + "<NameValue type=\"TextString\" value=\"" + "n".repeat(5000) + "\"/>"
                        + "<NameType type=\"Enumeration\" value=\"UninterpretedTextString\"/></AttributeValue></Attribute>");
                s.getOutputStream().write(TtlvEncoder.encode(message(KmipVersion.V1_4, big)));
                s.getOutputStream().flush();
                assertThat(Tls.closedWithin(s, 5_000)).isTrue();
            }
            assertServes(small);
        }
    }

    @Test
    void nothingLeaked() throws InterruptedException, IOException {
        assertThat(RecordingLeakDetector.installed()).as("Netty uses the recording leak detector (property %s)",
                System.getProperty("io.netty.customResourceLeakDetector")).isTrue();
        // Some traffic of every kind first, so that this test means something when run alone.
        try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
            Tls.exchange(s, TlsRefusalIT.discoverVersions());
            s.getOutputStream().write(new byte[] {0x42, 0x00, 0x78, 0x01, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8});
            s.getOutputStream().flush();
            Tls.read(s);
        }
        assertThat(RecordingLeakDetector.collect()).isEmpty();
    }

    private static void assertServes(KmipServer s) throws IOException {
        try (SSLSocket c = Tls.connect(s.port(), Tls.PKI.client("alice"))) {
            assertThat(ResponseMessage.decode(Tls.exchange(c, TlsRefusalIT.discoverVersions())).batchItem().get(0).resultStatus())
                    .isEqualTo(ResultStatus.SUCCESS);
        }
    }

    static Ttlv message(KmipVersion v, String... items) {
        StringBuilder sb = new StringBuilder("<RequestMessage><RequestHeader><ProtocolVersion><ProtocolVersionMajor type=\"Integer\" value=\"")
                .append(v.major()).append("\"/><ProtocolVersionMinor type=\"Integer\" value=\"").append(v.minor())
                .append("\"/></ProtocolVersion><BatchCount type=\"Integer\" value=\"").append(items.length)
                .append("\"/></RequestHeader>");
        Arrays.stream(items).forEach(sb::append);
        return KmipXml.read(sb.append("</RequestMessage>").toString());
    }

    private static List<ResultReason> reasons(Ttlv response) {
        return ResponseMessage.decode(response).batchItem().stream().map(ResponseBatchItem::resultReason).toList();
    }
}
