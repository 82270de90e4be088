package io.kmipstack.codec.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Value formats and errors of the XML encoding (KMIP Additional Message Encodings 1.0, 6.1), with
 * the known values taken from the KMIP 1.4 and 2.1 tag, enumeration and mask tables.
 */
class KmipXmlTest {

    private static final int EXTENSION_TAG = 0x540001;

    /** One element as the whole document. */
    private static Ttlv one(String element) {
        return KmipXml.read(element);
    }

    /** One element inside a structure, so that context rules and paths have a parent. */
    private static Ttlv inRequestPayload(String elements) {
        return KmipXml.read("<RequestPayload>" + elements + "</RequestPayload>");
    }

    @Nested
    class Values {

        @ParameterizedTest
        @CsvSource({
            "0, 0",
            "-5, -5",
            "2147483647, 2147483647",
            "-2147483648, -2147483648",
            "0x00000100, 256",
            "0xFFFFFFFF, -1",
        })
        void integerIsDecimalOrHex(String text, int expected) {
            assertThat(one("<BatchCount type=\"Integer\" value=\"" + text + "\"/>"))
                    .isEqualTo(Ttlv.integer(Tag.BATCH_COUNT, expected));
        }

        @Test
        void integerOutOfRangeFails() {
            assertThatThrownBy(() -> one("<BatchCount type=\"Integer\" value=\"2147483648\"/>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("not a 32-bit integer");
        }

        @Test
        void maskIsBitNamesSeparatedBySpacesInAnyOrder() {
            // KMIP 1.4 9.1.3.3.1 / 2.1 12.1: Encrypt 0x04, Decrypt 0x08, MAC Generate 0x80, MAC Verify 0x100.
            Ttlv expected = Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C);
            assertThat(one("<CryptographicUsageMask type=\"Integer\" value=\"Decrypt Encrypt\"/>")).isEqualTo(expected);
            assertThat(one("<CryptographicUsageMask type=\"Integer\" value=\"Encrypt  Decrypt\"/>")).isEqualTo(expected);
            assertThat(one("<CryptographicUsageMask type=\"Integer\" value=\"12\"/>")).isEqualTo(expected);
            assertThat(one("<CryptographicUsageMask type=\"Integer\" value=\"Encrypt Decrypt MACGenerate MACVerify\"/>"))
                    .isEqualTo(Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x18C));
            assertThat(KmipXml.write(expected))
                    .isEqualTo("<CryptographicUsageMask type=\"Integer\" value=\"Encrypt Decrypt\"/>");
        }

