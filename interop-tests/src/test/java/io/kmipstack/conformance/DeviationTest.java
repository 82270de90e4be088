package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.testcase.TreeDiff.Difference;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One deliberate deviation per comparison rule against an otherwise faithful {@link Replayer}:
 * the runner must fail the file at the right message and tag path, and must not print byte values.
 */
class DeviationTest {

    private static final String GCM = "v1.4/mandatory/CS-BC-M-GCM-1-14";

    /** Runs {@code file} with {@code edit} applied to the response to the first {@code operation}. */
    private static FileResult deviate(String file, String operation, UnaryOperator<Ttlv> edit) {
        TestCase tc = Vectors.read(file);
        int at = Edits.firstResponse(tc, operation);
        Replayer replayer = new Replayer(tc, 1, (i, r) -> i == at ? edit.apply(r) : r);
        FileResult result = ReplayTest.run(tc, replayer);
        assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).as(result.detail()).isEqualTo(at + 1);
        return result;
    }

    private static Difference difference(FileResult r) {
        assertThat(r.difference()).as(r.detail()).isNotNull();
        return r.difference();
    }

    @Test
    void wrongResultStatus() {
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.replace(resp, "BatchItem/ResultStatus",
                s -> Ttlv.enumeration(Tag.RESULT_STATUS, ResultStatus.OPERATION_FAILED.value())));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResultStatus");
        assertThat(d.expected()).isEqualTo("Success");
        assertThat(d.actual()).isEqualTo("OperationFailed");
    }

    @Test
    void wrongResultReason() {
        // CS-BC-M-13-14: Decrypt without an IV must fail with Invalid Message.
        FileResult r = deviate("v1.4/mandatory/CS-BC-M-13-14", "Decrypt", resp -> Edits.replace(resp, "BatchItem/ResultReason",
                s -> Ttlv.enumeration(Tag.RESULT_REASON, ResultReason.CRYPTOGRAPHIC_FAILURE.value())));
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/BatchItem/ResultReason");
        assertThat(difference(r).expected()).isEqualTo("InvalidMessage");
    }

    @Test
    void wrongEchoedIdentifier() {
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.replace(resp, "BatchItem/ResponsePayload/UniqueIdentifier",
                u -> Ttlv.text(Tag.UNIQUE_IDENTIFIER, "somebody-else")));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier");
        assertThat(d.expected()).startsWith("$UNIQUE_IDENTIFIER_0 = \"replayer-");
        assertThat(d.actual()).isEqualTo("\"somebody-else\"");
    }

    @Test
    void wrongDeterministicCiphertextIsReportedByFingerprintOnly() {
        AtomicReference<String> hex = new AtomicReference<>();
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.replace(resp, "BatchItem/ResponsePayload/Data", data -> {
            byte[] b = data.bytesValue().toByteArray();
            b[0] ^= 1;
            hex.set(Bytes.wrap(b).toHex());
            return Ttlv.bytes(Tag.DATA, Bytes.wrap(b));
        }));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/Data");
        assertThat(d.expected()).matches("\\d+ bytes, sha256 [0-9a-f]{8}");
        assertThat(d.actual()).matches("\\d+ bytes, sha256 [0-9a-f]{8}");
        assertThat(r.detail()).doesNotContain(hex.get());
    }

    @Test
    void wrongDeterministicAuthenticationTag() {
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.replace(resp, "BatchItem/ResponsePayload/AuthenticatedEncryptionTag",
                t -> Ttlv.bytes(t.tag(), Bytes.wrap(new byte[t.bytesValue().length()]))));
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/AuthenticatedEncryptionTag");
    }

    @Test
    void missingField() {
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.replace(resp, "BatchItem/ResponsePayload/Data", d -> null));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/Data");
        assertThat(d.expected()).isEqualTo("present");
        assertThat(d.actual()).isEqualTo("absent");
    }

    @Test
    void extraField() {
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.append(resp, "BatchItem/ResponsePayload",
                Ttlv.bytes(Tag.IV_COUNTER_NONCE, Bytes.wrap(new byte[12]))));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/IVCounterNonce");
        assertThat(d.expected()).isEqualTo("absent");
        assertThat(d.actual()).isEqualTo("present");
    }

    @Test
    void wrongType() {
        FileResult r = deviate(GCM, "Register", resp -> Edits.replace(resp, "BatchItem/ResponsePayload/UniqueIdentifier",
                u -> Ttlv.bytes(Tag.UNIQUE_IDENTIFIER, Bytes.wrap(new byte[] {1, 2, 3}))));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier");
        assertThat(d.expected()).isEqualTo("TextString");
        assertThat(d.actual()).isEqualTo("ByteString");
    }

    @Test
    void serverChosenIvOfTheWrongLength() {
        // CS-BC-M-13-14: Encrypt without an IV; the server's IV is compared by type and length.
        FileResult r = deviate("v1.4/mandatory/CS-BC-M-13-14", "Encrypt", resp -> Edits.replace(resp,
                "BatchItem/ResponsePayload/IVCounterNonce", iv -> Ttlv.bytes(iv.tag(), Bytes.wrap(new byte[12]))));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/IVCounterNonce");
        assertThat(d.expected()).isEqualTo("ByteString of 16 bytes");
        assertThat(d.actual()).isEqualTo("ByteString of 12 bytes");
    }

    @Test
    void timeStampOutsideTheRunsWindow() {
        FileResult r = deviate(GCM, "Register", resp -> Edits.replace(resp, "ResponseHeader/TimeStamp",
                t -> Ttlv.dateTime(Tag.TIME_STAMP, Instant.parse("2000-01-01T00:00:00Z"))));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/ResponseHeader/TimeStamp");
        assertThat(d.expected()).startsWith("$NOW (between ");
        assertThat(d.actual()).isEqualTo("2000-01-01T00:00:00Z");
    }

    @Test
    void aNewObjectMustGetANewIdentifier() {
        // CS-BC-M-GCM-2-14 registers one key per test; the second may not reuse the first's id.
        TestCase tc = Vectors.read("v1.4/mandatory/CS-BC-M-GCM-2-14");
        AtomicReference<Ttlv> first = new AtomicReference<>();
        int[] registers = {0};
        Replayer replayer = new Replayer(tc, 1, (i, resp) -> {
            Ttlv item = resp.child(Tag.BATCH_ITEM);
            if (item.child(Tag.OPERATION).intValue() == Operation.REGISTER.value()) {
                if (registers[0]++ == 0) {
                    first.set(Edits.get(resp, "BatchItem/ResponsePayload/UniqueIdentifier"));
                } else {
                    return Edits.replace(resp, "BatchItem/ResponsePayload/UniqueIdentifier", u -> first.get());
                }
            }
            return resp;
        });
        FileResult r = ReplayTest.run(tc, replayer);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier");
        assertThat(d.expected()).isEqualTo("a new identifier for $UNIQUE_IDENTIFIER_1");
        assertThat(d.actual()).endsWith("(already $UNIQUE_IDENTIFIER_0)");
    }

    @Test
    void namedGetAttributesMayNotAddAnAttribute() {
        // SKLC-M-1-14 asks for ten attributes by name; an eleventh is a difference (an all-attributes
        // request may get more: the faithful replays add one to every such response).
        FileResult r = deviate("v1.4/mandatory/SKLC-M-1-14", "GetAttributes", resp -> Edits.append(resp,
                "BatchItem/ResponsePayload", Ttlv.structure(Tag.ATTRIBUTE,
                        Ttlv.text(Tag.ATTRIBUTE_NAME, "x-extra"), Ttlv.text(Tag.ATTRIBUTE_VALUE, "surprise"))));
        Difference d = difference(r);
        assertThat(d.path()).matches("ResponseMessage/BatchItem/ResponsePayload/Attribute\\[\\d+\\]");
        assertThat(d.expected()).isEqualTo("absent");
    }

    @Test
    void anAttributeWithAnotherValueFailsWhereverItIs() {
        // The replayer shuffles the attributes; the runner finds State by name and reports its value.
        TestCase tc = Vectors.read("v1.4/mandatory/SKLC-M-1-14");
        int at = Edits.firstResponse(tc, "GetAttributes");
        Replayer replayer = new Replayer(tc, 3, (i, resp) -> {
            if (i != at) {
                return resp;
            }
            Ttlv payload = Edits.get(resp, "BatchItem/ResponsePayload");
            for (int k = 0; k < payload.children(Tag.ATTRIBUTE).size(); k++) {
                String step = "BatchItem/ResponsePayload/Attribute[" + k + "]";
                if ("State".equals(Items.text(Edits.get(resp, step), Tag.ATTRIBUTE_NAME))) {
                    return Edits.replace(resp, step + "/AttributeValue", v -> Ttlv.enumeration(v.tag(), 5)); // Destroyed
                }
            }
            throw new AssertionError("no State attribute");
        });
        FileResult r = ReplayTest.run(tc, replayer);
        Difference d = difference(r);
        assertThat(d.path()).matches("ResponseMessage/BatchItem/ResponsePayload/Attribute\\[\\d+\\]/AttributeValue");
        assertThat(d.expected()).isEqualTo("PreActive");
        assertThat(d.actual()).isEqualTo("Destroyed");
    }

    @Test
    void locateMayNotFindMore() {
        FileResult r = deviate("v1.4/mandatory/TL-M-3-14", "Locate", resp -> Edits.append(resp,
                Edits.item(resp, "Locate") + "/ResponsePayload", Ttlv.text(Tag.UNIQUE_IDENTIFIER, "stale-object")));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem[0]/ResponsePayload/UniqueIdentifier[1]");
        assertThat(d.expected()).isEqualTo("absent");
    }

    @Test
    void generatedKeyMaterialOfTheWrongLength() {
        // SKFF-M-10-14 gets a key the server created: any content, but 24 bytes for AES-192.
        FileResult r = deviate("v1.4/mandatory/SKFF-M-10-14", "Get", resp -> Edits.replace(resp,
                "BatchItem/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial",
                k -> Ttlv.bytes(k.tag(), Bytes.wrap(new byte[16]))));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial");
        assertThat(d.expected()).isEqualTo("ByteString of 24 bytes");
    }

    @Test
    void registeredKeyMaterialIsComparedExactly() {
        // BL-M-1-21 registers a key and gets it back: the very bytes it sent.
        FileResult r = deviate("v2.1/mandatory/BL-M-1-21", "Get", resp -> Edits.replace(resp,
                "BatchItem/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial",
                k -> Ttlv.bytes(k.tag(), Bytes.wrap(new byte[k.bytesValue().length()]))));
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/SymmetricKey/KeyBlock/KeyValue/KeyMaterial");
        assertThat(difference(r).expected()).matches("16 bytes, sha256 [0-9a-f]{8}");
    }

    @Test
    void aResponseThatIsNotTheExpectedMessage() {
        FileResult r = deviate(GCM, "Register", resp -> Ttlv.structure(Tag.REQUEST_MESSAGE, resp.children()));
        assertThat(difference(r).path()).isEqualTo("ResponseMessage");
        assertThat(difference(r).actual()).isEqualTo("RequestMessage");
    }

    @Test
    void aResponseInAnotherProtocolVersion() {
        FileResult r = deviate(GCM, "Register", resp -> Edits.replace(resp, "ResponseHeader/ProtocolVersion/ProtocolVersionMinor",
                m -> Ttlv.integer(m.tag(), 3)));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/ResponseHeader/ProtocolVersion/ProtocolVersionMinor");
        assertThat(d.expected()).isEqualTo("4 (the request's version)");
        assertThat(d.actual()).isEqualTo("3");
    }

    @Test
    void theProtocolVersionIsTheRequestsEvenWhereTheFileSaysOtherwise() {
        // OASIS erratum: OMOS-O-1-14's fourth response (a Destroy asked in 1.4) is written as 1.3.
        // The faithful replayer answers 1.4 and passes (ReplayTest); a server that answered as
        // written would be answering in a version it was not asked in.
        TestCase tc = Vectors.read("v1.4/optional/OMOS-O-1-14");
        Ttlv written = Edits.get(tc.expected(1), "ResponseHeader/ProtocolVersion");
        assertThat(written.child(Tag.PROTOCOL_VERSION_MINOR).intValue()).isEqualTo(3);
        Replayer replayer = new Replayer(tc, 1, (i, resp) -> i == 1
                ? Edits.replace(resp, "ResponseHeader/ProtocolVersion", v -> written) : resp);
        FileResult r = ReplayTest.run(tc, replayer);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.message()).isEqualTo(2);
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/ResponseHeader/ProtocolVersion/ProtocolVersionMinor");
    }

    // Query answers describe the server under test. TL-M-1-14 asks for operations and object
    // types and uses no operation but Query itself.
    private static final String QUERY = "v1.4/mandatory/TL-M-1-14";

    /** The Query response with the payload's entries filtered and extended. */
    private static UnaryOperator<Ttlv> query(java.util.function.Predicate<Ttlv> keep, Ttlv... add) {
        return resp -> Edits.replace(resp, "BatchItem/ResponsePayload", p -> {
            List<Ttlv> c = new java.util.ArrayList<>(p.children().stream().filter(keep).toList());
            c.addAll(0, List.of(add));
            return Ttlv.structure(p.tag(), c);
        });
    }

    private static boolean is(Ttlv item, int tag, int value) {
        return item.tag() == tag && item.intValue() == value;
    }

    @Test
    void queryMustListTheOperationsTheFileUses() {
        FileResult r = deviate(QUERY, "Query", query(c -> !is(c, Tag.OPERATION, Operation.QUERY.value())));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/Operation");
        assertThat(d.expected()).isEqualTo("Query (this file uses it)");
        assertThat(d.actual()).isEqualTo("absent");
    }

    @Test
    void queryMayNotListAnOperationTwice() {
        FileResult r = deviate(QUERY, "Query", query(c -> true, Ttlv.enumeration(Tag.OPERATION, Operation.QUERY.value())));
        Difference d = difference(r);
        assertThat(d.path()).matches("ResponseMessage/BatchItem/ResponsePayload/Operation\\[[1-9]\\d*\\]");
        assertThat(d.expected()).isEqualTo("Query listed once");
        assertThat(d.actual()).isEqualTo("listed again");
    }

    @Test
    void queryMayNotListAnOperationTheVersionLacks() {
        // Adjust Attribute is KMIP 2.0's; the request is 1.4.
        FileResult r = deviate(QUERY, "Query", query(c -> true, Ttlv.enumeration(Tag.OPERATION, Operation.ADJUST_ATTRIBUTE.value())));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/Operation[0]");
        assertThat(d.expected()).isEqualTo("an Operation of KMIP 1.4 or an extension (0x8XXXXXXX)");
        assertThat(d.actual()).isEqualTo("AdjustAttribute");
    }

    @Test
    void queryMayNotListAnUnassignedObjectType() {
        FileResult r = deviate(QUERY, "Query", query(c -> true, Ttlv.enumeration(Tag.OBJECT_TYPE, 0x00000FFF)));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/ObjectType[0]");
        assertThat(d.actual()).isEqualTo("0x00000FFF");
    }

    @Test
    void queryEntriesAreEnumerations() {
        FileResult r = deviate(QUERY, "Query", query(c -> true, Ttlv.integer(Tag.OPERATION, Operation.GET.value())));
        Difference d = difference(r);
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/Operation[0]");
        assertThat(d.expected()).isEqualTo("Enumeration");
        assertThat(d.actual()).isEqualTo("Integer");
    }

    @Test
    void queryStillNeedsItsOtherExpectedEntries() {
        FileResult r = deviate(QUERY, "Query", query(c -> c.tag() != Tag.VENDOR_IDENTIFICATION));
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/VendorIdentification");
        assertThat(difference(r).actual()).isEqualTo("absent");
    }

    // A file of its own that names object types: Query Objects, then a 2.1 Locate by Object Type.
    private static final String QUERY_OBJECTS = """
            <KMIP>
            <RequestMessage>
              <RequestHeader>
                <ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion>
                <BatchCount type="Integer" value="1"/>
              </RequestHeader>
              <BatchItem>
                <Operation type="Enumeration" value="Query"/>
                <RequestPayload><QueryFunction type="Enumeration" value="QueryObjects"/></RequestPayload>
              </BatchItem>
            </RequestMessage>
            <ResponseMessage>
              <ResponseHeader>
                <ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion>
                <TimeStamp type="DateTime" value="$NOW"/>
                <BatchCount type="Integer" value="1"/>
              </ResponseHeader>
              <BatchItem>
                <Operation type="Enumeration" value="Query"/>
                <ResultStatus type="Enumeration" value="Success"/>
                <ResponsePayload>
                  <ObjectType type="Enumeration" value="SymmetricKey"/>
                  <ObjectType type="Enumeration" value="SecretData"/>
                </ResponsePayload>
              </BatchItem>
            </ResponseMessage>
            <RequestMessage>
              <RequestHeader>
                <ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion>
                <BatchCount type="Integer" value="1"/>
              </RequestHeader>
              <BatchItem>
                <Operation type="Enumeration" value="Locate"/>
                <RequestPayload><Attributes><ObjectType type="Enumeration" value="SecretData"/></Attributes></RequestPayload>
              </BatchItem>
            </RequestMessage>
            <ResponseMessage>
              <ResponseHeader>
                <ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion>
                <TimeStamp type="DateTime" value="$NOW"/>
                <BatchCount type="Integer" value="1"/>
              </ResponseHeader>
              <BatchItem>
                <Operation type="Enumeration" value="Locate"/>
                <ResultStatus type="Enumeration" value="Success"/>
                <ResponsePayload><LocatedItems type="Integer" value="0"/></ResponsePayload>
              </BatchItem>
            </ResponseMessage>
            </KMIP>
            """;

    private static FileResult queryObjects(UnaryOperator<Ttlv> edit) {
        TestCase tc = TestCase.read(Path.of("QUERY-OBJECTS.xml"), "QUERY-OBJECTS", new StringReader(QUERY_OBJECTS));
        assertThat(tc.objectTypesUsed()).containsExactly(io.kmipstack.codec.registry.ObjectType.SECRET_DATA);
        return ReplayTest.run(tc, new Replayer(tc, 1, (i, resp) -> i == 0 ? edit.apply(resp) : resp));
    }

    @Test
    void queryMustListTheObjectTypesTheFileUses() {
        FileResult r = queryObjects(query(c -> !is(c, Tag.OBJECT_TYPE, io.kmipstack.codec.registry.ObjectType.SECRET_DATA.value())));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.message()).isEqualTo(1);
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/ObjectType");
        assertThat(difference(r).expected()).isEqualTo("SecretData (this file uses it)");
    }

    @Test
    void queryMayListOtherObjectTypesThanTheReferenceServer() {
        FileResult r = queryObjects(query(c -> !is(c, Tag.OBJECT_TYPE, io.kmipstack.codec.registry.ObjectType.SYMMETRIC_KEY.value()),
                Ttlv.enumeration(Tag.OBJECT_TYPE, io.kmipstack.codec.registry.ObjectType.CERTIFICATE_REQUEST.value())));
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
    }

    // What a server may add: these pass.

    @Test
    void queryMayListFewerOtherOperationsAndObjectTypes() {
        // A server without Poll, Locate or Templates, say: only Query is needed by this file.
        FileResult r = withAddition(QUERY, "Query", query(c -> c.tag() != Tag.OBJECT_TYPE
                && (c.tag() != Tag.OPERATION || c.intValue() == Operation.QUERY.value())));
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
    }

    @Test
    void queryMayListMoreOperationsAndExtensions() {
        FileResult r = withAddition(QUERY, "Query", query(c -> true, Ttlv.enumeration(Tag.OPERATION, Operation.POLL.value()),
                Ttlv.enumeration(Tag.OPERATION, 0x80000001), Ttlv.enumeration(Tag.OBJECT_TYPE, 0x80000002)));
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
    }

    private static FileResult withAddition(String file, String operation, UnaryOperator<Ttlv> edit) {
        TestCase tc = Vectors.read(file);
        int at = Edits.firstResponse(tc, operation);
        return ReplayTest.run(tc, new Replayer(tc, 1, (i, r) -> i == at ? edit.apply(r) : r));
    }

    @Test
    void aCreateResponseMayListAttributesTheServerSet() {
        FileResult r = withAddition("v1.4/mandatory/SKLC-M-1-14", "Create", resp -> Edits.append(resp, "BatchItem/ResponsePayload",
                Ttlv.structure(Tag.TEMPLATE_ATTRIBUTE, Ttlv.structure(Tag.ATTRIBUTE,
                        Ttlv.text(Tag.ATTRIBUTE_NAME, "x-set-by-server"), Ttlv.text(Tag.ATTRIBUTE_VALUE, "yes")))));
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aSuccessMayCarryAResultMessage() {
        FileResult r = withAddition(GCM, "Encrypt", resp -> Edits.replace(resp, "BatchItem", item -> {
            java.util.List<Ttlv> c = new java.util.ArrayList<>(item.children());
            c.add(2, Ttlv.text(Tag.RESULT_MESSAGE, "fine"));
            return Ttlv.structure(item.tag(), c);
        }));
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
    }

    @Test
    void butAnEncryptResponseMayNotListAttributes() {
        FileResult r = deviate(GCM, "Encrypt", resp -> Edits.append(resp, "BatchItem/ResponsePayload",
                Ttlv.structure(Tag.TEMPLATE_ATTRIBUTE)));
        assertThat(difference(r).path()).isEqualTo("ResponseMessage/BatchItem/ResponsePayload/TemplateAttribute");
    }
}
