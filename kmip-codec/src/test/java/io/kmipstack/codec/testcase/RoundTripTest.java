package io.kmipstack.codec.testcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.ValueResolver;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

    private static final String PROTOCOL_1_4 = """
                <ProtocolVersion>
                  <ProtocolVersionMajor type="Integer" value="1"/>
                  <ProtocolVersionMinor type="Integer" value="4"/>
                </ProtocolVersion>
            """;

    private static Ttlv xml(String text) {
        return KmipXml.read(text);
    }

    // A Destroy request, as in the 1.4 test cases: every KMIP version defines each of its tags.
    private static Ttlv destroy(String header) {
        return xml("<RequestMessage><RequestHeader>" + header + "</RequestHeader>"
                + "<BatchItem><Operation type=\"Enumeration\" value=\"Destroy\"/>"
                + "<RequestPayload><UniqueIdentifier type=\"TextString\" value=\"1\"/></RequestPayload>"
                + "</BatchItem></RequestMessage>");
    }

    @Test
    void aMessageEveryVersionDefinesPassesAndEncodesIdenticallyForAllSeven() {
        RoundTrip.Result r = RoundTrip.run(destroy(PROTOCOL_1_4 + "<BatchCount type=\"Integer\" value=\"1\"/>"));
        assertThat(r.failed()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.otherVersionsIdentical()).isEqualTo(KmipVersion.SUPPORTED.size());
        assertThat(r.otherVersionsRefused()).isZero();
    }

    @Test
    void aTagNewerThanSomeVersionsIsRefusedByThem() {
        // Client Correlation Value: Request Header field since KMIP 1.4 (1.4 section 6.20).
        RoundTrip.Result r = RoundTrip.run(destroy(PROTOCOL_1_4
                + "<ClientCorrelationValue type=\"TextString\" value=\"c1\"/><BatchCount type=\"Integer\" value=\"1\"/>"));
        assertThat(r.passed()).isTrue();
        assertThat(r.otherVersionsRefused()).isEqualTo(4); // 1.0 to 1.3
        assertThat(r.otherVersionsIdentical()).isEqualTo(3); // 1.4, 2.0, 2.1
    }

    @Test
    void anAttributeNewerThanSomeVersionsIsRefusedByThemToo() {
        // A 1.2 Create asking for an Alternative Name (attribute since 1.2): 1.0 and 1.1 must refuse.
        Ttlv create = xml("""
                <RequestMessage>
                  <RequestHeader>
                    <ProtocolVersion>
                      <ProtocolVersionMajor type="Integer" value="1"/>
                      <ProtocolVersionMinor type="Integer" value="2"/>
                    </ProtocolVersion>
                    <BatchCount type="Integer" value="1"/>
                  </RequestHeader>
                  <BatchItem>
                    <Operation type="Enumeration" value="Create"/>
                    <RequestPayload>
                      <ObjectType type="Enumeration" value="SymmetricKey"/>
                      <TemplateAttribute>
                        <Attribute>
                          <AttributeName type="TextString" value="Alternative Name"/>
                          <AttributeValue>
                            <AlternativeNameValue type="TextString" value="db-key"/>
                            <AlternativeNameType type="Enumeration" value="URI"/>
                          </AttributeValue>
                        </Attribute>
                      </TemplateAttribute>
                    </RequestPayload>
                  </BatchItem>
                </RequestMessage>
                """);
        RoundTrip.Result r = RoundTrip.run(create);
        assertThat(r.failed()).isEmpty();
        assertThat(r.otherVersionsRefused()).isEqualTo(2 + 2); // 1.0, 1.1; 2.0, 2.1 have no Template Attribute
        assertThat(r.otherVersionsIdentical()).isEqualTo(3); // 1.2 to 1.4
    }

    @Test
    void theOtherVersionOracleLooksAtAttributeNamesAndValues() {
        Ttlv value = Ttlv.structure(Tag.ATTRIBUTE_VALUE, Ttlv.text(Tag.ALTERNATIVE_NAME_VALUE, "n"),
                Ttlv.enumeration(Tag.ALTERNATIVE_NAME_TYPE, 2));
        Ttlv named = Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "Alternative Name"), value);
        assertThat(RoundTrip.firstUndefined(named, KmipVersion.V1_0, "Attribute")).isEqualTo(new TreeDiff.Difference(
                "Attribute/AttributeName", "refused (attribute Alternative Name is defined since 1.2)", "encoded"));
        assertThat(RoundTrip.firstUndefined(named, KmipVersion.V1_2, "Attribute")).isNull();

        // A custom name is not looked up, but the tags of its value are.
        Ttlv custom = Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "x-Alternative Name"), value);
        assertThat(RoundTrip.firstUndefined(custom, KmipVersion.V1_1, "Attribute")).isEqualTo(new TreeDiff.Difference(
                "Attribute/AttributeValue/AlternativeNameValue", "refused (AlternativeNameValue is defined since 1.2)",
                "encoded"));
    }

    @Test
    void fieldsOutOfSchemaOrderFailTheModelStageAtTheirPath() {
        // Decoding accepts any order, encoding writes the spec's: the tree comes back reordered.
        RoundTrip.Result r = RoundTrip.run(destroy("<BatchCount type=\"Integer\" value=\"1\"/>" + PROTOCOL_1_4));
        RoundTrip.Failure f = r.failed().orElseThrow();
        assertThat(f.stage()).isEqualTo(RoundTrip.Stage.MODEL);
        assertThat(f.version()).isEqualTo(KmipVersion.V1_4);
        assertThat(f.difference()).isEqualTo(
                new TreeDiff.Difference("RequestMessage/RequestHeader/BatchCount", "BatchCount", "ProtocolVersion"));
        assertThat(f).hasToString("typed model (KMIP 1.4): RequestMessage/RequestHeader/BatchCount: "
                + "expected BatchCount, got ProtocolVersion");
    }

    @Test
    void aMissingRequiredFieldFailsTheModelStageWithTheDecoderProblem() {
        RoundTrip.Failure f = RoundTrip.run(destroy(PROTOCOL_1_4)).failed().orElseThrow();
        assertThat(f.stage()).isEqualTo(RoundTrip.Stage.MODEL);
        assertThat(f.version()).isNull();
        assertThat(f.difference().path()).isEqualTo("RequestMessage/RequestHeader");
        assertThat(f.difference().expected()).isEqualTo("a typed RequestMessage");
        assertThat(f.difference().actual()).isEqualTo("KmipDecodingException: RequestHeader: missing field BatchCount");
    }

    @Test
    void aPayloadNoSchemaDecodesIsAFailureNotAFreePass() {
        Ttlv vendor = xml("<RequestMessage><RequestHeader>" + PROTOCOL_1_4 + "<BatchCount type=\"Integer\" value=\"1\"/>"
                + "</RequestHeader><BatchItem><Operation type=\"Enumeration\" value=\"0x80000001\"/>"
                + "<RequestPayload><UniqueIdentifier type=\"TextString\" value=\"1\"/></RequestPayload>"
                + "</BatchItem></RequestMessage>");
        RoundTrip.Failure f = RoundTrip.run(vendor).failed().orElseThrow();
        assertThat(f.stage()).isEqualTo(RoundTrip.Stage.MODEL);
        assertThat(f.difference().path()).isEqualTo("RequestMessage/BatchItem/RequestPayload");
        assertThat(f.difference().actual()).isEqualTo("kept raw (no schema decoded it)");
    }

    @Test
    void onlyMessagesAreAccepted() {
        RoundTrip.Failure f = RoundTrip.run(Ttlv.integer(Tag.BATCH_COUNT, 1)).failed().orElseThrow();
        assertThat(f.difference()).isEqualTo(new TreeDiff.Difference("BatchCount", "RequestMessage or ResponseMessage", "BatchCount"));
    }

    @Test
    void describeNamesTheOperations() {
        assertThat(RoundTrip.describe(destroy(PROTOCOL_1_4))).isEqualTo("RequestMessage Destroy");
        assertThat(RoundTrip.describe(Ttlv.integer(Tag.BATCH_COUNT, 1))).isEqualTo("BatchCount");
    }

    @Test
    void testCaseFilesResolvePlaceholdersAndListInOrder(@TempDir Path dir) throws Exception {
        Path b = Files.createDirectories(dir.resolve("b"));
        Path file = b.resolve("TC-1.xml");
        Files.writeString(file, """
                <KMIP>
                  <!-- two messages -->
                  <RequestMessage><RequestHeader><ProtocolVersion>
                    <ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/>
                    </ProtocolVersion><TimeStamp type="DateTime" value="$NOW"/><BatchCount type="Integer" value="1"/>
                  </RequestHeader></RequestMessage>
                  <ResponseMessage/>
                </KMIP>
                """);
        Files.writeString(dir.resolve("a.xml"), "<KMIP/>");
        Files.writeString(dir.resolve("notes.txt"), "not a test case");

        TestCaseFile tc = TestCaseFile.read(file);
        assertThat(tc.path()).isEqualTo(file);
        assertThat(tc.messages()).extracting(Ttlv::tag).containsExactly(Tag.REQUEST_MESSAGE, Tag.RESPONSE_MESSAGE);
        Ttlv timeStamp = tc.messages().get(0).child(Tag.REQUEST_HEADER).child(Tag.TIME_STAMP);
        assertThat(timeStamp.instantValue()).isEqualTo(TestCaseFile.DEFAULT_NOW);
        Instant other = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(TestCaseFile.read(file, ValueResolver.fixed(other)).messages().get(0)
                .child(Tag.REQUEST_HEADER).child(Tag.TIME_STAMP).instantValue()).isEqualTo(other);

        // A directory gives its *.xml files sorted; a file given by name is taken whatever its name.
        assertThat(TestCaseFile.find(List.of(dir, dir.resolve("notes.txt"))))
                .containsExactly(dir.resolve("a.xml"), file, dir.resolve("notes.txt"));
        assertThatThrownBy(() -> TestCaseFile.find(List.of(dir.resolve("missing"))))
                .isInstanceOf(NoSuchFileException.class).hasMessage(dir.resolve("missing").toString());
    }
}
