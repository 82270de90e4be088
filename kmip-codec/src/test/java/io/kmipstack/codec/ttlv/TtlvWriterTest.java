package io.kmipstack.codec.ttlv;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The writer produces what {@link TtlvEncoder} produces for the equivalent tree, byte for byte:
 * the KMIP 1.4 section 9.1.2 examples, structure lengths patched at the end, padding, UTF-8 text,
 * Big Integers, growth from any initial capacity, and random trees written item by item.
 */
class TtlvWriterTest {

    private static final int TAG = 0x420020;

    private static byte[] written(java.util.function.Consumer<TtlvWriter> body) {
        TtlvWriter w = new TtlvWriter();
        body.accept(w);
        assertThat(w.size()).isEqualTo(w.toByteArray().length);
        return w.toByteArray();
    }

    @Test
    void specExamples() {
        // KMIP 1.4 section 9.1.2, every example for tag 420020.
        assertThat(written(w -> w.integer(TAG, 8))).isEqualTo(hex("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"));
        assertThat(written(w -> w.longInteger(TAG, 123456789000000000L)))
                .isEqualTo(hex("42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00"));
        assertThat(written(w -> w.bigInteger(TAG, new BigInteger("1234567890000000000000000000"))))
                .isEqualTo(hex("42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00"));
        assertThat(written(w -> w.enumeration(TAG, 255))).isEqualTo(hex("42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"));
        assertThat(written(w -> w.bool(TAG, true))).isEqualTo(hex("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01"));
        assertThat(written(w -> w.text(TAG, "Hello World")))
                .isEqualTo(hex("42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00"));
        assertThat(written(w -> w.bytes(TAG, Bytes.of(new byte[] {1, 2, 3}))))
                .isEqualTo(hex("42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00"));
        assertThat(written(w -> w.dateTime(TAG, java.time.Instant.parse("2008-03-14T11:56:40Z"))))
                .isEqualTo(hex("42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8"));
        assertThat(written(w -> w.interval(TAG, 10 * 24 * 3600)))
                .isEqualTo(hex("42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00"));
        // KMIP 2.1 section 10.1: Date Time Extended, microseconds (2008-03-14T11:56:40.000001Z)
        assertThat(written(w -> w.dateTimeExtended(TAG, 1_205_495_800_000_001L)))
                .isEqualTo(hex("42 00 20 | 0B | 00 00 00 08 | 00 04 48 64 5C EF EE 01"));
    }

    @Test
    void structureLengthIsPatchedAtTheEnd() {
        // KMIP 1.4 section 9.1.2: a Structure containing an Enumeration, value 254, followed by an
        // Integer, value 255, having tags 420004 and 420005 respectively
        byte[] b = written(w -> {
            int mark = w.beginStructure(TAG);
            w.enumeration(0x420004, 254);
            w.integer(0x420005, 255);
            w.endStructure(mark);
        });
        assertThat(b).isEqualTo(hex("42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 |"
                + " 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"));
    }

    @Test
    void nestedStructuresEachGetTheirOwnLength() {
        Ttlv tree = Ttlv.structure(0x420078,
                Ttlv.structure(0x420077, Ttlv.structure(0x420069, Ttlv.integer(0x42006A, 1), Ttlv.integer(0x42006B, 4)),
                        Ttlv.integer(0x42000D, 1)),
                Ttlv.structure(0x42000F),
                Ttlv.structure(0x42000F, Ttlv.enumeration(0x42005C, 1), Ttlv.text(0x420094, "abc")));
        byte[] b = written(w -> {
            int message = w.beginStructure(0x420078);
            int header = w.beginStructure(0x420077);
            int version = w.beginStructure(0x420069);
            w.integer(0x42006A, 1);
            w.integer(0x42006B, 4);
            w.endStructure(version);
            w.integer(0x42000D, 1);
            w.endStructure(header);
            w.endStructure(w.beginStructure(0x42000F));
            int item = w.beginStructure(0x42000F);
            w.enumeration(0x42005C, 1);
            w.text(0x420094, "abc");
            w.endStructure(item);
            w.endStructure(message);
        });
        assertThat(b).isEqualTo(TtlvEncoder.encode(tree));
        assertThat(TtlvDecoder.create().decode(b)).isEqualTo(tree);
    }

