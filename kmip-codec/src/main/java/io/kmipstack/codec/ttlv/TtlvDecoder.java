package io.kmipstack.codec.ttlv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict TTLV decoder (KMIP 1.4 section 9.1, 2.1 section 10.1). Rejects, with offset and tag path:
 * truncated input; a tag outside 0x42XXXX and the extension range 0x54XXXX; an unknown type byte;
 * a length that does not match the type; non-zero padding; a Boolean other than 0 or 1; invalid
 * UTF-8; nesting deeper than the limit; a message larger than the limit; and bytes left after the
 * top-level item. Every length is checked against the bytes actually present before anything is
 * allocated for it.
 *
 * <p>Byte String, Big Integer and ASCII Text String values are views of the input array, not
 * copies: the caller hands over an array it will not modify while the tree is in use (the Netty
 * frame decoder gives each frame its own array). Each Structure's children are one exact-size
 * array, so a decode allocates little beyond one object per item.
 */
public final class TtlvDecoder {

    private final TtlvLimits limits;

    private TtlvDecoder(TtlvLimits limits) {
        this.limits = limits;
    }

    public static TtlvDecoder create() {
        return new TtlvDecoder(TtlvLimits.DEFAULT);
    }

    public static TtlvDecoder create(TtlvLimits limits) {
        return new TtlvDecoder(java.util.Objects.requireNonNull(limits, "limits"));
    }

    public TtlvLimits limits() {
        return limits;
    }

