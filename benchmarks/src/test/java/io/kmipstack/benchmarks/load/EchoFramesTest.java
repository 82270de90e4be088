package io.kmipstack.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoFramesTest {

    @Test
    void mixFramesAreTheRequestsOfEachKindInOrder() {
        // From 1.4: before it, Decrypt has no Authenticated Encryption Tag, so GCM cannot be decrypted.
        for (KmipVersion v : List.of(KmipVersion.V1_4, KmipVersion.V2_0, KmipVersion.V2_1)) {
            List<byte[]> frames = EchoFrames.frames(BenchOperation.MIX, 4096, v);
            List<Operation> ops = frames.stream()
                    .map(f -> RequestMessage.decode(TtlvDecoder.create().decode(f)))
                    .peek(m -> assertThat(m.requestHeader().protocolVersion().protocolVersionMinor()).isEqualTo(v.minor()))
                    .map(m -> m.batchItem().get(0).operation())
                    .toList();
            assertThat(ops).as("KMIP %s", v)
                    .containsExactly(Operation.GET, Operation.ENCRYPT, Operation.DECRYPT, Operation.LOCATE, Operation.CREATE);
        }
    }

    @Test
    void encryptFrameCarriesTheDataSize() {
        byte[] frame = EchoFrames.frame(BenchOperation.ENCRYPT, 4096, KmipVersion.V1_2);
        RequestMessage m = RequestMessage.decode(TtlvDecoder.create().decode(frame));
        EncryptRequestPayload p = (EncryptRequestPayload) m.batchItem().get(0).requestPayload();
        assertThat(p.data().length()).isEqualTo(4096);
        // PyKMIP 0.10's own AES-GCM 4 KiB Encrypt request (KMIP 1.2, 12-byte IV given, integer id) is
        // 4,304 bytes (shared/ttlv-vectors/pykmip-0.10-wire); ours carries no IV and a 36-character id.
        assertThat(frame.length).isBetween(4200, 4400);
    }

    @Test
    void signFrameAsksForRsaSha256Pkcs1() {
        byte[] frame = EchoFrames.frame(BenchOperation.SIGN, 100, KmipVersion.V2_1);
        RequestMessage m = RequestMessage.decode(TtlvDecoder.create().decode(frame));
        assertThat(m.batchItem().get(0).operation()).isEqualTo(Operation.SIGN);
    }
}
