package io.kmipstack.codec.ttlv;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The encoding examples of KMIP 1.4 section 9.1.2 "Examples", all for tag 420020. Each is checked
 * both ways: our encoder writes exactly the spec's bytes, and our decoder reads them back to the
 * value the spec names.
 */
class TtlvSpecExamplesTest {

    private static final int TAG = 0x420020;

    private static void assertBothWays(Ttlv item, String expectedHex) {
        byte[] expected = hex(expectedHex);
        assertThat(TtlvEncoder.encode(item)).isEqualTo(expected);
        assertThat(TtlvEncoder.encodedLength(item)).isEqualTo(expected.length);
        assertThat(TtlvDecoder.create().decode(expected)).isEqualTo(item);
    }

    @Test
    void integer() {
        // KMIP 1.4 section 9.1.2: An Integer containing the decimal value 8
        assertBothWays(Ttlv.integer(TAG, 8), "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00");
    }

    @Test
    void longInteger() {
        // KMIP 1.4 section 9.1.2: A Long Integer containing the decimal value 123456789000000000
        assertBothWays(Ttlv.longInteger(TAG, 123456789000000000L),
                "42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00");
    }

    @Test
    void bigInteger() {
        // KMIP 1.4 section 9.1.2: A Big Integer containing the decimal value 1234567890000000000000000000,
        // sign-extended with leading zero bytes to 16 bytes
        String expected = "42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00";
        BigInteger value = new BigInteger("1234567890000000000000000000");
        assertBothWays(Ttlv.bigInteger(TAG, value), expected);
        assertThat(TtlvDecoder.create().decode(hex(expected)).bigIntegerValue()).isEqualTo(value);
    }

    @Test
    void enumeration() {
        // KMIP 1.4 section 9.1.2: An Enumeration with value 255
        assertBothWays(Ttlv.enumeration(TAG, 255), "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00");
    }

    @Test
    void booleanTrue() {
        // KMIP 1.4 section 9.1.2: A Boolean with the value True
        assertBothWays(Ttlv.bool(TAG, true), "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01");
        assertThat(TtlvDecoder.create().decode(hex("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01"))
                .booleanValue()).isTrue();
    }

    @Test
    void textString() {
        // KMIP 1.4 section 9.1.2: A Text String with the value "Hello World"
        assertBothWays(Ttlv.text(TAG, "Hello World"),
                "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00");
    }

    @Test
    void byteString() {
        // KMIP 1.4 section 9.1.2: A Byte String with the value { 0x01, 0x02, 0x03 }
        assertBothWays(Ttlv.bytes(TAG, Bytes.of(new byte[] {1, 2, 3})),
                "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00");
    }

    @Test
    void dateTime() {
        // KMIP 1.4 section 9.1.2: A Date-Time, containing the value for Friday, March 14, 2008, 11:56:40 GMT
        String expected = "42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8";
        assertBothWays(Ttlv.dateTime(TAG, Instant.parse("2008-03-14T11:56:40Z")), expected);
        assertThat(TtlvDecoder.create().decode(hex(expected)).instantValue())
                .isEqualTo(Instant.parse("2008-03-14T11:56:40Z"));
    }

    @Test
    void interval() {
        // KMIP 1.4 section 9.1.2: An Interval, containing the value for 10 days
        assertBothWays(Ttlv.interval(TAG, 10 * 24 * 3600), "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00");
    }

    @Test
    void structure() {
        // KMIP 1.4 section 9.1.2: A Structure containing an Enumeration, value 254, followed by an
        // Integer, value 255, having tags 420004 and 420005 respectively
        assertBothWays(Ttlv.structure(TAG, Ttlv.enumeration(0x420004, 254), Ttlv.integer(0x420005, 255)),
                "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 |"
                        + " 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00");
    }

    @Test
    void dateTimeExtended() {
        // KMIP 2.1 sections 10.1 and 11.23: type 0x0B, Date Time Extended, microseconds since the
        // epoch as eight signed bytes (no example in the spec; value 2008-03-14T11:56:40.000001Z)
        assertBothWays(Ttlv.dateTimeExtended(TAG, 1_205_495_800_000_001L),
                "42 00 20 | 0B | 00 00 00 08 | 00 04 48 64 5C EF EE 01");
        assertThat(TtlvDecoder.create().decode(hex("42 00 20 | 0B | 00 00 00 08 | 00 04 48 64 5C EF EE 01"))
                .instantValue()).isEqualTo(Instant.parse("2008-03-14T11:56:40.000001Z"));
    }
}
