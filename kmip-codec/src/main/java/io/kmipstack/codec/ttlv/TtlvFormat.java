package io.kmipstack.codec.ttlv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte layout of one TTLV item (KMIP 1.4 section 9.1, 2.1 section 10.1), written into an
 * array that already has room for it: a three-byte tag, the type byte, a four-byte length, then
 * the value padded with zero bytes to a multiple of eight. {@link TtlvEncoder} (from a tree) and
 * {@link TtlvWriter} (from the typed model) both write through here, so there is one place that
 * knows the format.
 *
 * <p>Every method writes every byte of the item, padding included, so the target need not be
 * zeroed (a pooled or reused buffer works). Each returns the offset just past the item.
 */
final class TtlvFormat {

    // One 8-byte store for a header or a padded 4- or 8-byte value, instead of eight byte stores.
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private TtlvFormat() {
    }

    /** Value bytes rounded up to the padded length. */
    static int padded(int length) {
        return (length + 7) & ~7;
    }

    /** The eight header bytes. Tags are three bytes on the wire: higher bits are dropped. */
    static void header(byte[] out, int at, int tag, ItemType type, int length) {
        LONG.set(out, at, ((long) (tag & 0xFFFFFF) << 40) | ((long) type.code() << 32) | (length & 0xFFFF_FFFFL));
    }

    /** Overwrites the length of the item at {@code at} (a Structure whose children are now written). */
    static void patchLength(byte[] out, int at, int length) {
        INT.set(out, at + 4, length);
    }

    /** Integer, Enumeration or Interval: four value bytes and four of padding. */
    static int int32(byte[] out, int at, int tag, ItemType type, int value) {
        header(out, at, tag, type, 4);
        LONG.set(out, at + 8, (long) value << 32);
        return at + 16;
    }

    /** Long Integer, Boolean, Date-Time or Date-Time Extended: eight value bytes. */
    static int int64(byte[] out, int at, int tag, ItemType type, long value) {
        header(out, at, tag, type, 8);
        LONG.set(out, at + 8, value);
        return at + 16;
    }

    /** A Byte String, Big Integer or Text String value copied from {@code src}. */
    static int bytes(byte[] out, int at, int tag, ItemType type, byte[] src, int offset, int length) {
        header(out, at, tag, type, length);
        int v = at + 8;
        int end = v + padded(length);
        if (end != v) {
            LONG.set(out, end - 8, 0L); // the padding, before the value overwrites the rest of the word
        }
        System.arraycopy(src, offset, out, v, length);
        return end;
    }

    /**
     * A Text String whose characters are all ASCII, which is nearly all KMIP text (identifiers,
     * names): one byte per char, no encoder. Returns -1, with the bytes from {@code at} to
     * {@code at + 8 + padded(s.length())} overwritten, if {@code s} holds another character; the
     * caller then writes its UTF-8 form with {@link #bytes}, which is at least as long and so
     * covers what was written here.
     */
    static int ascii(byte[] out, int at, int tag, String s) {
        int n = s.length();
        int v = at + 8;
        int end = v + padded(n);
        if (end != v) {
            LONG.set(out, end - 8, 0L);
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            out[v + i] = (byte) c;
        }
        header(out, at, tag, ItemType.TEXT_STRING, n);
        return end;
    }

    /** The UTF-8 length of {@code s}, without encoding it when it is ASCII. */
    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
