package io.kmipstack.codec.netty;

import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Decodes each frame from {@link KmipFrameDecoder} with the strict {@link TtlvDecoder} and passes
 * on either the {@link Ttlv} tree or, when the bytes are not well-formed TTLV, an
 * {@link InvalidKmipMessage}. A content error is a message, not an exception, because unlike a
 * framing error it leaves the connection usable: the next frame decodes normally, and the handler
 * behind sees failures in the same order as the requests or responses they stand for.
 *
 * <p>Stateless and {@link Sharable}.
 */
@Sharable
public final class TtlvMessageDecoder extends MessageToMessageDecoder<byte[]> {

    private static final TtlvMessageDecoder DEFAULT = new TtlvMessageDecoder(TtlvDecoder.create());

    private final TtlvDecoder decoder;

    private TtlvMessageDecoder(TtlvDecoder decoder) {
        super(byte[].class);
        this.decoder = decoder;
    }

    /** The shared decoder with {@link TtlvLimits#DEFAULT}. */
    public static TtlvMessageDecoder create() {
        return DEFAULT;
    }

    public static TtlvMessageDecoder create(TtlvLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return limits.equals(TtlvLimits.DEFAULT) ? DEFAULT : new TtlvMessageDecoder(TtlvDecoder.create(limits));
    }

    public TtlvLimits limits() {
        return decoder.limits();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, byte[] frame, List<Object> out) {
        try {
            out.add(decoder.decode(frame));
        } catch (TtlvDecodingException e) {
            // The frame array is ours alone (KmipFrameDecoder copies each frame), so wrapping is safe.
            out.add(new InvalidKmipMessage(Bytes.wrap(frame), e));
        }
    }
}
