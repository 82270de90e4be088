package io.kmipstack.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.store.ObjectStores;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server's fuzzing findings, each reduced to the smallest request that shows it. The
 * fuzzer's own inputs stay in the corpus as {@code finding-*} files and run with the fuzz test.
 */
class FuzzFindingsTest {

    /**
     * Finding 1 (MessageDispatcherFuzzTest): a date attribute (here Activation Date) whose 64-bit
     * value lies beyond what java.time holds made Create and Register fail with General Failure
     * ("internal error", a DateTimeException inside); it is now Invalid Field like any other
     * malformed attribute value.
     */
    @Test
    void aDateAttributeBeyondJavaTimeIsAnInvalidFieldNotAnInternalError() {
        String xml = "<RequestMessage><RequestHeader><ProtocolVersion>"
                + "<ProtocolVersionMajor type=\"Integer\" value=\"2\"/><ProtocolVersionMinor type=\"Integer\" value=\"1\"/>"
                + "</ProtocolVersion><BatchCount type=\"Integer\" value=\"1\"/></RequestHeader><BatchItem>"
                + "<Operation type=\"Enumeration\" value=\"Create\"/><RequestPayload>"
                + "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/><Attributes>"
                + "<CryptographicAlgorithm type=\"Enumeration\" value=\"AES\"/>"
                + "<CryptographicLength type=\"Integer\" value=\"128\"/>"
                + "<ActivationDate type=\"DateTime\" value=\"2024-01-01T00:00:00+00:00\"/>"
                + "</Attributes></RequestPayload></BatchItem></RequestMessage>";
        MessageDispatcher d = MessageDispatcher.builder().handlers(Handlers.standard()).store(ObjectStores.memory())
                .admins(Set.of()).build();

        ResponseBatchItem ok = ResponseMessage.decode(d.handle(KmipXml.read(xml), "alice", null)).batchItem().get(0);
        assertThat(ok.resultStatus()).as("control: %s", ok.resultMessage()).isEqualTo(ResultStatus.SUCCESS);

        Ttlv far = replaceDates(KmipXml.read(xml), 0x7FFF_FFFF_FFFF_0000L);
        ResponseBatchItem refused = ResponseMessage.decode(d.handle(far, "alice", null)).batchItem().get(0);
        assertThat(refused.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(refused.resultMessage()).contains("DateTime value");
    }

    private static Ttlv replaceDates(Ttlv t, long seconds) {
        if (t.type() == ItemType.DATE_TIME && t.tag() == Tag.ACTIVATION_DATE) {
            return Ttlv.dateTime(t.tag(), seconds);
        }
        if (!t.isStructure()) {
            return t;
        }
        List<Ttlv> kids = t.children().stream().map(c -> replaceDates(c, seconds)).toList();
        return Ttlv.structure(t.tag(), kids);
    }
}
