package io.kmipstack.codec.ttlv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes TTLV (KMIP 1.4 section 9.1, 2.1 section 10.1) item by item into a growable array, with
 * no {@link Ttlv} tree in between: the typed model's {@code writeTo(TtlvWriter, ...)} methods use
 * it to turn a message into bytes in one pass. The output is byte for byte what
 * {@link TtlvEncoder} gives for the equivalent tree: the same padding, UTF-8 text and Big Integer
 * rules, with the same refusals ({@link #interval}, {@link #bigInteger(int, Bytes)}).
 *
 * <p>A Structure is written as {@code int mark = w.beginStructure(tag)}, its children, then
 * {@code w.endStructure(mark)}, which fills in the length now known; marks nest like the
 * structures. Nothing is allocated per item; the array doubles when full. Not thread-safe. When
 * a {@code writeTo} throws halfway, the writer holds part of a message: discard it.
 */
public final class TtlvWriter {

    /** Room for the typical request or response (a Create request is 368 bytes) without growing. */
    public static final int DEFAULT_INITIAL_CAPACITY = 512;

    // Arrays of nearly Integer.MAX_VALUE elements fail on some VMs; stay below, as ArrayList does.
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    // A borrowed writer keeps its array up to this size for the thread's next message; a larger
    // one (a big Locate response, say) is dropped rather than held for the thread's lifetime.
    private static final int MAX_RETAINED = 64 * 1024;

    private static final ThreadLocal<TtlvWriter> PER_THREAD = ThreadLocal.withInitial(TtlvWriter::new);

    private byte[] buf;
    private int size;
    private boolean borrowed;

    public TtlvWriter() {
        this(DEFAULT_INITIAL_CAPACITY);
    }

    public TtlvWriter(int initialCapacity) {
        if (initialCapacity < 0 || initialCapacity > MAX_LENGTH) {
            throw new IllegalArgumentException("initial capacity: " + initialCapacity + " (expected: 0 to " + MAX_LENGTH + ")");
        }
        buf = new byte[initialCapacity];
    }

    /**
     * This thread's writer, empty, for one message at a time: {@link #toByteArray()} then
     * {@link #release()} it. Writing a message then costs one copy of exactly its size, where a new
     * writer would grow (and copy) its array several times for a message with a large value. A
     * borrow while this thread's writer is out (a message written inside another) gets a new
     * writer.
     */
    public static TtlvWriter borrow() {
        TtlvWriter w = PER_THREAD.get();
        if (w.borrowed) {
            w = new TtlvWriter();
        }
        w.borrowed = true;
        w.size = 0;
        return w;
    }

    /**
     * Gives a borrowed writer back. The bytes written are zeroed first: a message may carry key
     * material, which must not stay in a buffer the thread keeps.
     */
    public void release() {
        Arrays.fill(buf, 0, size, (byte) 0);
        size = 0;
        if (buf.length > MAX_RETAINED) {
            buf = new byte[DEFAULT_INITIAL_CAPACITY];
        }
        borrowed = false;
    }

    /** The current array, for tests of {@link #release()}. */
    byte[] array() {
        return buf;
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (n > buf.length - size) {
            grow(n);
        }
    }

    private void grow(int n) {
        long needed = (long) size + n;
        if (needed > MAX_LENGTH) {
            throw new IllegalStateException("message length: " + needed + " (expected: <= " + MAX_LENGTH + ")");
        }
        long doubled = Math.min(2L * buf.length, MAX_LENGTH);
        buf = Arrays.copyOf(buf, (int) Math.max(needed, doubled));
    }

    // ----- Structures -----

    /**
     * Starts a Structure with {@code tag}; write its children, then pass the returned mark to
     * {@link #endStructure}.
     */
    public int beginStructure(int tag) {
        ensure(8);
        int mark = size;
        TtlvFormat.header(buf, mark, tag, ItemType.STRUCTURE, 0);
        size = mark + 8;
        return mark;
    }

    /**
     * Ends the Structure {@code mark} started: its length becomes the bytes written since.
     *
     * @throws IllegalArgumentException if {@code mark} is not where a Structure begins
     */
    public void endStructure(int mark) {
        if (mark < 0 || mark > size - 8 || buf[mark + 3] != ItemType.STRUCTURE.code()) {
            throw new IllegalArgumentException("structure mark: " + mark + " (expected: a mark from beginStructure)");
        }
        TtlvFormat.patchLength(buf, mark, size - mark - 8);
    }

    // ----- Primitive items, one method per item type, as the Ttlv factories -----

    public void integer(int tag, int value) {
        ensure(16);
        size = TtlvFormat.int32(buf, size, tag, ItemType.INTEGER, value);
    }

    public void longInteger(int tag, long value) {
        ensure(16);
        size = TtlvFormat.int64(buf, size, tag, ItemType.LONG_INTEGER, value);
    }

    /**
     * A Big Integer from its two's-complement big-endian bytes, as {@link Ttlv#bigInteger(int, Bytes)}.
     *
     * @throws IllegalArgumentException if the length is not a positive multiple of eight
     */
    public void bigInteger(int tag, Bytes twosComplement) {
        Ttlv.checkBigInteger(twosComplement);
        rawBytes(tag, ItemType.BIG_INTEGER, twosComplement);
    }

    /** A Big Integer sign-extended to the shortest multiple of eight bytes, as {@link Ttlv#bigInteger(int, BigInteger)}. */
    public void bigInteger(int tag, BigInteger value) {
        byte[] b = Ttlv.bigIntegerBytes(value);
        ensure(8 + b.length);
        size = TtlvFormat.bytes(buf, size, tag, ItemType.BIG_INTEGER, b, 0, b.length);
    }

    public void enumeration(int tag, int value) {
        ensure(16);
        size = TtlvFormat.int32(buf, size, tag, ItemType.ENUMERATION, value);
    }

    public void bool(int tag, boolean value) {
        ensure(16);
        size = TtlvFormat.int64(buf, size, tag, ItemType.BOOLEAN, value ? 1 : 0);
    }

    /** A Text String, in UTF-8. */
    public void text(int tag, String value) {
        Objects.requireNonNull(value, "value");
        // Room for the ASCII form first: the UTF-8 form of anything else is longer, and rare.
        ensure(8 + TtlvFormat.padded(value.length()));
        int end = TtlvFormat.ascii(buf, size, tag, value);
        if (end < 0) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(8 + TtlvFormat.padded(utf8.length));
            end = TtlvFormat.bytes(buf, size, tag, ItemType.TEXT_STRING, utf8, 0, utf8.length);
        }
        size = end;
    }

    public void bytes(int tag, Bytes value) {
        Objects.requireNonNull(value, "value");
        rawBytes(tag, ItemType.BYTE_STRING, value);
    }

    private void rawBytes(int tag, ItemType type, Bytes value) {
        int n = value.length();
        ensure(8 + TtlvFormat.padded(n));
        size = TtlvFormat.bytes(buf, size, tag, type, value.array(), value.offset(), n);
    }

    public void dateTime(int tag, long epochSeconds) {
        ensure(16);
        size = TtlvFormat.int64(buf, size, tag, ItemType.DATE_TIME, epochSeconds);
    }

    public void dateTime(int tag, Instant instant) {
        dateTime(tag, instant.getEpochSecond());
    }

    /**
     * An Interval in seconds.
     *
     * @throws IllegalArgumentException outside 0 to 2^32-1, as {@link Ttlv#interval}
     */
    public void interval(int tag, long seconds) {
        Ttlv.checkInterval(seconds);
        ensure(16);
        size = TtlvFormat.int32(buf, size, tag, ItemType.INTERVAL, (int) seconds);
    }

    public void dateTimeExtended(int tag, long epochMicros) {
        ensure(16);
        size = TtlvFormat.int64(buf, size, tag, ItemType.DATE_TIME_EXTENDED, epochMicros);
    }

    // ----- Existing trees -----

    /** Copies {@code item} (a whole subtree) as {@link TtlvEncoder} would encode it. */
    public void write(Ttlv item) {
        write(item.tag(), item);
    }

    /**
     * Copies {@code item} under {@code tag} instead of its own: the same type and value (for a
     * Structure, the same children under their own tags). A raw value kept by the model, such as
     * an Attribute Value, is written this way under the tag of the field that holds it.
     */
    public void write(int tag, Ttlv item) {
        int n = TtlvEncoder.encodedLength(item);
        ensure(n);
        int end = TtlvEncoder.write(item, tag, buf, size);
        assert end == size + n;
        size = end;
    }
}
