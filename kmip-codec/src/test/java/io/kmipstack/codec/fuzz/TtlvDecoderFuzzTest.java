package io.kmipstack.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kmipstack.codec.netty.InvalidKmipMessage;
import io.kmipstack.codec.netty.KmipPipeline;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.Arrays;

/**
 * Fuzzes the strict TTLV decoder and the Netty framing in front of it with arbitrary bytes. The
 * contract checked on every input: the decoder either returns a tree or throws
 * {@link TtlvDecodingException} (nothing else: no index, arithmetic, or out-of-memory error), and
 * a tree it accepts re-encodes to exactly the input (the decoder is strict, so there is one
 * encoding per tree). The framing never emits a frame above its limit, turns content errors into
 * {@link InvalidKmipMessage}, reports only the two framing errors, and leaks no buffer (leak
 * detection is paranoid in tests). Runs on the seed corpus in every build; {@code -Pfuzz-long}
 * fuzzes.
 */
class TtlvDecoderFuzzTest {

    // Small limits so the fuzzer reaches the limit checks with small inputs.
    private static final TtlvLimits LIMITS = new TtlvLimits(4096, 8);
    private static final TtlvDecoder DECODER = TtlvDecoder.create(LIMITS);
    private static final TtlvDecoder DEFAULT_DECODER = TtlvDecoder.create();

    @FuzzTest
    void decode(byte[] data) {
        check(DEFAULT_DECODER, data);
        check(DECODER, data);
    }

    private static void check(TtlvDecoder decoder, byte[] data) {
        Ttlv tree;
        try {
            tree = decoder.decode(data);
        } catch (TtlvDecodingException e) {
            if (e.getMessage() == null || e.getMessage().length() > 600) {
                throw new AssertionError("unhelpful or unbounded message: " + e.getMessage(), e);
            }
            return;
        }
        byte[] again = TtlvEncoder.encode(tree);
        if (!Arrays.equals(again, data)) {
            throw new AssertionError("accepted bytes do not re-encode to themselves: " + data.length + " in, "
                    + again.length + " out");
        }
        if (TtlvEncoder.encodedLength(tree) != data.length) {
            throw new AssertionError("encodedLength: " + TtlvEncoder.encodedLength(tree) + " (expected: " + data.length + ")");
        }
    }

    @FuzzTest
    void frames(byte[] data) {
        EmbeddedChannel ch = new EmbeddedChannel();
        KmipPipeline.addCodec(ch.pipeline(), LIMITS);
        boolean framingLost = false;
        try {
            // Chunk sizes 1, 2, 3, 5, 8, 13, ... so that every header and value boundary is split somewhere.
            int a = 1;
            int b = 2;
            for (int at = 0; at < data.length && !framingLost; ) {
                int n = Math.min(a, data.length - at);
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(data, at, n));
                } catch (DecoderException e) {
                    Throwable cause = e instanceof TooLongFrameException || e instanceof CorruptedFrameException ? e : e.getCause();
                    if (!(cause instanceof TooLongFrameException) && !(cause instanceof CorruptedFrameException)) {
                        throw new AssertionError("unexpected framing failure", e);
                    }
                    framingLost = true;
                }
                at += n;
                int next = a + b;
                a = b;
                b = Math.min(next, 64);
            }
            for (Object out; (out = ch.readInbound()) != null; ) {
                if (out instanceof Ttlv t) {
                    if (TtlvEncoder.encodedLength(t) > LIMITS.maxMessageSize()) {
                        throw new AssertionError("frame over the limit: " + TtlvEncoder.encodedLength(t));
                    }
                } else if (!(out instanceof InvalidKmipMessage)) {
                    throw new AssertionError("unexpected message " + out.getClass());
                }
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
