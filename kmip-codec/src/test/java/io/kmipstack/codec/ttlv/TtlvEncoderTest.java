package io.kmipstack.codec.ttlv;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TtlvEncoderTest {

    // Every kind of padding: after a 4-byte value, after text and bytes of odd lengths.
    private static final Ttlv PADDED = Ttlv.structure(0x420078,
            Ttlv.integer(0x42000D, 1),
            Ttlv.text(0x420055, "abc"),
            Ttlv.bytes(0x420043, Bytes.of(new byte[] {1, 2, 3, 4, 5})),
            Ttlv.enumeration(0x42005C, 2),
            Ttlv.interval(0x420020, 7));

    @Test
    void paddingIsWrittenEvenIntoARecycledBuffer() {
        // Pooled heap buffers hand back arrays that still hold earlier messages. The padding must be
        // written, not assumed to be zero, or the peer's strict decoder rejects the message.
        byte[] expected = TtlvEncoder.encode(PADDED);
        ByteBuf buf = Unpooled.buffer(expected.length + 8);
        try {
            byte[] garbage = new byte[buf.capacity()];
            Arrays.fill(garbage, (byte) 0xA5);
            buf.writeBytes(garbage).clear();
            TtlvEncoder.encode(PADDED, buf);
            assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(expected);
            assertThat(TtlvDecoder.create().decode(ByteBufUtil.getBytes(buf))).isEqualTo(PADDED);
        } finally {
            buf.release();
        }
    }

    @Test
    void paddingIsWrittenIntoAReusedPooledBuffer() {
        byte[] expected = TtlvEncoder.encode(PADDED);
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(false);
        for (int i = 0; i < 4; i++) {
            ByteBuf dirty = alloc.heapBuffer(expected.length);
            dirty.writeBytes(new byte[expected.length]).clear();
            while (dirty.isWritable()) {
                dirty.writeByte(0xFF);
            }
            dirty.release();
            ByteBuf buf = alloc.heapBuffer(expected.length);
            try {
                TtlvEncoder.encode(PADDED, buf);
                assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(expected);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void appendsAfterWhatIsInTheBuffer() {
        ByteBuf buf = Unpooled.buffer(4);
        try {
            buf.writeBytes(new byte[] {9, 9, 9});
            TtlvEncoder.encode(Ttlv.integer(0x420020, 8), buf);
            // KMIP 1.4 section 9.1.2: An Integer containing the decimal value 8
            assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(hex("09 09 09 | 42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"));
        } finally {
            buf.release();
        }
    }

    @Test
    void directBufferGetsTheSameBytes() {
        byte[] expected = TtlvEncoder.encode(PADDED);
        ByteBuf buf = Unpooled.directBuffer(8);
        try {
            TtlvEncoder.encode(PADDED, buf);
            assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(expected);
        } finally {
            buf.release();
        }
    }

    @Test
    void nonAsciiTextIsCountedInUtf8Bytes() {
        Ttlv t = Ttlv.text(0x420055, "é€");
        // 2 + 3 = 5 bytes of UTF-8, padded to 8
        assertThat(TtlvEncoder.encode(t)).isEqualTo(hex("42 00 55 | 07 | 00 00 00 05 | C3 A9 E2 82 AC 00 00 00"));
        assertThat(TtlvEncoder.encodedLength(t)).isEqualTo(16);
    }

    @Test
    void emptyValues() {
        assertThat(TtlvEncoder.encode(Ttlv.structure(0x420078))).isEqualTo(hex("42 00 78 | 01 | 00 00 00 00"));
        assertThat(TtlvEncoder.encode(Ttlv.text(0x420055, ""))).isEqualTo(hex("42 00 55 | 07 | 00 00 00 00"));
        assertThat(TtlvEncoder.encode(Ttlv.bytes(0x420043, Bytes.EMPTY))).isEqualTo(hex("42 00 43 | 08 | 00 00 00 00"));
        assertThat(TtlvDecoder.create().decode(hex("42 00 55 | 07 | 00 00 00 00")).textValue()).isEmpty();
    }
}
