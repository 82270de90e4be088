package io.kmipstack.codec.ttlv;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes: the value of a Byte String or Big Integer item, and the type for key
 * material everywhere in the public API. It copies at public boundaries ({@link #of(byte[])},
 * {@link #toByteArray()}), shares within the codec ({@link #wrap}), and never prints its content:
 * {@code toString()} is {@code Bytes[len=32, redacted]}, so key material cannot reach a log by
 * accident. {@link #toHex()} is the one deliberate way out.
 */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
    }

    /** A copy of a range of {@code bytes}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /**
     * A view of {@code bytes} without copying. The caller gives up the right to change the range:
     * the codec uses it for values it decoded from a buffer it owns.
     */
    public static Bytes wrap(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(bytes, offset, length);
    }

    /** A view of the whole array without copying; see {@link #wrap(byte[], int, int)}. */
    public static Bytes wrap(byte[] bytes) {
        return wrap(bytes, 0, bytes.length);
    }

    /** Parses hexadecimal digits (either case, no separators). */
    public static Bytes fromHex(CharSequence hex) {
        if (hex.length() == 0) {
            return EMPTY;
        }
        byte[] b = HEX.parseHex(hex);
        return new Bytes(b, 0, b.length);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public byte byteAt(int index) {
        java.util.Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** Copies the content into {@code dst} at {@code dstOffset}. */
    public void copyTo(byte[] dst, int dstOffset) {
        System.arraycopy(array, offset, dst, dstOffset, length);
    }

    /** Uppercase hexadecimal of the content; deliberately not {@link #toString()}. */
    public String toHex() {
        return HEX.formatHex(array, offset, offset + length);
    }

    /** Compares with {@code other} in time independent of where they differ. */
    public boolean constantTimeEquals(Bytes other) {
        return MessageDigest.isEqual(toByteArray(), other.toByteArray());
    }

    // Package-private access for the TTLV writer, which copies straight from the backing array.
    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Bytes b
                && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + array[i];
            }
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Bytes[len=" + length + ", redacted]";
    }
}
