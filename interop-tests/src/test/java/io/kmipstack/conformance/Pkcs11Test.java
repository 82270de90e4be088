package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.op.OperationHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#11 operation against SoftHSM2 ({@link SoftHsm}): C_GetInfo answers the library's real
 * CK_INFO in the profile's 76-byte encoding, and the refusals carry the PKCS#11 result reasons.
 */
class Pkcs11Test {

    private static Ttlv call(Exchange e, String payload) throws Exception {
        Ttlv request = KmipXml.read("""
                <RequestMessage>
                  <RequestHeader>
                    <ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion>
                    <BatchCount type="Integer" value="1"/>
                  </RequestHeader>
                  <BatchItem>
                    <Operation type="Enumeration" value="PKCS_11"/>
                    <RequestPayload>%s</RequestPayload>
                  </BatchItem>
                </RequestMessage>""".formatted(payload));
        return e.exchange(request, Duration.ofSeconds(10)).child(Tag.BATCH_ITEM);
    }

    @Test
    void getInfoPassesTheLibrarysCkInfoAndUnknownCallsAreRefused() throws Exception {
        Map<Operation, OperationHandler> handlers = Handlers.standard();
        handlers.put(Operation.PKCS_11, Handlers.pkcs11(SoftHsm.module()));
        try (Exchange e = new InProcessServer(handlers).open(Wire.TTLV, Duration.ofSeconds(10))) {
            Ttlv init = call(e, "<PKCS_11Function type=\"Enumeration\" value=\"C_Initialize\"/>");
            Bytes cv = init.child(Tag.RESPONSE_PAYLOAD).child(Tag.CORRELATION_VALUE).bytesValue();
            assertThat(cv.length()).isEqualTo(16);
            String withCv = "<CorrelationValue type=\"ByteString\" value=\"" + cv.toHex() + "\"/>";
            Ttlv info = call(e, "<PKCS_11Function type=\"Enumeration\" value=\"C_GetInfo\"/>" + withCv)
                    .child(Tag.RESPONSE_PAYLOAD);
            byte[] ckInfo = info.child(Tag.PKCS_11_OUTPUT_PARAMETERS).bytesValue().toByteArray();
            assertThat(ckInfo).hasSize(76);
            // Cryptoki 2.40, manufacturer "SoftHSM" blank-padded to 32 (PKCS#11 CK_INFO).
            assertThat(ckInfo[0]).isEqualTo((byte) 2);
            assertThat(ckInfo[1]).isEqualTo((byte) 40);
            assertThat(new String(ckInfo, 2, 32, StandardCharsets.US_ASCII)).startsWith("SoftHSM").endsWith(" ");
            assertThat(new String(ckInfo, 42, 32, StandardCharsets.US_ASCII).trim()).isNotEmpty();

            Ttlv other = call(e, "<PKCS_11Function type=\"Enumeration\" value=\"C_GetSlotList\"/>" + withCv);
            assertThat(ResultReason.valueOf(other.child(Tag.RESULT_REASON).intValue())).isEqualTo(ResultReason.PKCS_11_INVALID_FUNCTION);
            Ttlv iface = call(e, "<PKCS_11Interface type=\"TextString\" value=\"Vendor 9\"/>"
                    + "<PKCS_11Function type=\"Enumeration\" value=\"C_GetInfo\"/>" + withCv);
            assertThat(ResultReason.valueOf(iface.child(Tag.RESULT_REASON).intValue())).isEqualTo(ResultReason.PKCS_11_INVALID_INTERFACE);
            Ttlv fin = call(e, "<PKCS_11Function type=\"Enumeration\" value=\"C_Finalize\"/>" + withCv);
            assertThat(fin.child(Tag.RESULT_REASON)).isNull();
            // The conversation is over.
            Ttlv after = call(e, "<PKCS_11Function type=\"Enumeration\" value=\"C_GetInfo\"/>" + withCv);
            assertThat(ResultReason.valueOf(after.child(Tag.RESULT_REASON).intValue())).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        }
    }
}
