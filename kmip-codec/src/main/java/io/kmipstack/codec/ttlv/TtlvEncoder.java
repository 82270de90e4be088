package io.kmipstack.codec.ttlv;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * TTLV encoder (KMIP 1.4 section 9.1, 2.1 section 10.1): big-endian, every value padded with zero
 * bytes to a multiple of eight. Sizes the message first, then writes it in one pass into an array
 * of exactly that size, so encoding allocates the output and nothing else for ASCII text. For the
 * typed model, {@link TtlvWriter} writes the same bytes without building a tree first.
 */
public final class TtlvEncoder {

    private TtlvEncoder() {
    }

    /** The number of bytes {@code item} encodes to, header included. */
    public static int encodedLength(Ttlv item) {
        return 8 + paddedValueLength(item);
    }

    /** Encodes {@code item} into a new array. */
    public static byte[] encode(Ttlv item) {
        byte[] out = new byte[encodedLength(item)];
        int end = write(item, item.tag(), out, 0);
        assert end == out.length;
        return out;
    }

    /** Appends the encoding of {@code item} to {@code buf}. */
    public static void encode(Ttlv item, ByteBuf buf) {
        int len = encodedLength(item);
        buf.ensureWritable(len);
        int at = buf.writerIndex();
        if (buf.hasArray()) {
            // write() sets every byte, padding included: a pooled array's old content cannot leak.
            write(item, item.tag(), buf.array(), buf.arrayOffset() + at);
            buf.writerIndex(at + len);
        } else {
            byte[] tmp = new byte[len];
            write(item, item.tag(), tmp, 0);
            buf.writeBytes(tmp);
        }
    }

    private static int valueLength(Ttlv item) {
        return switch (item.type()) {
            case STRUCTURE -> {
                int sum = 0;
                for (Ttlv c : children(item)) {
                    sum += 8 + paddedValueLength(c);
                }
                yield sum;
            }
            case TEXT_STRING -> item.isTextView() ? item.viewLength() : TtlvFormat.utf8Length((String) item.ref());
            case BYTE_STRING, BIG_INTEGER -> item.bytesValue().length();
            default -> item.type().fixedLength();
        };
    }

    private static int paddedValueLength(Ttlv item) {
        return TtlvFormat.padded(valueLength(item));
    }

    /**
     * Writes {@code item} under {@code tag} (its own, or another for {@link TtlvWriter#write(int, Ttlv)})
     * at {@code at}, where {@link #encodedLength} bytes are free; returns the offset past it.
     */
    static int write(Ttlv item, int tag, byte[] out, int at) {
        ItemType type = item.type();
        switch (type) {
            case STRUCTURE -> {
                int p = at + 8;
                for (Ttlv c : children(item)) {
                    p = write(c, c.tag(), out, p);
                }
                TtlvFormat.header(out, at, tag, type, p - at - 8);
                return p;
            }
            case INTEGER, ENUMERATION, INTERVAL -> {
                return TtlvFormat.int32(out, at, tag, type, (int) item.primitive());
            }
            case LONG_INTEGER, DATE_TIME, DATE_TIME_EXTENDED, BOOLEAN -> {
                return TtlvFormat.int64(out, at, tag, type, item.primitive());
            }
            case BYTE_STRING, BIG_INTEGER -> {
                Bytes b = (Bytes) item.ref();
                return TtlvFormat.bytes(out, at, tag, type, b.array(), b.offset(), b.length());
            }
            case TEXT_STRING -> {
                if (item.isTextView()) {
                    return TtlvFormat.bytes(out, at, tag, type, (byte[]) item.ref(), item.viewOffset(), item.viewLength());
                }
                String s = (String) item.ref();
                int end = TtlvFormat.ascii(out, at, tag, s);
                if (end < 0) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    end = TtlvFormat.bytes(out, at, tag, type, utf8, 0, utf8.length);
                }
                return end;
            }
            default -> throw new AssertionError(type);
        }
    }

    private static Ttlv[] children(Ttlv structure) {
        return ((TtlvChildren) structure.children()).array();
    }
}
