package io.kmipstack.server;

import static io.kmipstack.server.MessageLayerIT.pv;
import static io.kmipstack.server.Requests.create;
import static io.kmipstack.server.Requests.item;
import static io.kmipstack.server.Requests.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.server.audit.AuditEvent;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.audit.MemoryAuditLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every answered batch item is one audit event with its final status, and nothing else is. */
class AuditIT {

    @Test
    void eachAnsweredItemIsAuditedWithItsFinalStatus() throws Exception {
        MemoryAuditLog audit = AuditLog.memory();
        String created;
        try (KmipServer server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(new TestStore())
                .handlers(Requests.FAKES).audit(audit).start();
                RawClient c = RawClient.connect(server.port(), TestPki.PKI.client("alice"))) {
            RequestHeader cont = new RequestHeader(pv(2, 1), null, null, null, null, null, null, null, null,
                    BatchErrorContinuationOption.CONTINUE, null, null, 2);
            c.send(message(cont, create("01"), item("02", Operation.DESTROY, DestroyRequestPayload.of()))
                    .encode(KmipVersion.V2_1));
            ResponseMessage r = c.receiveResponse();
            created = ((CreateResponsePayload) r.batchItem().get(0).responsePayload()).uniqueIdentifier().toString();

            RequestHeader undo = new RequestHeader(pv(1, 4), null, null, null, null, null, null, null, null,
                    BatchErrorContinuationOption.UNDO, null, null, 2);
            c.send(message(undo, create("03"), item("04", Operation.DESTROY, DestroyRequestPayload.of()))
                    .encode(KmipVersion.V1_4));
            c.receiveResponse();

            c.send(new byte[] {0x42, 0x00, 0x78, 0x01, 0x00, 0x00, 0x00, 0x08, 0x42, 0x00, 0x77, 0x0F, 0, 0, 0, 0});
            c.receiveResponse();
        }
        List<AuditEvent> events = audit.events();
        assertThat(events).extracting(AuditEvent::operation).containsExactly(
                Operation.CREATE, Operation.DESTROY, Operation.CREATE, Operation.DESTROY, null);
        assertThat(events).extracting(AuditEvent::resultStatus).containsExactly(ResultStatus.SUCCESS,
                ResultStatus.OPERATION_FAILED, ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED,
                ResultStatus.OPERATION_FAILED);
        assertThat(events.get(1).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(events.get(4).resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(events.get(0).uniqueIdentifiers()).containsExactly(created);
        assertThat(events.get(0).identity()).isEqualTo("alice");
        assertThat(events.get(0).protocolVersion()).isEqualTo(KmipVersion.V2_1);
        assertThat(events.get(0).clientAddress()).contains("127.0.0.1");
    }
}
