package io.kmipstack.codec.netty;

import io.kmipstack.codec.ttlv.TtlvLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts a byte stream into KMIP messages, each emitted as its own {@code byte[]}. A KMIP message is
 * one top-level TTLV Structure (KMIP 1.4 section 9.1, 2.1 section 10.1), so its size is known from
 * its first eight bytes: tag (3), type (1), value length (4, big-endian), and it spans
 * {@code 8 + length} bytes. The bytes are copied out of the cumulation buffer exactly once, into an
 * array the frame owns; {@link io.kmipstack.codec.ttlv.TtlvDecoder} then shares that array.
 *
 * <p>Two framing errors are detected, both as early as the bytes allow and before anything is
 * allocated for the frame: a type byte other than Structure (0x01), reported as a
 * {@link CorruptedFrameException} once four bytes have arrived; and a declared frame length above
 * {@link #maxFrameLength()}, reported as a {@link TooLongFrameException}
 * ({@code "frame length: 70000 (expected: <= 65536)"}) once the header has arrived, without waiting
 * for or reading the body. After either, the stream cannot be resynchronised: this decoder consumes
 * nothing of the failing input and silently discards everything it receives afterwards. It leaves
 * the channel open; its owner decides whether to answer and then closes it. Errors inside a frame
 * that framed correctly are not this handler's business: {@link TtlvMessageDecoder} turns them into
 * {@link InvalidKmipMessage} and the connection stays usable.
 *
 * <p>Stateful: one instance per channel.
 */
public final class KmipFrameDecoder extends ByteToMessageDecoder {

    static final int HEADER_LENGTH = 8;
    private static final int STRUCTURE = 0x01;

    private final int maxFrameLength;
    private boolean failed;

    private KmipFrameDecoder(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    /** A decoder accepting frames up to {@link TtlvLimits#DEFAULT_MAX_MESSAGE_SIZE} bytes. */
    public static KmipFrameDecoder create() {
        return new KmipFrameDecoder(TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** A decoder accepting frames up to {@code limits.maxMessageSize()} bytes, header included. */
    public static KmipFrameDecoder create(TtlvLimits limits) {
        return create(limits.maxMessageSize());
    }

    /** A decoder accepting frames up to {@code maxFrameLength} bytes, header included. */
    public static KmipFrameDecoder create(int maxFrameLength) {
        if (maxFrameLength < HEADER_LENGTH) {
            throw new IllegalArgumentException(
                    "maxFrameLength: " + maxFrameLength + " (expected: >= " + HEADER_LENGTH + ")");
        }
        return new KmipFrameDecoder(maxFrameLength);
    }

    /** The largest accepted frame, in bytes, the eight-byte header included. */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable < 4) {
            return;
        }
        int type = in.getUnsignedByte(start + 3);
        if (type != STRUCTURE) {
            failed = true;
            throw new CorruptedFrameException(
                    String.format("message item type: 0x%02X (expected: 0x01, Structure)", type));
        }
        if (readable < HEADER_LENGTH) {
            return;
        }
        // Unsigned: a declared length of 0xFFFFFFFF must compare as large, not as -1.
        long frameLength = in.getUnsignedInt(start + 4) + HEADER_LENGTH;
        if (frameLength > maxFrameLength) {
            failed = true;
            throw new TooLongFrameException(
                    "frame length: " + frameLength + " (expected: <= " + maxFrameLength + ")");
        }
        if (readable < frameLength) {
            return;
        }
        byte[] frame = new byte[(int) frameLength];
        in.readBytes(frame);
        out.add(frame);
    }
}