    @Test
    void variableLengthValuesArePaddedWithZeros() {
        assertThat(written(w -> w.text(TAG, "abcdefgh"))).isEqualTo(hex("42 00 20 | 07 | 00 00 00 08 | 61 62 63 64 65 66 67 68"));
        assertThat(written(w -> w.bytes(TAG, Bytes.of(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1}))))
                .isEqualTo(hex("42 00 20 | 08 | 00 00 00 09 | FF FF FF FF FF FF FF FF | FF 00 00 00 00 00 00 00"));
        assertThat(written(w -> w.text(TAG, ""))).isEqualTo(hex("42 00 20 | 07 | 00 00 00 00"));
        assertThat(written(w -> w.bytes(TAG, Bytes.EMPTY))).isEqualTo(hex("42 00 20 | 08 | 00 00 00 00"));
    }

    @Test
    void nonAsciiTextIsUtf8() {
        // 2 + 3 = 5 bytes of UTF-8 for U+00E9 U+20AC, padded to 8 (as TtlvEncoderTest)
        assertThat(written(w -> w.text(0x420055, "é€"))).isEqualTo(hex("42 00 55 | 07 | 00 00 00 05 | C3 A9 E2 82 AC 00 00 00"));
        // ASCII first, then a character outside the BMP (4 bytes): the ASCII attempt is overwritten.
        assertThat(written(w -> w.text(0x420055, "abcdefg\uD83D\uDE00")))
                .isEqualTo(hex("42 00 55 | 07 | 00 00 00 0B | 61 62 63 64 65 66 67 F0 | 9F 98 80 00 00 00 00 00"));
    }

    @Test
    void growsPastTheInitialCapacity() {
        // Capacity for the ASCII guess only, then the UTF-8 form needs more: two growths in one item.
        TtlvWriter w = new TtlvWriter(16);
        w.text(0x420055, "€€€€€€€€");
        assertThat(w.toByteArray()).isEqualTo(TtlvEncoder.encode(Ttlv.text(0x420055, "€€€€€€€€")));

        TtlvWriter empty = new TtlvWriter(0);
        int mark = empty.beginStructure(0x420078);
        Ttlv[] children = new Ttlv[1000];
        for (int i = 0; i < children.length; i++) {
            empty.longInteger(0x420020, i);
            children[i] = Ttlv.longInteger(0x420020, i);
        }
        empty.endStructure(mark);
        assertThat(empty.size()).isEqualTo(8 + 1000 * 16);
        assertThat(empty.toByteArray()).isEqualTo(TtlvEncoder.encode(Ttlv.structure(0x420078, children)));
    }

    @Test
    void bigIntegers() {
        assertThat(written(w -> w.bigInteger(TAG, BigInteger.valueOf(-1))))
                .isEqualTo(hex("42 00 20 | 04 | 00 00 00 08 | FF FF FF FF FF FF FF FF"));
        assertThat(written(w -> w.bigInteger(TAG, BigInteger.valueOf(128))))
                .isEqualTo(hex("42 00 20 | 04 | 00 00 00 08 | 00 00 00 00 00 00 00 80"));
        Bytes sixteen = Bytes.fromHex("FF00000000000000000000000000007F");
        assertThat(written(w -> w.bigInteger(TAG, sixteen))).isEqualTo(TtlvEncoder.encode(Ttlv.bigInteger(TAG, sixteen)));
        // The same refusal, with the same message, as the tree's factory.
        Bytes five = Bytes.fromHex("0102030405");
        String expected = catchMessage(() -> Ttlv.bigInteger(TAG, five));
        assertThat(expected).isEqualTo("big integer length: 5 (expected: a positive multiple of 8)");
        assertThatThrownBy(() -> new TtlvWriter().bigInteger(TAG, five))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThatThrownBy(() -> new TtlvWriter().bigInteger(TAG, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intervalRefusesWhatTheTreeRefuses() {
        assertThat(written(w -> w.interval(TAG, 0xFFFF_FFFFL))).isEqualTo(hex("42 00 20 | 0A | 00 00 00 04 | FF FF FF FF 00 00 00 00"));
        String expected = catchMessage(() -> Ttlv.interval(TAG, 1L << 32));
        assertThatThrownBy(() -> new TtlvWriter().interval(TAG, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThatThrownBy(() -> new TtlvWriter().interval(TAG, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endStructureRefusesAMarkThatIsNoStructure() {
        TtlvWriter w = new TtlvWriter();
        w.integer(TAG, 1);
        assertThatThrownBy(() -> w.endStructure(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("structure mark: 0 (expected: a mark from beginStructure)");
        assertThatThrownBy(() -> w.endStructure(16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.endStructure(-8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesExistingTreesUnderTheirOwnTagOrAnother() {
        Ttlv tree = Ttlv.structure(0x420008, Ttlv.text(0x42000A, "Name"), Ttlv.structure(0x42000B,
                Ttlv.text(0x420055, "k1"), Ttlv.enumeration(0x420054, 1)));
        assertThat(written(w -> w.write(tree))).isEqualTo(TtlvEncoder.encode(tree));
        Ttlv retagged = Ttlv.structure(0x420125, tree.children());
        assertThat(written(w -> w.write(0x420125, tree))).isEqualTo(TtlvEncoder.encode(retagged));
        // A decoded tree holds its ASCII text as views into the message; those copy unchanged.
        byte[] bytes = TtlvEncoder.encode(tree);
        Ttlv decoded = TtlvDecoder.create().decode(bytes);
        assertThat(written(w -> {
            w.integer(TAG, 7);
            w.write(decoded);
        })).isEqualTo(concat(TtlvEncoder.encode(Ttlv.integer(TAG, 7)), bytes));
        assertThat(written(w -> w.write(0x420094, decoded.children().get(0))))
                .isEqualTo(TtlvEncoder.encode(Ttlv.text(0x420094, "Name")));
    }

    @Test
    void toByteArrayIsACopy() {
        TtlvWriter w = new TtlvWriter();
        w.integer(TAG, 8);
        byte[] first = w.toByteArray();
        first[11] = 9;
        assertThat(w.toByteArray()).isEqualTo(hex("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"));
        assertThat(new TtlvWriter().toByteArray()).isEmpty();
        assertThatThrownBy(() -> new TtlvWriter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random trees (those of TtlvRoundTripPropertyTest) written item by item, from a tiny buffer up. */
    @Test
    void randomTreesWrittenItemByItemMatchTheEncoder() {
        for (long seed = 0; seed < 1000; seed++) {
            Ttlv tree = Ttlv.structure(0x420078, TtlvRoundTripPropertyTest.children(new Random(seed), 1));
            byte[] expected = TtlvEncoder.encode(tree);
            TtlvWriter w = new TtlvWriter((int) (seed % 24));
            writeItemByItem(w, tree);
            assertThat(w.toByteArray()).as("seed " + seed).isEqualTo(expected);
            TtlvWriter copy = new TtlvWriter(1);
            copy.write(tree);
            assertThat(copy.toByteArray()).as("seed " + seed).isEqualTo(expected);
        }
    }

    @Test
    void aBorrowedWriterStartsEmptyAndIsWipedWhenReleased() {
        TtlvWriter w = TtlvWriter.borrow();
        w.bytes(0x420043, Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        int used = w.size();
        assertThat(used).isEqualTo(24);
        w.release();
        byte[] kept = w.array();
        assertThat(java.util.Arrays.copyOf(kept, used)).containsOnly(0);

        TtlvWriter again = TtlvWriter.borrow();
        assertThat(again).isSameAs(w);
        assertThat(again.size()).isZero();
        // A message written while this thread's writer is out gets a writer of its own.
        TtlvWriter inner = TtlvWriter.borrow();
        assertThat(inner).isNotSameAs(again);
        inner.integer(0x42000D, 1);
        again.integer(0x42000D, 2);
        assertThat(inner.toByteArray()).isNotEqualTo(again.toByteArray()).hasSize(16);
        inner.release();
        again.release();
    }

    @Test
    void aReleasedWriterDropsAnArrayThatGrewPastTheRetainedSize() {
        TtlvWriter w = TtlvWriter.borrow();
        w.bytes(0x420043, Bytes.of(new byte[100_000]));
        w.release();
        assertThat(w.array()).hasSize(TtlvWriter.DEFAULT_INITIAL_CAPACITY);
        assertThat(TtlvWriter.borrow()).isSameAs(w);
        w.release();
    }

    private static void writeItemByItem(TtlvWriter w, Ttlv item) {
        int tag = item.tag();
        switch (item.type()) {
            case STRUCTURE -> {
                int mark = w.beginStructure(tag);
                for (Ttlv c : item.children()) {
                    writeItemByItem(w, c);
                }
                w.endStructure(mark);
            }
            case INTEGER -> w.integer(tag, item.intValue());
            case LONG_INTEGER -> w.longInteger(tag, item.longValue());
            case BIG_INTEGER -> w.bigInteger(tag, item.bytesValue());
            case ENUMERATION -> w.enumeration(tag, item.intValue());
            case BOOLEAN -> w.bool(tag, item.booleanValue());
            case TEXT_STRING -> w.text(tag, item.textValue());
            case BYTE_STRING -> w.bytes(tag, item.bytesValue());
            case DATE_TIME -> w.dateTime(tag, item.longValue());
            case INTERVAL -> w.interval(tag, item.longValue());
            case DATE_TIME_EXTENDED -> w.dateTimeExtended(tag, item.longValue());
        }
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected IllegalArgumentException");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
