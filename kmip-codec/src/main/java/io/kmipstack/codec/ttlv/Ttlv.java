package io.kmipstack.codec.ttlv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One TTLV item: a tag, a type and a value; a Structure's value is its ordered children. This is
 * the tree every encoding (binary TTLV, XML, JSON) reads into and writes from, and the only thing
 * the typed model is decoded from. Immutable; equality is deep, by tag, type and value.
 *
 * <p>Tags are plain {@code int}s ({@code 0x420078}); {@code io.kmipstack.codec.registry} names them.
 * Date-Time values are seconds since the epoch, Date-Time Extended values microseconds, Interval
 * values unsigned seconds (0 to 2^32-1). A Big Integer keeps its exact two's-complement bytes so
 * that it re-encodes to the same bytes it was read from.
 */
public final class Ttlv {

    private final int tag;
    private final ItemType type;
    private final long primitive;
    private final Object ref;

    private Ttlv(int tag, ItemType type, long primitive, Object ref) {
        this.tag = tag;
        this.type = type;
        this.primitive = primitive;
        this.ref = ref;
    }

    // Every Structure keeps its children in a TtlvChildren, whoever built it: the encoder and the
    // model walk children on every message, and one list class keeps those calls monomorphic.
    public static Ttlv structure(int tag, List<Ttlv> children) {
        return structureOwned(tag, TtlvChildren.checked(children.toArray(new Ttlv[0])));
    }

    public static Ttlv structure(int tag, Ttlv... children) {
        return structureOwned(tag, TtlvChildren.checked(children.clone()));
    }

    /** For the decoder, which hands over an exact-size array it will not touch again. */
    static Ttlv structureOwned(int tag, Ttlv[] children) {
        return new Ttlv(tag, ItemType.STRUCTURE, 0, children.length == 0 ? TtlvChildren.EMPTY : new TtlvChildren(children));
    }

    /**
     * For the decoder: a Text String whose value is {@code length} bytes of ASCII at
     * {@code offset} in {@code message}, already checked. The String is built on demand by
     * {@link #textValue()}; most decoded text (identifiers, names) is only compared or re-encoded.
     */
    static Ttlv asciiTextView(int tag, byte[] message, int offset, int length) {
        return new Ttlv(tag, ItemType.TEXT_STRING, ((long) offset << 32) | length, message);
    }

    public static Ttlv integer(int tag, int value) {
        return new Ttlv(tag, ItemType.INTEGER, value, null);
    }

    public static Ttlv longInteger(int tag, long value) {
        return new Ttlv(tag, ItemType.LONG_INTEGER, value, null);
    }

    /**
     * A Big Integer from its two's-complement big-endian bytes. The wire form needs a multiple of
     * eight bytes; use {@link #bigInteger(int, BigInteger)} to get that from a number.
     */
    public static Ttlv bigInteger(int tag, Bytes twosComplement) {
        checkBigInteger(twosComplement);
        return new Ttlv(tag, ItemType.BIG_INTEGER, 0, twosComplement);
    }

    // Shared with TtlvWriter, which must refuse exactly what the tree refuses.
    static void checkBigInteger(Bytes twosComplement) {
        Objects.requireNonNull(twosComplement, "twosComplement");
        if (twosComplement.length() == 0 || twosComplement.length() % 8 != 0) {
            throw new IllegalArgumentException(
                    "big integer length: " + twosComplement.length() + " (expected: a positive multiple of 8)");
        }
    }

