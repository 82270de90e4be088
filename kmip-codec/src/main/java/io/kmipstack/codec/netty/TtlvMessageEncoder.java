package io.kmipstack.codec.netty;

import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link Ttlv} message (a top-level Structure, KMIP 1.4 section 9.1) as binary TTLV, for
 * client requests and server responses alike. The output buffer is a heap buffer of exactly the
 * encoded size, so {@link TtlvEncoder#encode(Ttlv, io.netty.buffer.ByteBuf)} writes straight into
 * its backing array in one pass and the buffer never grows. A non-Structure is refused with an
 * {@link EncoderException}: the peer's frame decoder would reject it anyway.
 *
 * <p>Stateless and {@link Sharable}.
 */
@Sharable
public final class TtlvMessageEncoder extends MessageToByteEncoder<Ttlv> {

    private static final TtlvMessageEncoder INSTANCE = new TtlvMessageEncoder();

    private TtlvMessageEncoder() {
        super(Ttlv.class, false);
    }

    /** The shared encoder. */
    public static TtlvMessageEncoder create() {
        return INSTANCE;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Ttlv msg, boolean preferDirect) {
        return ctx.alloc().heapBuffer(TtlvEncoder.encodedLength(msg));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Ttlv msg, ByteBuf out) {
        if (msg.type() != ItemType.STRUCTURE) {
            throw new EncoderException(String.format(
                    "message item type: %s (expected: Structure)", msg.type().xmlName()));
        }
        TtlvEncoder.encode(msg, out);
    }
}
