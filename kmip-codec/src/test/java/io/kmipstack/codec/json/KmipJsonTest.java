package io.kmipstack.codec.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON encoding (KMIP Additional Message Encodings 1.0, section 4.1): known answers for the
 * MSGENC JSON test case messages, each value form, member order, and the errors.
 */
class KmipJsonTest {

    /**
     * The request of the MSGENC-JSON test case (Query with Maximum Response Size 256, KMIP Profiles
     * 1.4 MSGENC-JSON-M-1-14) as built by hand from the KMIP 1.4 tables: Query is Operation 0x18;
     * Query Operations and Query Objects are Query Function 0x01 and 0x02.
     */
    private static final Ttlv QUERY_REQUEST = Ttlv.structure(Tag.REQUEST_MESSAGE,
            Ttlv.structure(Tag.REQUEST_HEADER,
                    Ttlv.structure(Tag.PROTOCOL_VERSION,
                            Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 1),
                            Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 4)),
                    Ttlv.integer(Tag.MAXIMUM_RESPONSE_SIZE, 256),
                    Ttlv.integer(Tag.BATCH_COUNT, 1)),
            Ttlv.structure(Tag.BATCH_ITEM,
                    Ttlv.enumeration(Tag.OPERATION, 0x18),
                    Ttlv.structure(Tag.REQUEST_PAYLOAD,
                            Ttlv.enumeration(Tag.QUERY_FUNCTION, 0x01),
                            Ttlv.enumeration(Tag.QUERY_FUNCTION, 0x02))));

    @Nested
    class SpecExamples {

        @Test
        void queryRequestWithNumbers() {
            String json = """
                    {"tag":"RequestMessage", "value":[
                      {"tag":"RequestHeader", "value":[
                        {"tag":"ProtocolVersion", "value":[
                          {"tag":"ProtocolVersionMajor", "type":"Integer", "value":1},
                          {"tag":"ProtocolVersionMinor", "type":"Integer", "value":4}
                        ]},
                        {"tag":"MaximumResponseSize", "type":"Integer", "value":256},
                        {"tag":"BatchCount", "type":"Integer", "value":1}
                      ]},
                      {"tag":"BatchItem", "value":[
                        {"tag":"Operation", "type":"Enumeration", "value":"Query"},
                        {"tag":"RequestPayload", "value":[
                          {"tag":"QueryFunction", "type":"Enumeration", "value":"QueryOperations"},
                          {"tag":"QueryFunction", "type":"Enumeration", "value":"QueryObjects"}
                        ]}
                      ]}
                    ]}""";
            assertThat(KmipJson.read(json)).isEqualTo(QUERY_REQUEST);
        }

        @Test
        void queryRequestWithHexIntegers() {
            // Section 4.1.1: every Integer may be given as 0x and eight hex digits.
            String json = """
                    {"tag":"RequestMessage", "value":[
                      {"tag":"RequestHeader", "value":[
                        {"tag":"ProtocolVersion", "value":[
                          {"tag":"ProtocolVersionMajor", "type":"Integer", "value":"0x00000001"},
                          {"tag":"ProtocolVersionMinor", "type":"Integer", "value":"0x00000004"}
                        ]},
                        {"tag":"MaximumResponseSize", "type":"Integer", "value":"0x00000100"},
                        {"tag":"BatchCount", "type":"Integer", "value":"0x00000001"}
                      ]},
                      {"tag":"BatchItem", "value":[
                        {"tag":"Operation", "type":"Enumeration", "value":"0x00000018"},
                        {"tag":"RequestPayload", "value":[
                          {"tag":"0x420074", "type":"Enumeration", "value":"QueryOperations"},
                          {"tag":"QueryFunction", "type":"Enumeration", "value":2}
                        ]}
                      ]}
                    ]}""";
            assertThat(KmipJson.read(json)).isEqualTo(QUERY_REQUEST);
        }

        @Test
        void queryRequestIsWrittenWithNamesAndNumbers() {
            assertThat(KmipJson.write(QUERY_REQUEST)).isEqualTo("{\"tag\":\"RequestMessage\",\"value\":["
                    + "{\"tag\":\"RequestHeader\",\"value\":["
                    + "{\"tag\":\"ProtocolVersion\",\"value\":["
                    + "{\"tag\":\"ProtocolVersionMajor\",\"type\":\"Integer\",\"value\":1},"
                    + "{\"tag\":\"ProtocolVersionMinor\",\"type\":\"Integer\",\"value\":4}]},"
                    + "{\"tag\":\"MaximumResponseSize\",\"type\":\"Integer\",\"value\":256},"
                    + "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1}]},"
                    + "{\"tag\":\"BatchItem\",\"value\":["
                    + "{\"tag\":\"Operation\",\"type\":\"Enumeration\",\"value\":\"Query\"},"
                    + "{\"tag\":\"RequestPayload\",\"value\":["
                    + "{\"tag\":\"QueryFunction\",\"type\":\"Enumeration\",\"value\":\"QueryOperations\"},"
                    + "{\"tag\":\"QueryFunction\",\"type\":\"Enumeration\",\"value\":\"QueryObjects\"}]}]}]}");
        }

        @Test
        void queryResponseTooLarge() {
            // The first response of MSGENC-JSON-M-1-14: Operation Failed (0x01), Response Too Large (0x02).
            String json = """
                    {"tag":"ResponseMessage", "value":[
                      {"tag":"ResponseHeader", "value":[
                        {"tag":"ProtocolVersion", "value":[
                          {"tag":"ProtocolVersionMajor", "type":"Integer", "value":1},
                          {"tag":"ProtocolVersionMinor", "type":"Integer", "value":4}
                        ]},
                        {"tag":"TimeStamp", "type":"DateTime", "value":"2014-01-01T10:00:00+10:00"},
                        {"tag":"BatchCount", "type":"Integer", "value":1}
                      ]},
                      {"tag":"BatchItem", "value":[
                        {"tag":"Operation", "type":"Enumeration", "value":"Query"},
                        {"tag":"ResultStatus", "type":"Enumeration", "value":"OperationFailed"},
                        {"tag":"ResultReason", "type":"Enumeration", "value":"ResponseTooLarge"},
                        {"tag":"ResultMessage", "type":"TextString", "value":"TOO_LARGE"}
                      ]}
                    ]}""";
            Ttlv expected = Ttlv.structure(Tag.RESPONSE_MESSAGE,
                    Ttlv.structure(Tag.RESPONSE_HEADER,
                            Ttlv.structure(Tag.PROTOCOL_VERSION,
                                    Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 1),
                                    Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 4)),
                            Ttlv.dateTime(Tag.TIME_STAMP, 1_388_534_400L), // 2014-01-01T00:00:00Z
                            Ttlv.integer(Tag.BATCH_COUNT, 1)),
                    Ttlv.structure(Tag.BATCH_ITEM,
                            Ttlv.enumeration(Tag.OPERATION, 0x18),
                            Ttlv.enumeration(Tag.RESULT_STATUS, 0x01),
                            Ttlv.enumeration(Tag.RESULT_REASON, 0x02),
                            Ttlv.text(Tag.RESULT_MESSAGE, "TOO_LARGE")));
            Ttlv read = KmipJson.read(json);
            assertThat(read).isEqualTo(expected);
            assertThat(KmipJson.read(KmipJson.write(read))).isEqualTo(expected);
        }
    }

    @Nested
    class Values {

        @Test
        void integerIsANumberOrHex() {
            assertThat(KmipJson.read("{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":-7}"))
                    .isEqualTo(Ttlv.integer(Tag.BATCH_COUNT, -7));
            assertThat(KmipJson.read("{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":\"0xFFFFFFFF\"}"))
                    .isEqualTo(Ttlv.integer(Tag.BATCH_COUNT, -1));
        }

        @Test
        void maskIsBitNamesJoinedByBar() {
            // KMIP 2.1 12.1: Encrypt 0x04, Decrypt 0x08.
            Ttlv item = Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C);
            String json = KmipJson.write(item);
            assertThat(json).isEqualTo("{\"tag\":\"CryptographicUsageMask\",\"type\":\"Integer\",\"value\":\"Encrypt|Decrypt\"}");
            assertThat(KmipJson.read(json)).isEqualTo(item);
            assertThat(KmipJson.read("{\"tag\":\"CryptographicUsageMask\",\"type\":\"Integer\",\"value\":\"Decrypt|0x00000004\"}"))
                    .isEqualTo(item);
            assertThat(KmipJson.read("{\"tag\":\"CryptographicUsageMask\",\"type\":\"Integer\",\"value\":12}")).isEqualTo(item);
        }

        @Test
        void attributeValueMaskFollowsItsAttributeName() {
            Ttlv attribute = Ttlv.structure(Tag.ATTRIBUTE,
                    Ttlv.text(Tag.ATTRIBUTE_NAME, "Cryptographic Usage Mask"),
                    Ttlv.integer(Tag.ATTRIBUTE_VALUE, 0x0C));
            String json = KmipJson.write(attribute);
            assertThat(json).contains("{\"tag\":\"AttributeValue\",\"type\":\"Integer\",\"value\":\"Encrypt|Decrypt\"}");
            assertThat(KmipJson.read(json)).isEqualTo(attribute);
        }

        @Test
        void longIntegerIsANumberOnlyWithin2To52() {
            long limit = 1L << 52;
            assertThat(KmipJson.write(Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, limit - 1))).endsWith("\"value\":4503599627370495}");
            assertThat(KmipJson.write(Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, limit)))
                    .endsWith("\"value\":\"0x0010000000000000\"}");
            assertThat(KmipJson.write(Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, -limit)))
                    .endsWith("\"value\":\"0xFFF0000000000000\"}");
            for (long v : new long[] {0, limit - 1, limit, -limit, Long.MIN_VALUE, Long.MAX_VALUE}) {
                Ttlv item = Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, v);
                assertThat(KmipJson.read(KmipJson.write(item))).isEqualTo(item);
            }
        }

        @Test
        void bigIntegerIsHexWithPrefixOrANumber() {
            Ttlv item = Ttlv.bigInteger(Tag.PUBLIC_EXPONENT, Bytes.fromHex("0000000000010001"));
            assertThat(KmipJson.write(item)).endsWith("\"value\":\"0x0000000000010001\"}");
            assertThat(KmipJson.read("{\"tag\":\"PublicExponent\",\"type\":\"BigInteger\",\"value\":65537}")).isEqualTo(item);
            assertThat(KmipJson.read("{\"tag\":\"PublicExponent\",\"type\":\"BigInteger\",\"value\":-1}").bigIntegerValue())
                    .isEqualTo(BigInteger.ONE.negate());
            assertThat(catchJson("{\"tag\":\"PublicExponent\",\"type\":\"BigInteger\",\"value\":\"0000000000010001\"}"))
                    .hasMessageContaining("hex without 0x");
        }

        @Test
        void enumerationIsANameHexOrNumber() {
            Ttlv item = Ttlv.enumeration(Tag.OBJECT_TYPE, 0x8000_0001);
            assertThat(KmipJson.write(item)).endsWith("\"value\":\"0x80000001\"}");
            assertThat(KmipJson.read(KmipJson.write(item))).isEqualTo(item);
            assertThat(KmipJson.read("{\"tag\":\"ObjectType\",\"type\":\"Enumeration\",\"value\":2147483649}")).isEqualTo(item);
        }

        @Test
        void booleanIsTrueFalseOrHex() {
            assertThat(KmipJson.read("{\"tag\":\"Sensitive\",\"type\":\"Boolean\",\"value\":true}"))
                    .isEqualTo(Ttlv.bool(Tag.SENSITIVE, true));
            assertThat(KmipJson.read("{\"tag\":\"Sensitive\",\"type\":\"Boolean\",\"value\":\"0x0000000000000000\"}"))
                    .isEqualTo(Ttlv.bool(Tag.SENSITIVE, false));
            assertThat(KmipJson.write(Ttlv.bool(Tag.SENSITIVE, true))).endsWith("\"value\":true}");
            assertThat(catchJson("{\"tag\":\"Sensitive\",\"type\":\"Boolean\",\"value\":\"true\"}"))
                    .hasMessageContaining("Boolean value");
        }

        @Test
        void byteStringIsHexWithoutPrefix() {
            Ttlv item = Ttlv.bytes(Tag.DATA, Bytes.fromHex("00FF10"));
            assertThat(KmipJson.write(item)).endsWith("\"value\":\"00ff10\"}");
            assertThat(KmipJson.read("{\"tag\":\"Data\",\"type\":\"ByteString\",\"value\":\"00FF10\"}")).isEqualTo(item);
            assertThat(catchJson("{\"tag\":\"Data\",\"type\":\"ByteString\",\"value\":\"0x00FF10\"}"))
                    .hasMessageContaining("ByteString value: not hex");
        }

        @Test
        void textStringCarriesAnyCharacter() {
            Ttlv item = Ttlv.text(Tag.NAME_VALUE, "a\u0001\"\\\n\u2028\uD83D\uDD11");
            assertThat(KmipJson.read(KmipJson.write(item))).isEqualTo(item);
        }

        @Test
        void dateTimeIsIsoOrHex() {
            Ttlv item = Ttlv.dateTime(Tag.ACTIVATION_DATE, 946_648_800L);
            assertThat(KmipJson.write(item)).endsWith("\"value\":\"1999-12-31T14:00:00+00:00\"}");
            assertThat(KmipJson.read("{\"tag\":\"ActivationDate\",\"type\":\"DateTime\",\"value\":\"2000-01-01T00:00:00+10:00\"}"))
                    .isEqualTo(item);
            assertThat(KmipJson.read("{\"tag\":\"ActivationDate\",\"type\":\"DateTime\",\"value\":\"0x00000000386CB6E0\"}"))
                    .isEqualTo(item);
            assertThat(catchJson("{\"tag\":\"ActivationDate\",\"type\":\"DateTime\",\"value\":946648800}"))
                    .hasMessageContaining("DateTime value is a integer");
        }

        @Test
        void intervalIsANumber() {
            Ttlv item = Ttlv.interval(Tag.LEASE_TIME, 0xFFFF_FFFFL);
            assertThat(KmipJson.write(item)).endsWith("\"value\":4294967295}");
            assertThat(KmipJson.read(KmipJson.write(item))).isEqualTo(item);
            assertThat(catchJson("{\"tag\":\"LeaseTime\",\"type\":\"Interval\",\"value\":4294967296}"))
                    .hasMessageContaining("Interval value: out of range");
        }

        @Test
        void dateTimeExtendedHasMicroseconds() {
            Ttlv item = Ttlv.dateTimeExtended(Tag.TIME_STAMP, 1_546_300_800_000_001L);
            assertThat(KmipJson.write(item)).endsWith("\"value\":\"2019-01-01T00:00:00.000001+00:00\"}");
            assertThat(KmipJson.read(KmipJson.write(item))).isEqualTo(item);
        }

        @Test
        void extensionTagIsHex() {
            Ttlv item = Ttlv.structure(0x540001, Ttlv.integer(0x540002, 5));
            String json = KmipJson.write(item);
            assertThat(json).isEqualTo("{\"tag\":\"0x540001\",\"value\":[{\"tag\":\"0x540002\",\"type\":\"Integer\",\"value\":5}]}");
            assertThat(KmipJson.read(json)).isEqualTo(item);
        }
    }

    @Nested
    class Members {

        @Test
        void membersMayComeInAnyOrder() {
            Ttlv expected = Ttlv.structure(Tag.REQUEST_PAYLOAD,
                    Ttlv.enumeration(Tag.OBJECT_TYPE, 2),
                    Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, "k")));
            assertThat(KmipJson.read("{\"value\":[{\"value\":\"SymmetricKey\",\"type\":\"Enumeration\",\"tag\":\"ObjectType\"},"
                    + "{\"value\":[{\"type\":\"TextString\",\"value\":\"k\",\"tag\":\"NameValue\"}],\"tag\":\"Name\"}],"
                    + "\"tag\":\"RequestPayload\",\"type\":\"Structure\"}"))
                    .isEqualTo(expected);
        }

        @Test
        void emptyStructure() {
            assertThat(KmipJson.read("{\"tag\":\"RequestPayload\",\"value\":[]}"))
                    .isEqualTo(Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()));
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownEnumerationNameHasPointerAndPath() {
            KmipJsonException e = catchJson("{\"tag\":\"BatchItem\",\"value\":[{\"tag\":\"Operation\",\"type\":\"Enumeration\",\"value\":\"Query\"},"
                    + "{\"tag\":\"RequestPayload\",\"value\":[{\"tag\":\"QueryFunction\",\"type\":\"Enumeration\",\"value\":\"QueryAll\"}]}]}");
            assertThat(e).hasMessageStartingWith("unknown QueryFunction name: QueryAll");
            assertThat(e.pointer()).isEqualTo("/value/1/value/0/value");
            assertThat(e.tagPath()).isEqualTo("BatchItem/RequestPayload/QueryFunction");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1,\"unit\":2}|unknown member: unit|/unit",
            "{\"tag\":\"BatchCount\",\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1}|duplicate member|/tag",
            "{\"tag\":\"BatchCont\",\"type\":\"Integer\",\"value\":1}|unknown tag: BatchCont|/tag",
            "{\"tag\":\"0x430001\",\"type\":\"Integer\",\"value\":1}|tag: 0x430001 (expected: 0x42XXXX or 0x54XXXX)|/tag",
            "{\"tag\":\"BatchCount\",\"type\":\"Int\",\"value\":1}|unknown type: Int|/type",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\"}|missing member: value|''",
            "{\"type\":\"Integer\",\"value\":1}|missing member: tag|''",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1.5}|Integer value is a non-integral number|/value",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":2147483648}|Integer value: out of range|/value",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":\"12\"}|Integer value: not hex|/value",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":null}|Integer value is a null|/value",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":[]}|Integer value is a array|/value",
            "{\"tag\":\"BatchCount\",\"value\":[],\"type\":\"Integer\"}|type Integer with an array value|''",
            "{\"tag\":\"RequestPayload\",\"value\":{}}|Structure value is a object|/value",
            "{\"tag\":\"RequestPayload\",\"value\":[1]}|a integer (expected: an object|/value/0",
            "[]|a array (expected: an object|''",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1} {}|content after the top-level object|''",
            "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1|malformed JSON|''",
        })
        void strictReading(String json, String problem, String pointer) {
            KmipJsonException e = catchJson(json);
            assertThat(e).hasMessageContaining(problem);
            assertThat(e.pointer()).isEqualTo(pointer);
        }

        @Test
        void valueBytesStayOutOfMessages() {
            KmipJsonException e = catchJson("{\"tag\":\"KeyMaterial\",\"type\":\"ByteString\",\"value\":\"00112233445566778g\"}");
            assertThat(e.getMessage()).doesNotContain("0011223344");
            e = catchJson("{\"tag\":\"KeyMaterial\",\"type\":\"BigInteger\",\"value\":\"0x00112233445566778g\"}");
            assertThat(e.getMessage()).doesNotContain("0011223344");
        }

        @Test
        void nestingDeeperThanTheTtlvLimitFails() {
            String deep = "{\"tag\":\"RequestPayload\",\"value\":[".repeat(40) + "]}".repeat(40);
            assertThat(catchJson(deep)).hasMessageStartingWith("nesting depth: 33 (expected: <= 32)");
        }
    }

    private static KmipJsonException catchJson(String json) {
        try {
            KmipJson.read(json);
        } catch (KmipJsonException e) {
            return e;
        }
        throw new AssertionError("no KmipJsonException for the document");
    }
}
