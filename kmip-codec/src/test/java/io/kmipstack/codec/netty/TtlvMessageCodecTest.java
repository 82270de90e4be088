package io.kmipstack.codec.netty;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.codec.ttlv.TtlvTestVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtlvMessageCodecTest {

    private static final byte[] CREATE = TtlvTestVectors.wireMessage("create_aes256_req");
    private static final byte[] ENCRYPT = TtlvTestVectors.wireMessage("encrypt_gcm_4096_req");

    @Test
    void decodesFramesToTrees() {
        EmbeddedChannel ch = new EmbeddedChannel(TtlvMessageDecoder.create());
        assertThat(ch.writeInbound(CREATE.clone())).isTrue();
        assertThat(ch.<Object>readInbound()).isEqualTo(TtlvDecoder.create().decode(CREATE));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void malformedFrameBecomesInvalidMessageAndTheStreamStaysInStep() {
        // A Boolean of value 2 inside a Structure: framed correctly, but not well-formed TTLV.
        byte[] bad = hex("42 00 78 | 01 | 00 00 00 10 | 42 00 08 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 02");
        ByteBuf in = Unpooled.buffer().writeBytes(CREATE).writeBytes(bad).writeBytes(ENCRYPT);
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create(), TtlvMessageDecoder.create());
        assertThat(ch.writeInbound(in)).isTrue();

        assertThat(ch.<Object>readInbound()).isEqualTo(TtlvDecoder.create().decode(CREATE));
        Object second = ch.readInbound();
        assertThat(second).isInstanceOf(InvalidKmipMessage.class);
        InvalidKmipMessage invalid = (InvalidKmipMessage) second;
        assertThat(invalid.frame().toByteArray()).isEqualTo(bad);
        assertThat(invalid.cause().offset()).isEqualTo(8);
        assertThat(invalid.cause().tagPath()).isEqualTo("420078/420008");
        assertThat(invalid.toString()).contains("Bytes[len=24, redacted]");
        assertThat(ch.<Object>readInbound()).isEqualTo(TtlvDecoder.create().decode(ENCRYPT));
        assertThat(in.refCnt()).isZero();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void messageDecoderAppliesItsDepthLimit() {
        // Structure > Structure > Integer is three levels deep.
        byte[] nested = hex("42 00 78 | 01 | 00 00 00 18 | 42 00 77 | 01 | 00 00 00 10 |"
                + " 42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00");
        EmbeddedChannel ch = new EmbeddedChannel(TtlvMessageDecoder.create(new TtlvLimits(1024, 2)));
        ch.writeInbound(nested.clone());
        Object out = ch.readInbound();
        assertThat(out).isInstanceOf(InvalidKmipMessage.class);
        assertThat(((InvalidKmipMessage) out).cause().tagPath()).isEqualTo("420078/420077");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderWritesWhatTtlvEncoderWrites() {
        EmbeddedChannel ch = new EmbeddedChannel(TtlvMessageEncoder.create());
        List<byte[]> expected = new ArrayList<>();
        for (TtlvTestVectors.Message m : TtlvTestVectors.wireMessages()) {
            Ttlv tree = TtlvDecoder.create().decode(m.bytes());
            expected.add(TtlvEncoder.encode(tree));
            assertThat(ch.writeOutbound(tree)).isTrue();
        }
        for (byte[] e : expected) {
            ByteBuf out = ch.readOutbound();
            // Heap and exactly sized: the encoder took the backing-array path and never grew.
            assertThat(out.hasArray()).isTrue();
            assertThat(out.readableBytes()).isEqualTo(e.length);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(e);
            out.release();
            assertThat(out.refCnt()).isZero();
        }
        assertThat(ch.<Object>readOutbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderRefusesANonStructureMessage() {
        EmbeddedChannel ch = new EmbeddedChannel(TtlvMessageEncoder.create());
        assertThatThrownBy(() -> ch.writeOutbound(Ttlv.text(0x420078, "hi")))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("message item type: TextString (expected: Structure)");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void clientAndServerPipelinesTalk() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel server = new EmbeddedChannel();
        KmipPipeline.addCodec(client.pipeline());
        KmipPipeline.addCodec(server.pipeline(), new TtlvLimits(8192, 16));
        assertThat(server.pipeline().get(KmipFrameDecoder.class).maxFrameLength()).isEqualTo(8192);

        Ttlv request = TtlvDecoder.create().decode(ENCRYPT);
        Ttlv response = Ttlv.structure(0x42007B, Ttlv.bytes(0x4200C2, Bytes.of(new byte[] {1, 2, 3})));
        client.writeOutbound(request);
        ByteBuf wire = client.readOutbound();
        server.writeInbound(wire);
        assertThat(server.<Object>readInbound()).isEqualTo(request);
        server.writeOutbound(response);
        client.writeInbound((ByteBuf) server.readOutbound());
        assertThat(client.<Object>readInbound()).isEqualTo(response);
        assertThat(wire.refCnt()).isZero();
        assertThat(client.finishAndReleaseAll()).isFalse();
        assertThat(server.finishAndReleaseAll()).isFalse();
    }

    @Test
    void sharableHandlersAreShared() {
        assertThat(TtlvMessageEncoder.create().isSharable()).isTrue();
        assertThat(TtlvMessageDecoder.create().isSharable()).isTrue();
        assertThat(TtlvMessageEncoder.create()).isSameAs(TtlvMessageEncoder.create());
        assertThat(TtlvMessageDecoder.create(TtlvLimits.DEFAULT)).isSameAs(TtlvMessageDecoder.create());
    }
}