    /** Decodes exactly one item spanning the whole array. */
    public Ttlv decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /**
     * Reads one message from a blocking stream (a plain socket) and decodes it: its 8-byte header,
     * then the value length the header declares. A declared length beyond this decoder's limit is
     * refused before anything is allocated for it.
     *
     * @throws java.io.EOFException if the stream ends before the whole message
     * @throws TtlvDecodingException if the declared length is too large or the message is not valid TTLV
     */
    public Ttlv read(java.io.InputStream in) throws java.io.IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(in);
        byte[] header = new byte[8];
        data.readFully(header);
        long length = 8L + (ByteBuffer.wrap(header, 4, 4).getInt() & 0xFFFF_FFFFL);
        if (length > limits.maxMessageSize()) {
            throw new TtlvDecodingException(
                    "message length: " + length + " (expected: <= " + limits.maxMessageSize() + ")", 0, "");
        }
        byte[] message = java.util.Arrays.copyOf(header, (int) length);
        data.readFully(message, 8, message.length - 8);
        return decode(message);
    }

    /** Decodes exactly one item spanning {@code message[offset, offset+length)}. */
    public Ttlv decode(byte[] message, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, message.length);
        if (length > limits.maxMessageSize()) {
            throw new TtlvDecodingException(
                    "message length: " + length + " (expected: <= " + limits.maxMessageSize() + ")", 0, "");
        }
        Cursor c = new Cursor(message, offset, offset + length);
        Ttlv item = c.item(0, c.end);
        if (c.pos != c.end) {
            throw new TtlvDecodingException(
                    "trailing bytes: " + (c.end - c.pos) + " (expected: 0)", c.pos - c.base, "");
        }
        return item;
    }

    private final class Cursor {
        final byte[] in;
        final int base;
        final int end;
        int pos;
        // Tags from the root to the item being decoded, for error messages only; grown on demand
        // because real messages nest about 6 deep while the limit may be far larger.
        int[] path = new int[Math.min(limits.maxDepth() + 1, 8)];
        // The children of every Structure still open, innermost last; each Structure copies its
        // own run out to an exact-size array when it ends and pops it.
        Ttlv[] stack = new Ttlv[16];
        int top;

        Cursor(byte[] in, int start, int end) {
            this.in = in;
            this.base = start;
            this.pos = start;
            this.end = end;
        }

        /** Decodes one item at {@code pos} that must end at or before {@code limit}. */
        Ttlv item(int depth, int limit) {
            int headerAt = pos;
            if (limit - pos < 8) {
                throw fail("truncated item header: " + (limit - pos) + " bytes (expected: >= 8)", headerAt, depth);
            }
            int tag = ((in[pos] & 0xFF) << 16) | ((in[pos + 1] & 0xFF) << 8) | (in[pos + 2] & 0xFF);
            if (depth == path.length) {
                path = java.util.Arrays.copyOf(path, 2 * depth);
            }
            path[depth] = tag;
            int prefix = tag >>> 16;
            if (prefix != 0x42 && prefix != 0x54) {
                throw fail(String.format("tag: 0x%06X (expected: 0x42XXXX or 0x54XXXX)", tag), headerAt, depth + 1);
            }
            int typeCode = in[pos + 3] & 0xFF;
            ItemType type = ItemType.fromCode(typeCode);
            if (type == null) {
                throw fail(String.format("item type: 0x%02X (expected: 0x01 to 0x0B)", typeCode), headerAt, depth + 1);
            }
            long len = readInt(pos + 4) & 0xFFFF_FFFFL;
            pos += 8;
            int fixed = type.fixedLength();
            if (fixed >= 0 && len != fixed) {
                throw fail(type.xmlName() + " length: " + len + " (expected: " + fixed + ")", headerAt, depth + 1);
            }
            long padded = (len + 7) & ~7L;
            if (padded > limit - pos) {
                throw fail("truncated value: length " + len + " with " + (limit - pos) + " bytes left", headerAt, depth + 1);
            }
            int n = (int) len;
            int valueAt = pos;
            Ttlv result;
            switch (type) {
                case STRUCTURE -> {
                    // The children sit at level depth + 2, counting the root as level 1. An empty Structure has
                    // none, so it is within the limit wherever the Structure itself is.
                    if (n > 0 && depth + 1 >= limits.maxDepth()) {
                        throw fail("nesting depth: " + (depth + 2) + " (expected: <= " + limits.maxDepth() + ")",
                                headerAt, depth + 1);
                    }
                    int structEnd = valueAt + n;
                    int mark = top;
                    // Every child is padded to 8 bytes, so a Structure length that is not a multiple
                    // of 8 ends mid-child and fails the child's bound check; its padding is then
                    // checked below like any other value's.
                    while (pos < structEnd) {
                        Ttlv child = item(depth + 1, structEnd);
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, 2 * top);
                        }
                        stack[top++] = child;
                    }
                    result = Ttlv.structureOwned(tag, java.util.Arrays.copyOfRange(stack, mark, top));
                    top = mark;
                }
                case INTEGER -> result = Ttlv.integer(tag, readInt(valueAt));
                case ENUMERATION -> result = Ttlv.enumeration(tag, readInt(valueAt));
                case INTERVAL -> result = Ttlv.interval(tag, readInt(valueAt) & 0xFFFF_FFFFL);
                case LONG_INTEGER -> result = Ttlv.longInteger(tag, readLong(valueAt));
                case DATE_TIME -> result = Ttlv.dateTime(tag, readLong(valueAt));
                case DATE_TIME_EXTENDED -> result = Ttlv.dateTimeExtended(tag, readLong(valueAt));
                case BOOLEAN -> {
                    long v = readLong(valueAt);
                    if (v != 0 && v != 1) {
                        throw fail("boolean value: " + Long.toUnsignedString(v, 16) + " (expected: 0 or 1)",
                                headerAt, depth + 1);
                    }
                    result = Ttlv.bool(tag, v == 1);
                }
                case BIG_INTEGER -> {
                    if (n == 0 || n % 8 != 0) {
                        throw fail("BigInteger length: " + n + " (expected: a positive multiple of 8)", headerAt, depth + 1);
                    }
                    result = Ttlv.bigInteger(tag, Bytes.wrap(in, valueAt, n));
                }
                case BYTE_STRING -> result = Ttlv.bytes(tag, Bytes.wrap(in, valueAt, n));
                case TEXT_STRING -> result = isAscii(valueAt, n)
                        ? Ttlv.asciiTextView(tag, in, valueAt, n)
                        : Ttlv.text(tag, utf8(valueAt, n, headerAt, depth + 1));
                default -> throw new AssertionError(type);
            }
            for (int i = valueAt + n, stop = valueAt + (int) padded; i < stop; i++) {
                if (in[i] != 0) {
                    throw fail("padding byte at +" + (i - valueAt) + ": non-zero (expected: 0)", headerAt, depth + 1);
                }
            }
            pos = valueAt + (int) padded;
            return result;
        }

        private boolean isAscii(int at, int n) {
            for (int i = at, stop = at + n; i < stop; i++) {
                if (in[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        private String utf8(int at, int n, int headerAt, int depth) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in, at, n))
                        .toString();
            } catch (CharacterCodingException e) {
                throw fail("text string: invalid UTF-8", headerAt, depth);
            }
        }

        private int readInt(int at) {
            return ((in[at] & 0xFF) << 24) | ((in[at + 1] & 0xFF) << 16) | ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
        }

        private long readLong(int at) {
            return ((long) readInt(at) << 32) | (readInt(at + 4) & 0xFFFF_FFFFL);
        }

        private TtlvDecodingException fail(String problem, int at, int pathLength) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < pathLength; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                sb.append(String.format("%06X", path[i]));
            }
            return new TtlvDecodingException(problem, at - base, sb.toString());
        }
    }
}