    /** The Big Integer bytes of {@code value}: two's complement, sign-extended to a multiple of eight. */
    static byte[] bigIntegerBytes(BigInteger value) {
        byte[] minimal = value.toByteArray();
        int padded = (minimal.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        if (value.signum() < 0) {
            java.util.Arrays.fill(out, 0, padded - minimal.length, (byte) 0xFF);
        }
        System.arraycopy(minimal, 0, out, padded - minimal.length, minimal.length);
        return out;
    }

    /** A Big Integer sign-extended to the shortest multiple of eight bytes. */
    public static Ttlv bigInteger(int tag, BigInteger value) {
        return new Ttlv(tag, ItemType.BIG_INTEGER, 0, Bytes.wrap(bigIntegerBytes(value)));
    }

    public static Ttlv enumeration(int tag, int value) {
        return new Ttlv(tag, ItemType.ENUMERATION, value, null);
    }

    public static Ttlv bool(int tag, boolean value) {
        return new Ttlv(tag, ItemType.BOOLEAN, value ? 1 : 0, null);
    }

    public static Ttlv text(int tag, String value) {
        return new Ttlv(tag, ItemType.TEXT_STRING, 0, Objects.requireNonNull(value, "value"));
    }

    public static Ttlv bytes(int tag, Bytes value) {
        return new Ttlv(tag, ItemType.BYTE_STRING, 0, Objects.requireNonNull(value, "value"));
    }

    public static Ttlv dateTime(int tag, long epochSeconds) {
        return new Ttlv(tag, ItemType.DATE_TIME, epochSeconds, null);
    }

    public static Ttlv dateTime(int tag, Instant instant) {
        return dateTime(tag, instant.getEpochSecond());
    }

    public static Ttlv interval(int tag, long seconds) {
        checkInterval(seconds);
        return new Ttlv(tag, ItemType.INTERVAL, seconds, null);
    }

    static void checkInterval(long seconds) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("interval: " + seconds + " (expected: 0 to 4294967295)");
        }
    }

    public static Ttlv dateTimeExtended(int tag, long epochMicros) {
        return new Ttlv(tag, ItemType.DATE_TIME_EXTENDED, epochMicros, null);
    }

    public int tag() {
        return tag;
    }

    public ItemType type() {
        return type;
    }

    public boolean isStructure() {
        return type == ItemType.STRUCTURE;
    }

    /** The children of a Structure, in order. */
    @SuppressWarnings("unchecked")
    public List<Ttlv> children() {
        expect(ItemType.STRUCTURE);
        return (List<Ttlv>) ref;
    }

    /** The first child with {@code childTag}, or {@code null}. */
    public Ttlv child(int childTag) {
        for (Ttlv c : children()) {
            if (c.tag == childTag) {
                return c;
            }
        }
        return null;
    }

    /** Every child with {@code childTag}, in order. */
    public List<Ttlv> children(int childTag) {
        List<Ttlv> out = new ArrayList<>(2);
        for (Ttlv c : children()) {
            if (c.tag == childTag) {
                out.add(c);
            }
        }
        return out;
    }

    /** The value of an Integer or Enumeration. */
    public int intValue() {
        if (type != ItemType.INTEGER && type != ItemType.ENUMERATION) {
            throw wrongType("Integer or Enumeration");
        }
        return (int) primitive;
    }

    /**
     * The value of any numeric item other than Big Integer: Long Integer, Date-Time (seconds),
     * Date-Time Extended (microseconds), Interval (unsigned seconds), Integer, Enumeration
     * (as unsigned 32-bit).
     */
    public long longValue() {
        switch (type) {
            case LONG_INTEGER, DATE_TIME, DATE_TIME_EXTENDED, INTERVAL, INTEGER:
                return primitive;
            case ENUMERATION:
                return primitive & 0xFFFF_FFFFL;
            default:
                throw wrongType("a numeric type");
        }
    }

    public boolean booleanValue() {
        expect(ItemType.BOOLEAN);
        return primitive != 0;
    }

    public String textValue() {
        expect(ItemType.TEXT_STRING);
        return ref instanceof byte[] ascii
                ? new String(ascii, viewOffset(), viewLength(), StandardCharsets.ISO_8859_1)
                : (String) ref;
    }

    // A Text String is held either as a String or, when decoded from ASCII, as a view: ref is the
    // message array and primitive packs the offset (high 32 bits) and length (low 32 bits).
    boolean isTextView() {
        return ref instanceof byte[];
    }

    int viewOffset() {
        return (int) (primitive >>> 32);
    }

    int viewLength() {
        return (int) primitive;
    }

    /** The bytes of a Byte String, or the two's-complement bytes of a Big Integer. */
    public Bytes bytesValue() {
        if (type != ItemType.BYTE_STRING && type != ItemType.BIG_INTEGER) {
            throw wrongType("ByteString or BigInteger");
        }
        return (Bytes) ref;
    }

    public BigInteger bigIntegerValue() {
        expect(ItemType.BIG_INTEGER);
        return new BigInteger(((Bytes) ref).toByteArray());
    }

    /** A Date-Time or Date-Time Extended as an instant. */
    public Instant instantValue() {
        if (type == ItemType.DATE_TIME) {
            return Instant.ofEpochSecond(primitive);
        }
        if (type == ItemType.DATE_TIME_EXTENDED) {
            return Instant.ofEpochSecond(Math.floorDiv(primitive, 1_000_000L), Math.floorMod(primitive, 1_000_000L) * 1000L);
        }
        throw wrongType("DateTime or DateTimeExtended");
    }

    // For the writer: the raw primitive slot and reference without type dispatch.
    long primitive() {
        return primitive;
    }

    Object ref() {
        return ref;
    }

    private void expect(ItemType expected) {
        if (type != expected) {
            throw wrongType(expected.xmlName());
        }
    }

    private IllegalStateException wrongType(String expected) {
        return new IllegalStateException(String.format(
                "item 0x%06X: type %s (expected: %s)", tag, type.xmlName(), expected));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Ttlv t) || tag != t.tag || type != t.type) {
            return false;
        }
        if (type == ItemType.TEXT_STRING) {
            return textEquals(t);
        }
        return primitive == t.primitive && Objects.equals(ref, t.ref);
    }

    // Equal text is equal whichever way either side holds it; compares without building Strings.
    private boolean textEquals(Ttlv t) {
        if (isTextView() && t.isTextView()) {
            return java.util.Arrays.equals((byte[]) ref, viewOffset(), viewOffset() + viewLength(),
                    (byte[]) t.ref, t.viewOffset(), t.viewOffset() + t.viewLength());
        }
        if (!isTextView() && !t.isTextView()) {
            return ref.equals(t.ref);
        }
        Ttlv view = isTextView() ? this : t;
        String s = (String) (isTextView() ? t.ref : ref);
        byte[] a = (byte[]) view.ref;
        int n = view.viewLength();
        if (s.length() != n) {
            return false;
        }
        for (int i = 0, at = view.viewOffset(); i < n; i++) {
            if (s.charAt(i) != a[at + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = tag * 31 + type.hashCode();
        if (type == ItemType.TEXT_STRING) {
            return h * 31 + textValue().hashCode();
        }
        return h * 31 + Long.hashCode(primitive) * 31 + Objects.hashCode(ref);
    }

    /** A one-line form with hex tags; byte values are redacted (see {@link Bytes}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    private void appendTo(StringBuilder sb) {
        sb.append(String.format("%06X", tag)).append(':').append(type.xmlName());
        switch (type) {
            case STRUCTURE -> {
                sb.append('[');
                List<Ttlv> cs = children();
                for (int i = 0; i < cs.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    cs.get(i).appendTo(sb);
                }
                sb.append(']');
            }
            case TEXT_STRING -> sb.append('=').append('"').append(textValue()).append('"');
            case BYTE_STRING, BIG_INTEGER -> sb.append('=').append(ref);
            case BOOLEAN -> sb.append('=').append(primitive != 0);
            case ENUMERATION -> sb.append(String.format("=0x%08X", (int) primitive));
            default -> sb.append('=').append(primitive);
        }
    }
}
