package io.kmipstack.codec.netty;

import io.kmipstack.codec.ttlv.TtlvLimits;
import io.netty.channel.ChannelPipeline;

/**
 * Installs the KMIP TTLV codec in a pipeline, the same way for client and server: after whatever
 * is already there (typically the {@code SslHandler}) it adds {@link KmipFrameDecoder},
 * {@link TtlvMessageDecoder} and {@link TtlvMessageEncoder} under the names below. Handlers added
 * afterwards read {@link io.kmipstack.codec.ttlv.Ttlv} or {@link InvalidKmipMessage} and write
 * {@link io.kmipstack.codec.ttlv.Ttlv}; framing errors reach them as
 * {@link io.netty.handler.codec.TooLongFrameException} or
 * {@link io.netty.handler.codec.CorruptedFrameException} in {@code exceptionCaught}.
 */
public final class KmipPipeline {

    public static final String FRAME_DECODER = "kmip-frame-decoder";
    public static final String MESSAGE_DECODER = "kmip-message-decoder";
    public static final String MESSAGE_ENCODER = "kmip-message-encoder";

    private KmipPipeline() {
    }

    /** Adds the codec with one set of limits: the frame limit is {@code limits.maxMessageSize()}. */
    public static ChannelPipeline addCodec(ChannelPipeline pipeline, TtlvLimits limits) {
        return pipeline
                .addLast(FRAME_DECODER, KmipFrameDecoder.create(limits))
                .addLast(MESSAGE_DECODER, TtlvMessageDecoder.create(limits))
                .addLast(MESSAGE_ENCODER, TtlvMessageEncoder.create());
    }

    /** Adds the codec with {@link TtlvLimits#DEFAULT}. */
    public static ChannelPipeline addCodec(ChannelPipeline pipeline) {
        return addCodec(pipeline, TtlvLimits.DEFAULT);
    }
}
