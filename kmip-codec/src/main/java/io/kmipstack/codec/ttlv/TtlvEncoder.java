package io.kmipstack.codec.ttlv;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * TTLV encoder (KMIP 1.4 section 9.1, 2.1 section 10.1): big-endian, every value padded with zero
 * bytes to a multiple of eight. Sizes the message first, then writes it in one pass into an array
 * of exactly that size, so encoding allocates the output and nothing else for ASCII text.
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
        int end = write(item, out, 0);
        assert end == out.length;
        return out;
    }

    /** Appends the encoding of {@code item} to {@code buf}. */
    public static void encode(Ttlv item, ByteBuf buf) {
        int len = encodedLength(item);
        buf.ensureWritable(len);
        int at = buf.writerIndex();
        if (buf.hasArray()) {
            // write() leaves padding bytes untouched, trusting them to be zero as in a new array;
            // a pooled buffer's array still holds whatever was written there before.
            int start = buf.arrayOffset() + at;
            java.util.Arrays.fill(buf.array(), start, start + len, (byte) 0);
            write(item, buf.array(), start);
            buf.writerIndex(at + len);
        } else {
            byte[] tmp = new byte[len];
            write(item, tmp, 0);
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
            case TEXT_STRING -> item.isTextView() ? item.viewLength() : utf8Length((String) item.ref());
            case BYTE_STRING, BIG_INTEGER -> item.bytesValue().length();
            default -> item.type().fixedLength();
        };
    }

    private static int paddedValueLength(Ttlv item) {
        return (valueLength(item) + 7) & ~7;
    }

    private static int write(Ttlv item, byte[] out, int at) {
        int tag = item.tag();
        out[at] = (byte) (tag >>> 16);
        out[at + 1] = (byte) (tag >>> 8);
        out[at + 2] = (byte) tag;
        out[at + 3] = (byte) item.type().code();
        int v = at + 8;
        switch (item.type()) {
            case STRUCTURE -> {
                int p = v;
                for (Ttlv c : children(item)) {
                    p = write(c, out, p);
                }
                putInt(out, at + 4, p - v);
                return p;
            }
            case INTEGER, ENUMERATION, INTERVAL -> {
                putInt(out, at + 4, 4);
                putInt(out, v, (int) item.primitive());
                return v + 8; // the array is zeroed: padding is already in place
            }
            case LONG_INTEGER, DATE_TIME, DATE_TIME_EXTENDED, BOOLEAN -> {
                putInt(out, at + 4, 8);
                long x = item.primitive();
                putInt(out, v, (int) (x >>> 32));
                putInt(out, v + 4, (int) x);
                return v + 8;
            }
            case BYTE_STRING, BIG_INTEGER -> {
                Bytes b = (Bytes) item.ref();
                int n = b.length();
                putInt(out, at + 4, n);
                System.arraycopy(b.array(), b.offset(), out, v, n);
                return v + ((n + 7) & ~7);
            }
            case TEXT_STRING -> {
                int n;
                if (item.isTextView()) {
                    n = item.viewLength();
                    System.arraycopy((byte[]) item.ref(), item.viewOffset(), out, v, n);
                } else {
                    n = writeUtf8((String) item.ref(), out, v);
                }
                putInt(out, at + 4, n);
                return v + ((n + 7) & ~7);
            }
            default -> throw new AssertionError(item.type());
        }
    }

    private static Ttlv[] children(Ttlv structure) {
        return ((TtlvChildren) structure.children()).array();
    }

    private static void putInt(byte[] out, int at, int x) {
        out[at] = (byte) (x >>> 24);
        out[at + 1] = (byte) (x >>> 16);
        out[at + 2] = (byte) (x >>> 8);
        out[at + 3] = (byte) x;
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    private static int writeUtf8(String s, byte[] out, int at) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, out, at, b.length);
                return b.length;
            }
            out[at + i] = (byte) c;
        }
        return n;
    }
}
