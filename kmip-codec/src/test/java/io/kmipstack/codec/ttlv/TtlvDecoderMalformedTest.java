package io.kmipstack.codec.ttlv;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per strict rule of {@link TtlvDecoder} (KMIP 1.4 section 9.1.1, 2.1 section 10.1): each
 * input breaks exactly one rule and the exception names the problem, the offset of the offending
 * item's header and the tag path to it. Most inputs put the bad item inside a Request Message
 * Structure ({@code 42 00 78 | 01 | ...}) so that the path has two levels.
 */
class TtlvDecoderMalformedTest {

    private static TtlvDecodingException reject(TtlvDecoder decoder, String hex) {
        byte[] bytes = hex(hex);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> decoder.decode(bytes));
        assertThat(t).as("decoding %s", hex).isInstanceOf(TtlvDecodingException.class);
        return (TtlvDecodingException) t;
    }

    private static void assertRejected(String hex, String problem, int offset, String tagPath) {
        assertRejected(TtlvDecoder.create(), hex, problem, offset, tagPath);
    }

    private static void assertRejected(TtlvDecoder decoder, String hex, String problem, int offset, String tagPath) {
        TtlvDecodingException e = reject(decoder, hex);
        assertThat(e.getMessage()).startsWith(problem + " at offset " + offset);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.tagPath()).isEqualTo(tagPath);
    }

    // --- padding ---

    @Test
    void nonZeroPaddingAfterInteger() {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 | 00 00 00 01",
                "padding byte at +7: non-zero (expected: 0)", 8, "420078/42000D");
    }

    @Test
    void nonZeroPaddingAfterTextString() {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 55 | 07 | 00 00 00 02 | 68 69 | 00 00 00 80 00 00",
                "padding byte at +5: non-zero (expected: 0)", 8, "420078/420055");
    }

    @Test
    void nonZeroPaddingAfterByteString() {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 43 | 08 | 00 00 00 03 | 01 02 03 | 01 00 00 00 00",
                "padding byte at +3: non-zero (expected: 0)", 8, "420078/420043");
    }

    @Test
    void nonZeroPaddingAfterEnumerationAndInterval() {
        assertRejected("42 00 5C | 05 | 00 00 00 04 | 00 00 00 01 | FF 00 00 00",
                "padding byte at +4: non-zero (expected: 0)", 0, "42005C");
        assertRejected("42 00 20 | 0A | 00 00 00 04 | 00 00 00 01 | 00 00 01 00",
                "padding byte at +6: non-zero (expected: 0)", 0, "420020");
    }

    // --- length against type ---

    @ParameterizedTest
    @CsvSource({
            "02, 00000008, Integer length: 8 (expected: 4)",
            "03, 00000004, LongInteger length: 4 (expected: 8)",
            "05, 00000008, Enumeration length: 8 (expected: 4)",
            "06, 00000004, Boolean length: 4 (expected: 8)",
            "09, 00000004, DateTime length: 4 (expected: 8)",
            "0A, 00000008, Interval length: 8 (expected: 4)",
            "0B, 00000007, DateTimeExtended length: 7 (expected: 8)",
            "04, 00000005, BigInteger length: 5 (expected: a positive multiple of 8)",
            "04, 00000000, BigInteger length: 0 (expected: a positive multiple of 8)",
    })
    void lengthNotMatchingTheType(String type, String length, String problem) {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 20 | " + type + " | " + length + " | 00 00 00 00 00 00 00 00",
                problem, 8, "420078/420020");
    }

    @Test
    void structureLengthNotAMultipleOfEight() {
        // The inner Structure claims 4 bytes: its first child's header cannot fit in them.
        assertRejected("42 00 78 | 01 | 00 00 00 18 | 42 00 77 | 01 | 00 00 00 04 | 42 00 0D 02 00 00 00 00"
                        + " | 00 00 00 00 00 00 00 00",
                "truncated item header: 4 bytes (expected: >= 8)", 16, "420078/420077");
    }

    // --- truncation ---

    @Test
    void emptyInput() {
        assertRejected("", "truncated item header: 0 bytes (expected: >= 8)", 0, "");
    }

    @Test
    void truncatedHeader() {
        assertRejected("42 00 78 | 01 | 00", "truncated item header: 5 bytes (expected: >= 8)", 0, "");
    }

    @Test
    void structureLongerThanTheMessage() {
        assertRejected("42 00 78 | 01 | 00 00 00 08 | 42 00 77 01", "truncated value: length 8 with 4 bytes left",
                0, "420078");
    }

    @Test
    void truncatedValue() {
        // The padding of the last item is part of the message too.
        assertRejected("42 00 0D | 02 | 00 00 00 04 | 00 00 00 01", "truncated value: length 4 with 4 bytes left",
                0, "42000D");
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 55 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F",
                "truncated value: length 11 with 8 bytes left", 8, "420078/420055");
    }

    @Test
    void structureOverrunningItsParent() {
        // The outer Structure holds 16 bytes; the inner one claims 16 after its own 8-byte header.
        // The bytes exist in the array (trailing), but not inside the parent.
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 77 | 01 | 00 00 00 10 |"
                        + " 42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00",
                "truncated value: length 16 with 8 bytes left", 8, "420078/420077");
    }

    @Test
    void hugeDeclaredLengthFailsWithoutAllocating() {
        String[] inputs = {
                "42 00 78 | 01 | 00 00 00 10 | 42 00 43 | 08 | FF FF FF FF | 00 00 00 00 00 00 00 00",
                "42 00 78 | 01 | 00 00 00 10 | 42 00 77 | 01 | FF FF FF FF | 00 00 00 00 00 00 00 00",
                "42 00 78 | 01 | 00 00 00 10 | 42 00 55 | 07 | FF FF FF F9 | 00 00 00 00 00 00 00 00",
                "42 00 78 | 01 | FF FF FF FF | 42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00",
        };
        String[] problems = {
                "truncated value: length 4294967295 with 8 bytes left",
                "truncated value: length 4294967295 with 8 bytes left",
                "truncated value: length 4294967289 with 8 bytes left",
                "truncated value: length 4294967295 with 16 bytes left",
        };
        int[] offsets = {8, 8, 8, 0};
        String[] paths = {"420078/420043", "420078/420077", "420078/420055", "420078"};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < inputs.length; i++) {
            byte[] bytes = hex(inputs[i]);
            reject(TtlvDecoder.create(), inputs[i]); // warm up: class loading allocates too
            long before = threads.getCurrentThreadAllocatedBytes();
            TtlvDecodingException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    TtlvDecodingException.class, () -> TtlvDecoder.create().decode(bytes));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(e.getMessage()).startsWith(problems[i] + " at offset " + offsets[i]);
            assertThat(e.tagPath()).isEqualTo(paths[i]);
            // A buffer for the declared length would be 4 GiB. The exception, its stack trace and,
            // in a build that also runs the Jazzer harnesses, the coverage agent's bookkeeping cost
            // a few hundred KiB at most; 16 MiB keeps the check far from both.
            assertThat(allocated).as("bytes allocated for %s", inputs[i]).isLessThan(16L * 1024 * 1024);
        }
    }

    // --- type byte and tag ---

    @ParameterizedTest
    @ValueSource(strings = {"00", "0C", "FF"})
    void unknownTypeByte(String type) {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 20 | " + type + " | 00 00 00 04 | 00 00 00 00 00 00 00 00",
                "item type: 0x" + type + " (expected: 0x01 to 0x0B)", 8, "420078/420020");
    }

    @ParameterizedTest
    @ValueSource(strings = {"430001", "000000", "FFFFFF", "410078", "550001"})
    void tagOutsideTheKmipAndExtensionRanges(String tag) {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | " + tag + " | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00",
                "tag: 0x" + tag + " (expected: 0x42XXXX or 0x54XXXX)", 8, "420078/" + tag);
    }

    @Test
    void topLevelTagOutsideTheRanges() {
        assertRejected("01 00 78 | 01 | 00 00 00 00", "tag: 0x010078 (expected: 0x42XXXX or 0x54XXXX)", 0, "010078");
    }

    @Test
    void extensionTagsAreAccepted() {
        Ttlv t = TtlvDecoder.create().decode(hex("42 00 78 | 01 | 00 00 00 10 | 54 00 01 | 02 | 00 00 00 04 | 00 00 00 07 00 00 00 00"));
        assertThat(t.child(0x540001).intValue()).isEqualTo(7);
    }

    // --- values ---

    @Test
    void booleanOtherThanZeroOrOne() {
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 08 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 02",
                "boolean value: 2 (expected: 0 or 1)", 8, "420078/420008");
        assertRejected("42 00 08 | 06 | 00 00 00 08 | 01 00 00 00 00 00 00 01",
                "boolean value: 100000000000001 (expected: 0 or 1)", 0, "420008");
    }

    @ParameterizedTest
    @CsvSource({
            "C0 AF, overlong encoding of '/'",
            "E0 80 AF, overlong three-byte encoding",
            "80, lone continuation byte",
            "61 BF 62, continuation byte between ASCII",
            "E2 82, truncated three-byte sequence",
            "F0 9F 98, truncated four-byte sequence",
            "ED A0 80, UTF-16 surrogate encoded as UTF-8",
            "F4 90 80 80, code point above U+10FFFF",
            "FF, byte never used in UTF-8",
    })
    void invalidUtf8(String bytes, String why) {
        byte[] text = hex(bytes);
        String len = String.format("%08X", text.length);
        String padding = "00 ".repeat(8 - text.length);
        assertRejected("42 00 78 | 01 | 00 00 00 10 | 42 00 55 | 07 | " + len + " | " + bytes + " " + padding,
                "text string: invalid UTF-8", 8, "420078/420055");
    }

    @Test
    void validMultiByteUtf8IsAccepted() {
        // "é€😀": two, three and four bytes
        Ttlv t = TtlvDecoder.create().decode(hex("42 00 55 | 07 | 00 00 00 09 | C3 A9 E2 82 AC F0 9F 98 80 | 00 00 00 00 00 00 00"));
        assertThat(t.textValue()).isEqualTo("é€\uD83D\uDE00");
    }

    // --- limits ---

    @Test
    void nestingDeeperThanTheLimit() {
        TtlvDecoder decoder = TtlvDecoder.create(new TtlvLimits(1024, 3));
        // Three levels: Request Message > Request Header > Protocol Version (empty).
        String three = "42 00 78 | 01 | 00 00 00 10 | 42 00 77 | 01 | 00 00 00 08 | 42 00 69 | 01 | 00 00 00 00";
        assertThat(decoder.decode(hex(three)).child(0x420077).child(0x420069).children()).isEmpty();
        // Three levels ending in a primitive.
        assertThat(decoder.decode(hex("42 00 78 | 01 | 00 00 00 18 | 42 00 77 | 01 | 00 00 00 10 |"
                + " 42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00"))).isNotNull();
        // Four levels: Protocol Version now holds a Protocol Version Major.
        assertRejected(decoder, "42 00 78 | 01 | 00 00 00 20 | 42 00 77 | 01 | 00 00 00 18 | 42 00 69 | 01 | 00 00 00 10 |"
                        + " 42 00 6A | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00",
                "nesting depth: 4 (expected: <= 3)", 16, "420078/420077/420069");
    }

    @Test
    void nestingDeeperThanTheDefaultLimit() {
        int levels = TtlvLimits.DEFAULT_MAX_DEPTH + 1;
        Ttlv deep = Ttlv.integer(0x42000D, 1);
        for (int i = 1; i < levels; i++) {
            deep = Ttlv.structure(0x420078, deep);
        }
        byte[] bytes = TtlvEncoder.encode(deep);
        TtlvDecodingException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                TtlvDecodingException.class, () -> TtlvDecoder.create().decode(bytes));
        assertThat(e.getMessage()).startsWith("nesting depth: 33 (expected: <= 32)");
        assertThat(e.offset()).isEqualTo(8 * (levels - 2));
        assertThat(e.tagPath().split("/")).hasSize(levels - 1);

        // One level less is within the limit.
        assertThat(TtlvDecoder.create().decode(TtlvEncoder.encode(deep.children().get(0)))).isEqualTo(deep.children().get(0));
    }

    @Test
    void messageLargerThanTheLimit() {
        TtlvDecoder decoder = TtlvDecoder.create(new TtlvLimits(64, 32));
        Ttlv msg56 = Ttlv.structure(0x420078, Ttlv.text(0x420055, "x".repeat(40)));
        Ttlv msg72 = Ttlv.structure(0x420078, Ttlv.text(0x420055, "x".repeat(56)));
        Ttlv msg64 = Ttlv.structure(0x420078, Ttlv.text(0x420055, "x".repeat(48)));
        assertThat(decoder.decode(TtlvEncoder.encode(msg56))).isEqualTo(msg56);
        assertThat(decoder.decode(TtlvEncoder.encode(msg64))).isEqualTo(msg64);
        byte[] big = TtlvEncoder.encode(msg72);
        TtlvDecodingException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                TtlvDecodingException.class, () -> decoder.decode(big));
        assertThat(e.getMessage()).isEqualTo("message length: 72 (expected: <= 64) at offset 0");
        assertThat(e.offset()).isZero();
        assertThat(e.tagPath()).isEmpty();
    }

    @Test
    void trailingBytes() {
        byte[] create = TtlvTestVectors.wireMessage("create_aes256_req");
        byte[] padded = java.util.Arrays.copyOf(create, create.length + 8);
        TtlvDecodingException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                TtlvDecodingException.class, () -> TtlvDecoder.create().decode(padded));
        assertThat(e.getMessage()).startsWith("trailing bytes: 8 (expected: 0) at offset " + create.length);
        assertThat(e.offset()).isEqualTo(create.length);
        assertThat(e.tagPath()).isEmpty();
    }

    @Test
    void offsetsAreRelativeToTheMessageNotTheArray() {
        byte[] msg = hex("42 00 78 | 01 | 00 00 00 10 | 42 00 08 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 02");
        byte[] array = new byte[5 + msg.length + 3];
        System.arraycopy(msg, 0, array, 5, msg.length);
        TtlvDecodingException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                TtlvDecodingException.class, () -> TtlvDecoder.create().decode(array, 5, msg.length));
        assertThat(e.offset()).isEqualTo(8);
        assertThat(e.tagPath()).isEqualTo("420078/420008");
    }

    @Test
    void messagesNeverContainValueBytes() {
        // Invalid UTF-8 inside what could be a password: the message says where, not what.
        TtlvDecodingException e = reject(TtlvDecoder.create(),
                "42 00 78 | 01 | 00 00 00 10 | 42 00 A1 | 07 | 00 00 00 08 | 73 65 63 72 65 74 C0 AF");
        assertThat(e.getMessage()).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("736563");
    }

    @Test
    void structureLengthMustCoverWholeChildren() {
        // A Structure whose length (12) stops inside its last child's padding.
        assertRejected("42 00 78 | 01 | 00 00 00 0C | 42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00",
                "truncated value: length 4 with 4 bytes left", 8, "420078/42000D");
    }
}
