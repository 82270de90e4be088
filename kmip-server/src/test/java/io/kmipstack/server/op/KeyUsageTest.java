package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.op.KeyUsage.Purpose;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The key-usability rules the cryptographic services will call. */
class KeyUsageTest {

    private static ResultReason use(OpHarness h, String id, int usage, Purpose purpose) {
        try {
            h.store.read(tx -> KeyUsage.require(new TestContext(h.identity, false, h.version, Operation.ENCRYPT, tx,
                    Clock.fixed(h.now, ZoneOffset.UTC), h.batch), uid(id), usage, purpose));
            return null;
        } catch (KmipException e) {
            return e.resultReason();
        }
    }

    @Test
    void protectionNeedsAnActiveKeyWithTheBitAndProcessingAlsoAcceptsARevokedOne() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(128); // Encrypt | Decrypt
        assertThat(use(h, id, CryptographicUsageMask.ENCRYPT, Purpose.PROTECT)).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        h.call(new ActivateRequestPayload(uid(id)));
        assertThat(use(h, id, CryptographicUsageMask.ENCRYPT, Purpose.PROTECT)).isNull();
        assertThat(use(h, id, CryptographicUsageMask.SIGN, Purpose.PROTECT))
                .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
        h.call(new RevokeRequestPayload(uid(id), new RevocationReason(RevocationReasonCode.SUPERSEDED, null), null));
        assertThat(use(h, id, CryptographicUsageMask.ENCRYPT, Purpose.PROTECT)).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        assertThat(use(h, id, CryptographicUsageMask.DECRYPT, Purpose.PROCESS)).isNull();
        assertThat(use(h, "nothing", CryptographicUsageMask.DECRYPT, Purpose.PROCESS)).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
    }

    @Test
    void theProtectStopAndProcessStartDatesBoundTheUse() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128, date(Tag.ACTIVATION_DATE, h.now.minusSeconds(10)),
                date(Tag.PROTECT_STOP_DATE, h.now.plusSeconds(10)), date(Tag.PROCESS_START_DATE, h.now.plusSeconds(5)));
        assertThat(use(h, id, CryptographicUsageMask.ENCRYPT, Purpose.PROTECT)).isNull();
        assertThat(use(h, id, CryptographicUsageMask.DECRYPT, Purpose.PROCESS)).isEqualTo(ResultReason.PERMISSION_DENIED);
        h.now = h.now.plusSeconds(10);
        assertThat(use(h, id, CryptographicUsageMask.ENCRYPT, Purpose.PROTECT)).isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(use(h, id, CryptographicUsageMask.DECRYPT, Purpose.PROCESS)).isNull();
    }
}
