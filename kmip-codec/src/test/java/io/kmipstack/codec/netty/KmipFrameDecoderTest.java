package io.kmipstack.codec.netty;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.TtlvTestVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmipFrameDecoderTest {

    private static List<byte[]> messages;
    private static byte[] stream;

    // Every buffer handed to a channel, so each test can check the decoder released all of them.
    private final List<ByteBuf> fed = new ArrayList<>();

    @BeforeAll
    static void loadMessages() {
        messages = new ArrayList<>();
        TtlvTestVectors.testCaseMessages().forEach(m -> messages.add(m.bytes()));
        TtlvTestVectors.wireMessages().forEach(m -> messages.add(m.bytes()));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        messages.forEach(all::writeBytes);
        stream = all.toByteArray();
        assertThat(messages).hasSizeGreaterThan(30);
    }

    @AfterEach
    void everyInputReleased() {
        for (ByteBuf b : fed) {
            assertThat(b.refCnt()).as("input buffer refCnt").isZero();
        }
    }

    private ByteBuf buf(byte[] bytes, int from, int to) {
        ByteBuf b = Unpooled.buffer(to - from).writeBytes(bytes, from, to - from);
        fed.add(b);
        return b;
    }

    private static List<byte[]> drain(EmbeddedChannel ch) {
        List<byte[]> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((byte[]) o);
        }
        return out;
    }

    @Test
    void oneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        List<byte[]> frames = new ArrayList<>();
        int nextEnd = messages.get(0).length;
        int index = 0;
        for (int i = 0; i < stream.length; i++) {
            ch.writeInbound(buf(stream, i, i + 1));
            List<byte[]> got = drain(ch);
            // A frame comes out exactly with its last byte, never before.
            if (i + 1 == nextEnd) {
                assertThat(got).as("after byte %d", i).hasSize(1);
                index++;
                nextEnd += index < messages.size() ? messages.get(index).length : 0;
            } else {
                assertThat(got).as("after byte %d", i).isEmpty();
            }
            frames.addAll(got);
        }
        assertThat(frames).containsExactlyElementsOf(messages);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4096})
    void randomChunks(long seed) {
        Random random = new Random(seed);
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; ) {
            // Mostly small chunks, sometimes large ones spanning several frames.
            int n = random.nextInt(4) == 0 ? 1 + random.nextInt(6000) : 1 + random.nextInt(24);
            int to = Math.min(stream.length, i + n);
            ch.writeInbound(buf(stream, i, to));
            frames.addAll(drain(ch));
            i = to;
        }
        assertThat(frames).containsExactlyElementsOf(messages);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void manyFramesInOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        assertThat(ch.writeInbound(buf(stream, 0, stream.length))).isTrue();
        assertThat(drain(ch)).containsExactlyElementsOf(messages);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void headerSplitAcrossReads() {
        byte[] m = messages.get(0);
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        assertThat(ch.writeInbound(buf(m, 0, 3))).isFalse();
        assertThat(ch.writeInbound(buf(m, 3, 7))).isFalse();
        assertThat(ch.writeInbound(buf(m, 7, m.length - 1))).isFalse();
        assertThat(ch.writeInbound(buf(m, m.length - 1, m.length))).isTrue();
        assertThat((byte[]) ch.readInbound()).isEqualTo(m);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void emptyStructureIsAFrameOfEightBytes() {
        byte[] m = hex("42 00 78 | 01 | 00 00 00 00");
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create(8));
        assertThat(ch.writeInbound(buf(m, 0, m.length))).isTrue();
        assertThat((byte[]) ch.readInbound()).isEqualTo(m);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void frameOfExactlyTheMaximumIsAccepted() {
        byte[] m = messages.get(0);
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create(m.length));
        assertThat(ch.writeInbound(buf(m, 0, m.length))).isTrue();
        assertThat((byte[]) ch.readInbound()).isEqualTo(m);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void oversizedFrameRefusedFromTheHeaderAlone() {
        // 69,992 value bytes + 8 header bytes = 70,000
        byte[] header = hex("42 00 78 | 01 | 00 01 11 68");
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create(65536));
        assertThat(ch.writeInbound(buf(header, 0, 7))).isFalse();
        assertThatThrownBy(() -> ch.writeInbound(buf(header, 7, 8)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame length: 70000 (expected: <= 65536)");
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void oversizedFrameConsumesNothingAndLaterInputIsDiscarded() {
        byte[] header = hex("42 00 7B | 01 | 00 01 11 68");
        ByteBuf first = Unpooled.buffer(108).writeBytes(header).writeZero(100);
        first.retain(); // keep it inspectable after the decoder is done with it
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create(65536));
        assertThatThrownBy(() -> ch.writeInbound(first))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame length: 70000 (expected: <= 65536)");
        // Nothing was read past the header, nor copied: the body was never touched.
        assertThat(first.readerIndex()).isZero();
        assertThat(first.capacity()).isEqualTo(108);

        // The stream is out of step for good: a perfectly good message afterwards is dropped,
        // without a second exception, and the channel is left for its owner to close.
        byte[] good = messages.get(0);
        assertThat(ch.writeInbound(buf(good, 0, good.length))).isFalse();
        assertThat(ch.<Object>readInbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
        assertThat(first.refCnt()).isEqualTo(1);
        first.release();
    }

    @Test
    void declaredLengthOfFourGigabytesIsRefusedWithoutOverflow() {
        byte[] header = hex("42 00 78 | 01 | FF FF FF FF");
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        assertThatThrownBy(() -> ch.writeInbound(buf(header, 0, 8)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame length: 4294967303 (expected: <= 1048576)");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void topLevelTypeOtherThanStructureRefusedAfterFourBytes() {
        // A top-level Text String: framable in principle, but never a KMIP message.
        byte[] text = hex("42 00 78 | 07 | 00 00 00 02 | 68 69 00 00 00 00 00 00");
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        assertThat(ch.writeInbound(buf(text, 0, 3))).isFalse();
        assertThatThrownBy(() -> ch.writeInbound(buf(text, 3, 4)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessage("message item type: 0x07 (expected: 0x01, Structure)");
        assertThat(ch.writeInbound(buf(text, 4, text.length))).isFalse();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void plaintextHttpIsNotKmip() {
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        assertThatThrownBy(() -> ch.writeInbound(buf(http, 0, http.length)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessage("message item type: 0x20 (expected: 0x01, Structure)");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void partialFrameAtEndOfStreamIsDroppedAndReleased() {
        byte[] m = messages.get(1);
        EmbeddedChannel ch = new EmbeddedChannel(KmipFrameDecoder.create());
        assertThat(ch.writeInbound(buf(m, 0, m.length - 8))).isFalse();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void maximumBelowOneHeaderIsRejected() {
        assertThatThrownBy(() -> KmipFrameDecoder.create(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength: 7 (expected: >= 8)");
    }

    @Test
    void notSharable() {
        assertThat(KmipFrameDecoder.create().isSharable()).isFalse();
        assertThat(KmipFrameDecoder.create()).isNotSameAs(KmipFrameDecoder.create());
    }
}