        @Test
        void maskBitsWithoutNameAreOneHexWordAndZeroIsANumber() {
            Ttlv item = Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x1000_0004);
            String xml = KmipXml.write(item);
            assertThat(xml).isEqualTo("<CryptographicUsageMask type=\"Integer\" value=\"Encrypt 0x10000000\"/>");
            assertThat(KmipXml.read(xml)).isEqualTo(item);
            assertThat(KmipXml.write(Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0)))
                    .isEqualTo("<CryptographicUsageMask type=\"Integer\" value=\"0\"/>");
        }

        @Test
        void unknownMaskNameFails() {
            assertThatThrownBy(() -> inRequestPayload("<CryptographicUsageMask type=\"Integer\" value=\"Encrypt Shred\"/>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("unknown CryptographicUsageMask name: Shred")
                    .extracting(e -> ((KmipXmlException) e).tagPath())
                    .isEqualTo("RequestPayload/CryptographicUsageMask");
        }

        @Test
        void longIntegerIsDecimal() {
            assertThat(one("<UsageLimitsTotal type=\"LongInteger\" value=\"-9223372036854775808\"/>"))
                    .isEqualTo(Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, Long.MIN_VALUE));
            assertThat(one("<UsageLimitsTotal type=\"LongInteger\" value=\"0x0000000000000010\"/>"))
                    .isEqualTo(Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 16));
            assertThat(KmipXml.write(Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 1L << 60)))
                    .isEqualTo("<UsageLimitsTotal type=\"LongInteger\" value=\"1152921504606846976\"/>");
        }

        @Test
        void bigIntegerIsTwosComplementHexKeptAsWritten() {
            // The test cases pad Big Integers to a multiple of 8 bytes, sometimes with a whole
            // extra zero block; the exact bytes survive.
            Ttlv padded = one("<PublicExponent type=\"BigInteger\" value=\"00000000000000000000000000010001\"/>");
            assertThat(padded.bytesValue().length()).isEqualTo(16);
            assertThat(padded.bigIntegerValue()).isEqualTo(BigInteger.valueOf(65537));
            assertThat(KmipXml.write(padded))
                    .isEqualTo("<PublicExponent type=\"BigInteger\" value=\"00000000000000000000000000010001\"/>");
        }

        @Test
        void bigIntegerNotAMultipleOfEightBytesIsSignExtended() {
            assertThat(one("<PublicExponent type=\"BigInteger\" value=\"FF\"/>").bytesValue())
                    .isEqualTo(Bytes.fromHex("FFFFFFFFFFFFFFFF"));
            assertThat(one("<PublicExponent type=\"BigInteger\" value=\"010001\"/>").bytesValue())
                    .isEqualTo(Bytes.fromHex("0000000000010001"));
        }

        @Test
        void enumerationIsNameOrHex() {
            // KMIP 2.1 11.29 Object Type: Symmetric Key 0x02; 0x80000001 is an extension value.
            assertThat(one("<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>"))
                    .isEqualTo(Ttlv.enumeration(Tag.OBJECT_TYPE, 2));
            assertThat(one("<ObjectType type=\"Enumeration\" value=\"0x00000002\"/>"))
                    .isEqualTo(Ttlv.enumeration(Tag.OBJECT_TYPE, 2));
            Ttlv vendor = Ttlv.enumeration(Tag.OBJECT_TYPE, 0x8000_0001);
            assertThat(KmipXml.write(vendor)).isEqualTo("<ObjectType type=\"Enumeration\" value=\"0x80000001\"/>");
            assertThat(KmipXml.read(KmipXml.write(vendor))).isEqualTo(vendor);
            assertThat(KmipXml.write(Ttlv.enumeration(Tag.OBJECT_TYPE, 2)))
                    .isEqualTo("<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>");
        }

        @Test
        void unknownEnumerationNameFailsWithPosition() {
            KmipXmlException e = catchXml("<RequestPayload>\n  <ObjectType type=\"Enumeration\" value=\"SymetricKey\"/>\n</RequestPayload>");
            assertThat(e).hasMessageContaining("unknown ObjectType name: SymetricKey");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.tagPath()).isEqualTo("RequestPayload/ObjectType");
        }

        @Test
        void enumerationNameOnATagWithoutTableFails() {
            assertThatThrownBy(() -> one("<TTLV tag=\"0x540001\" type=\"Enumeration\" value=\"Foo\"/>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("without enumeration");
            assertThat(one("<TTLV tag=\"0x540001\" type=\"Enumeration\" value=\"0x0000000A\"/>"))
                    .isEqualTo(Ttlv.enumeration(EXTENSION_TAG, 10));
        }

        @ParameterizedTest
        @CsvSource({"true, true", "false, false", "0x0000000000000001, true", "0x0000000000000000, false"})
        void booleanIsTrueOrFalse(String text, boolean expected) {
            assertThat(one("<Sensitive type=\"Boolean\" value=\"" + text + "\"/>")).isEqualTo(Ttlv.bool(Tag.SENSITIVE, expected));
        }

        @Test
        void booleanOtherTextFails() {
            assertThatThrownBy(() -> one("<Sensitive type=\"Boolean\" value=\"yes\"/>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("Boolean value");
        }

        @Test
        void textStringKeepsEveryXmlCharacter() {
            Ttlv item = Ttlv.text(Tag.NAME_VALUE, " a\tb\nc\r<&>\"' \u00e9\u20ac\uD83D\uDD11 ");
            String xml = KmipXml.write(item);
            assertThat(xml).contains("&#xa;").contains("&#x9;").contains("&lt;");
            assertThat(KmipXml.read(xml)).isEqualTo(item);
        }

        @Test
        void textStringWithAControlCharacterCannotBeWritten() {
            assertThatThrownBy(() -> KmipXml.write(Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, "a\u0001b"))))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("cannot write as XML")
                    .extracting(e -> ((KmipXmlException) e).tagPath())
                    .isEqualTo("Name/NameValue");
        }

        @Test
        void byteStringIsHexOfEitherCase() {
            assertThat(one("<Data type=\"ByteString\" value=\"0A0bFf\"/>"))
                    .isEqualTo(Ttlv.bytes(Tag.DATA, Bytes.fromHex("0A0BFF")));
            assertThat(one("<Data type=\"ByteString\" value=\"\"/>")).isEqualTo(Ttlv.bytes(Tag.DATA, Bytes.EMPTY));
            assertThat(KmipXml.write(Ttlv.bytes(Tag.DATA, Bytes.fromHex("0A0BFF"))))
                    .isEqualTo("<Data type=\"ByteString\" value=\"0a0bff\"/>");
        }

        @Test
        void byteStringAsLargeAsATtlvMessageReadsBack() {
            // 700 KB is 1.4 M hex digits, beyond Woodstox's default 512 Ki attribute limit.
            byte[] big = new byte[700_000];
            new java.util.Random(1).nextBytes(big);
            Ttlv item = Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, Bytes.wrap(big)));
            assertThat(KmipXml.read(KmipXml.write(item))).isEqualTo(item);
        }

        @ParameterizedTest
        @CsvSource({"abc", "0x12", "zz"})
        void byteStringNotHexFailsWithoutEchoingTheValue(String text) {
            KmipXmlException e = catchXml("<Data type=\"ByteString\" value=\"" + text + "\"/>");
            assertThat(e).hasMessageContaining("ByteString value: not hex");
            assertThat(e.getMessage()).doesNotContain("\"" + text + "\"").doesNotContain(": " + text);
        }

        @Test
        void dateTimeIsIso8601WithOffset() {
            // 2000-01-01T00:00:00+10:00 = 1999-12-31T14:00:00Z = 946648800 s.
            Ttlv item = one("<ActivationDate type=\"DateTime\" value=\"2000-01-01T00:00:00+10:00\"/>");
            assertThat(item).isEqualTo(Ttlv.dateTime(Tag.ACTIVATION_DATE, 946_648_800L));
            assertThat(KmipXml.write(item))
                    .isEqualTo("<ActivationDate type=\"DateTime\" value=\"1999-12-31T14:00:00+00:00\"/>");
            assertThat(one("<ActivationDate type=\"DateTime\" value=\"1999-12-31T14:00:00Z\"/>")).isEqualTo(item);
        }

        @ParameterizedTest
        @CsvSource({"2000-01-01T00:00:00.5+00:00", "2000-01-01T00:00:00", "2000-01-01", "$NOW"})
        void dateTimeOtherwiseFails(String text) {
            assertThatThrownBy(() -> one("<ActivationDate type=\"DateTime\" value=\"" + text + "\"/>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("DateTime value");
        }

        @Test
        void dateTimeOutsideIsoYearsIsHex() {
            Ttlv item = Ttlv.dateTime(Tag.ACTIVATION_DATE, Long.MAX_VALUE);
            assertThat(KmipXml.write(item)).contains("value=\"0x7FFFFFFFFFFFFFFF\"");
            assertThat(KmipXml.read(KmipXml.write(item))).isEqualTo(item);
        }

        @Test
        void intervalIsUnsignedSeconds() {
            assertThat(one("<LeaseTime type=\"Interval\" value=\"4294967295\"/>"))
                    .isEqualTo(Ttlv.interval(Tag.LEASE_TIME, 0xFFFF_FFFFL));
            assertThatThrownBy(() -> one("<LeaseTime type=\"Interval\" value=\"4294967296\"/>"))
                    .isInstanceOf(KmipXmlException.class);
            assertThatThrownBy(() -> one("<LeaseTime type=\"Interval\" value=\"-1\"/>"))
                    .isInstanceOf(KmipXmlException.class);
        }

        @Test
        void dateTimeExtendedIsIso8601WithMicroseconds() {
            // 2019-01-01T00:00:00Z = 1546300800 s.
            Ttlv item = one("<TimeStamp type=\"DateTimeExtended\" value=\"2019-01-01T10:00:00.000001+10:00\"/>");
            assertThat(item).isEqualTo(Ttlv.dateTimeExtended(Tag.TIME_STAMP, 1_546_300_800_000_001L));
            assertThat(KmipXml.write(item))
                    .isEqualTo("<TimeStamp type=\"DateTimeExtended\" value=\"2019-01-01T00:00:00.000001+00:00\"/>");
            assertThatThrownBy(() -> one("<TimeStamp type=\"DateTimeExtended\" value=\"2019-01-01T00:00:00.0000001Z\"/>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("sub-microsecond");
        }
    }

    @Nested
    class Context {

        @Test
        void attributeValueTakesTheTableOfItsAttributeName() {
            // KMIP 1.4 Cryptographic Algorithm AES = 0x03; State Compromised = 0x04.
            Ttlv attrs = KmipXml.read("<TemplateAttribute>"
                    + "<Attribute><AttributeName type=\"TextString\" value=\"Cryptographic Algorithm\"/>"
                    + "<AttributeValue type=\"Enumeration\" value=\"AES\"/></Attribute>"
                    + "<Attribute><AttributeName type=\"TextString\" value=\"Cryptographic Usage Mask\"/>"
                    + "<AttributeValue type=\"Integer\" value=\"Encrypt Decrypt\"/></Attribute>"
                    + "<Attribute><AttributeName type=\"TextString\" value=\"State\"/>"
                    + "<AttributeValue type=\"Enumeration\" value=\"Compromised\"/></Attribute>"
                    + "</TemplateAttribute>");
            List<Ttlv> values = attrs.children().stream().map(a -> a.child(Tag.ATTRIBUTE_VALUE)).toList();
            assertThat(values).containsExactly(
                    Ttlv.enumeration(Tag.ATTRIBUTE_VALUE, 3),
                    Ttlv.integer(Tag.ATTRIBUTE_VALUE, 0x0C),
                    Ttlv.enumeration(Tag.ATTRIBUTE_VALUE, 4));
            String written = KmipXml.write(attrs);
            assertThat(written).contains("<AttributeValue type=\"Enumeration\" value=\"AES\"/>")
                    .contains("<AttributeValue type=\"Integer\" value=\"Encrypt Decrypt\"/>")
                    .contains("<AttributeValue type=\"Enumeration\" value=\"Compromised\"/>");
            assertThat(KmipXml.read(written)).isEqualTo(attrs);
        }

        @Test
        void vendorAttributesKeepPlainValues() {
            Ttlv v1 = KmipXml.read("<Attribute><AttributeName type=\"TextString\" value=\"x-Count\"/>"
                    + "<AttributeValue type=\"Integer\" value=\"7\"/></Attribute>");
            assertThat(v1.child(Tag.ATTRIBUTE_VALUE)).isEqualTo(Ttlv.integer(Tag.ATTRIBUTE_VALUE, 7));
            // A 2.x vendor attribute may reuse a KMIP name; its Vendor Identification makes it vendor's.
            Ttlv v2 = KmipXml.read("<Attribute><VendorIdentification type=\"TextString\" value=\"x\"/>"
                    + "<AttributeName type=\"TextString\" value=\"State\"/>"
                    + "<AttributeValue type=\"Enumeration\" value=\"0x00000004\"/></Attribute>");
            assertThat(KmipXml.write(v2)).contains("<AttributeValue type=\"Enumeration\" value=\"0x00000004\"/>");
            assertThatThrownBy(() -> KmipXml.read("<Attribute><VendorIdentification type=\"TextString\" value=\"x\"/>"
                    + "<AttributeName type=\"TextString\" value=\"State\"/>"
                    + "<AttributeValue type=\"Enumeration\" value=\"Active\"/></Attribute>"))
                    .isInstanceOf(KmipXmlException.class);
        }

        @Test
        void attributeNameOnlyAppliesWithinItsOwnStructure() {
            assertThatThrownBy(() -> KmipXml.read("<TemplateAttribute>"
                    + "<Attribute><AttributeName type=\"TextString\" value=\"Object Type\"/></Attribute>"
                    + "<Attribute><AttributeValue type=\"Enumeration\" value=\"SymmetricKey\"/></Attribute>"
                    + "</TemplateAttribute>"))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("without enumeration");
        }

        @Test
        void attributeReferenceEnumeratesTags() {
            // KMIP 2.1 5.5: Attribute Reference is an Enumeration of tags; State is 0x42008D.
            Ttlv item = one("<AttributeReference type=\"Enumeration\" value=\"State\"/>");
            assertThat(item).isEqualTo(Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, 0x42008D));
            assertThat(KmipXml.write(item)).isEqualTo("<AttributeReference type=\"Enumeration\" value=\"State\"/>");
        }
    }

    @Nested
    class Documents {

        @Test
        void readAllReadsEveryMessageUnderKmipAndSkipsComments() {
            List<Ttlv> messages = KmipXml.readAll("<!-- header -->\n<KMIP>\n<!-- test -->\n"
                    + "<RequestMessage><BatchCount type=\"Integer\" value=\"1\"/></RequestMessage>\n"
                    + "<!-- <RequestMessage/> -->\n"
                    + "<ResponseMessage><BatchCount type=\"Integer\" value=\"2\"/></ResponseMessage>\n"
                    + "</KMIP>\n<!-- trailer -->\n", ValueResolver.none());
            assertThat(messages).containsExactly(
                    Ttlv.structure(Tag.REQUEST_MESSAGE, Ttlv.integer(Tag.BATCH_COUNT, 1)),
                    Ttlv.structure(Tag.RESPONSE_MESSAGE, Ttlv.integer(Tag.BATCH_COUNT, 2)));
        }

        @Test
        void readAllAcceptsASingleMessageDocument() {
            assertThat(KmipXml.readAll("<RequestMessage/>", ValueResolver.none()))
                    .containsExactly(Ttlv.structure(Tag.REQUEST_MESSAGE, List.of()));
        }

        @Test
        void writeIndentsTwoSpacesAndClosesEmptyStructures() {
            Ttlv message = Ttlv.structure(Tag.REQUEST_MESSAGE,
                    Ttlv.structure(Tag.REQUEST_HEADER,
                            Ttlv.structure(Tag.PROTOCOL_VERSION,
                                    Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 2),
                                    Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 1)),
                            Ttlv.integer(Tag.BATCH_COUNT, 1)),
                    Ttlv.structure(Tag.BATCH_ITEM,
                            Ttlv.enumeration(Tag.OPERATION, 0x1E), // KMIP 2.1 11.36: Discover Versions
                            Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())));
            assertThat(KmipXml.write(message)).isEqualTo("""
                    <RequestMessage>
                      <RequestHeader>
                        <ProtocolVersion>
                          <ProtocolVersionMajor type="Integer" value="2"/>
                          <ProtocolVersionMinor type="Integer" value="1"/>
                        </ProtocolVersion>
                        <BatchCount type="Integer" value="1"/>
                      </RequestHeader>
                      <BatchItem>
                        <Operation type="Enumeration" value="DiscoverVersions"/>
                        <RequestPayload/>
                      </BatchItem>
                    </RequestMessage>""");
        }

        @Test
        void writeAllWritesATestCaseDocument() {
            List<Ttlv> messages = List.of(Ttlv.structure(Tag.REQUEST_MESSAGE, List.of()),
                    Ttlv.structure(Tag.RESPONSE_MESSAGE, List.of()));
            String doc = KmipXml.writeAll(messages);
            assertThat(doc).isEqualTo("<KMIP>\n<RequestMessage/>\n\n<ResponseMessage/>\n</KMIP>");
            assertThat(KmipXml.readAll(doc, ValueResolver.none())).isEqualTo(messages);
        }

        @Test
        void extensionTagsUseTheTtlvElement() {
            Ttlv item = Ttlv.structure(Tag.REQUEST_PAYLOAD,
                    Ttlv.structure(EXTENSION_TAG, Ttlv.text(0x540002, "vendor")));
            String xml = KmipXml.write(item);
            assertThat(xml).isEqualTo("""
                    <RequestPayload>
                      <TTLV tag="0x540001">
                        <TTLV tag="0x540002" type="TextString" value="vendor"/>
                      </TTLV>
                    </RequestPayload>""");
            assertThat(KmipXml.read(xml)).isEqualTo(item);
        }
    }

    @Nested
    class Placeholders {

        private final Instant now = Instant.parse("2024-05-01T12:00:00Z");

        @Test
        void fixedResolverSubstitutesStableValues() {
            List<Ttlv> read = KmipXml.readAll("<KMIP><RequestPayload>"
                    + "<ActivationDate type=\"DateTime\" value=\"$NOW-3600\"/>"
                    + "<DeactivationDate type=\"DateTime\" value=\"$NOW+3600\"/>"
                    + "<ArchiveDate type=\"DateTime\" value=\"$NOW\"/>"
                    + "<UniqueIdentifier type=\"TextString\" value=\"$UNIQUE_IDENTIFIER_3\"/>"
                    + "<IVCounterNonce type=\"ByteString\" value=\"$IV_COUNTER_NONCE\"/>"
                    + "<Data type=\"ByteString\" value=\"$DATA_0\"/>"
                    + "<Data type=\"ByteString\" value=\"$DATA_0\"/>"
                    + "</RequestPayload></KMIP>", ValueResolver.fixed(now));
            List<Ttlv> c = read.get(0).children();
            assertThat(c.get(0)).isEqualTo(Ttlv.dateTime(Tag.ACTIVATION_DATE, now.getEpochSecond() - 3600));
            assertThat(c.get(1)).isEqualTo(Ttlv.dateTime(Tag.DEACTIVATION_DATE, now.getEpochSecond() + 3600));
            assertThat(c.get(2)).isEqualTo(Ttlv.dateTime(Tag.ARCHIVE_DATE, now.getEpochSecond()));
            assertThat(c.get(3)).isEqualTo(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "$UNIQUE_IDENTIFIER_3"));
            assertThat(c.get(4).bytesValue().length()).isEqualTo(16);
            assertThat(c.get(5).bytesValue()).isEqualTo(c.get(6).bytesValue()).isNotEqualTo(c.get(4).bytesValue());
        }

        @Test
        void resolverSeesTagTypeAndText() {
            ValueResolver binding = (tag, type, text) -> tag == Tag.UNIQUE_IDENTIFIER && text.equals("$UNIQUE_IDENTIFIER_0")
                    ? Ttlv.text(tag, "b1a4-42") : null;
            Ttlv read = KmipXml.read(new java.io.StringReader(
                    "<UniqueIdentifier type=\"TextString\" value=\"$UNIQUE_IDENTIFIER_0\"/>"), binding);
            assertThat(read).isEqualTo(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "b1a4-42"));
        }

        @Test
        void resolverAnsweringAnotherTypeFails() {
            ValueResolver wrong = (tag, type, text) -> Ttlv.integer(tag, 1);
            assertThatThrownBy(() -> KmipXml.read(new java.io.StringReader(
                    "<ActivationDate type=\"DateTime\" value=\"$NOW\"/>"), wrong))
                    .isInstanceOf(KmipXmlException.class)
                    .hasMessageContaining("resolver answered 0x420001 Integer (expected: 0x420001 DateTime)");
        }

        @Test
        void withoutResolverAPlaceholderIsAnOrdinaryValue() {
            assertThat(one("<UniqueIdentifier type=\"TextString\" value=\"$UNIQUE_IDENTIFIER_0\"/>"))
                    .isEqualTo(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "$UNIQUE_IDENTIFIER_0"));
            assertThat(new FixedValueResolver(now).resolve(Tag.BATCH_COUNT, ItemType.INTEGER, "$COUNT")).isNull();
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownElement() {
            KmipXmlException e = catchXml("<RequestMessage>\n  <BatchCont type=\"Integer\" value=\"1\"/>\n</RequestMessage>");
            assertThat(e).hasMessageStartingWith("unknown element: BatchCont");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.tagPath()).isEqualTo("RequestMessage/BatchCont");
        }

        @Test
        void hexTagOutsideTheKmipRanges() {
            assertThat(catchXml("<TTLV tag=\"0x430001\" type=\"Integer\" value=\"1\"/>"))
                    .hasMessageContaining("unknown element: TTLV");
            assertThat(catchXml("<TTLV type=\"Integer\" value=\"1\"/>")).hasMessageContaining("missing tag attribute");
            assertThat(catchXml("<BatchCount tag=\"0x42000D\" type=\"Integer\" value=\"1\"/>"))
                    .hasMessageContaining("tag attribute on BatchCount");
        }

        @Test
        void unknownType() {
            assertThat(catchXml("<BatchCount type=\"Int\" value=\"1\"/>")).hasMessageStartingWith("unknown type: Int");
        }

        @Test
        void missingOrMisplacedValue() {
            assertThat(catchXml("<BatchCount type=\"Integer\"/>")).hasMessageStartingWith("missing value attribute");
            assertThat(catchXml("<RequestHeader value=\"1\"/>")).hasMessageStartingWith("value attribute on a Structure");
            assertThat(catchXml("<BatchCount type=\"Integer\" value=\"1\">1</BatchCount>")).hasMessageStartingWith("text content");
            assertThat(catchXml("<BatchCount type=\"Integer\" value=\"1\"><BatchCount type=\"Integer\" value=\"1\"/></BatchCount>"))
                    .hasMessageStartingWith("child element in a Integer");
            assertThat(catchXml("<BatchCount type=\"Integer\" value=\"1\" unit=\"x\"/>")).hasMessageStartingWith("attribute unit");
        }

        @Test
        void malformedXml() {
            KmipXmlException e = catchXml("<RequestMessage>\n<BatchItem>\n</RequestMessage>");
            assertThat(e).hasMessageStartingWith("malformed XML");
            assertThat(e.line()).isEqualTo(3);
        }

        @Test
        void doctypeIsRefused() {
            // An external entity must be neither fetched nor expanded.
            assertThat(catchXml("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<NameValue type=\"TextString\" value=\"&x;\"/>"))
                    .isInstanceOf(KmipXmlException.class);
        }

        @Test
        void nestingDeeperThanTheTtlvLimitFails() {
            String deep = "<RequestPayload>".repeat(40) + "</RequestPayload>".repeat(40);
            assertThat(catchXml(deep)).hasMessageStartingWith("nesting depth: 33 (expected: <= 32)");
        }

        @Test
        void readRejectsASecondRootAndEmptyInput() {
            assertThat(catchXml("<RequestMessage/><RequestMessage/>")).isInstanceOf(KmipXmlException.class);
            assertThat(catchXml("   ")).isInstanceOf(KmipXmlException.class);
            assertThat(catchXml("<KMIP/>")).hasMessageStartingWith("unknown element: KMIP");
        }
    }

    private static KmipXmlException catchXml(String xml) {
        try {
            KmipXml.read(xml);
        } catch (KmipXmlException e) {
            return e;
        }
        throw new AssertionError("no KmipXmlException for the document");
    }
}
