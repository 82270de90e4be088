package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The placeholder and binding rules, checked against the vectors themselves and in isolation. */
class BindingTest {

    /**
     * The rule the runner relies on: {@code $UNIQUE_IDENTIFIER_n} is the n-th distinct identifier
     * the server returns in the file, counted in order of first appearance in responses, and no
     * request uses one before a response introduced it. Checked on every vector.
     */
    @Test
    void identifiersAreNumberedInOrderOfFirstAppearanceInResponses() throws IOException {
        for (Path file : Vectors.all()) {
            TestCase tc = TestCase.read(file);
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < tc.size(); i++) {
                for (String p : identifiers(tc, tc.request(i))) {
                    assertThat(seen).as(tc.name() + " request " + (i + 1) + " uses " + p + " before any response").contains(p);
                }
                for (String p : identifiers(tc, tc.expected(i))) {
                    if (seen.add(p)) {
                        assertThat(p).as(tc.name() + " response " + (i + 1)).isEqualTo(Placeholder.UNIQUE_IDENTIFIER + (seen.size() - 1));
                    }
                }
            }
        }
    }

    @Test
    void createKeyPairNumbersThePrivateKeyFirst() {
        TestCase tc = Vectors.read("v1.4/mandatory/AKLC-M-1-14");
        int at = Edits.firstResponse(tc, "CreateKeyPair");
        Ttlv payload = Edits.get(tc.expected(at), "BatchItem/ResponsePayload");
        assertThat(tc.placeholder(payload.child(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER))).hasToString("$UNIQUE_IDENTIFIER_0");
        assertThat(tc.placeholder(payload.child(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER))).hasToString("$UNIQUE_IDENTIFIER_1");
    }

    private static List<String> identifiers(TestCase tc, Ttlv item) {
        List<String> out = new ArrayList<>();
        Placeholder p = tc.placeholder(item);
        if (p != null && p.isUniqueIdentifier()) {
            out.add(p.text());
        }
        if (item.isStructure()) {
            for (Ttlv c : item.children()) {
                out.addAll(identifiers(tc, c));
            }
        }
        return out;
    }

    @Test
    void placeholdersParse() {
        assertThat(Placeholder.parse("$NOW")).isEqualTo(new Placeholder("$NOW", true, 0, false));
        assertThat(Placeholder.parse("$NOW-3600")).isEqualTo(new Placeholder("$NOW-3600", true, -3600, false));
        assertThat(Placeholder.parse("$NOW+60")).isEqualTo(new Placeholder("$NOW+60", true, 60, false));
        assertThat(Placeholder.parse("$UNIQUE_IDENTIFIER_12").indexed()).isTrue();
        assertThat(Placeholder.parse("$UNIQUE_IDENTIFIER_12").isUniqueIdentifier()).isTrue();
        assertThat(Placeholder.parse("$SHORT_UNIQUE_IDENTIFIER_0").isUniqueIdentifier()).isFalse();
        assertThat(Placeholder.parse("$DATA_25").indexed()).isTrue();
        assertThat(Placeholder.parse("$IV_COUNTER_NONCE").indexed()).isFalse();
    }

    private static final String REQUEST = """
            <KMIP>
              <RequestMessage>
                <RequestHeader><BatchCount type="Integer" value="1"/></RequestHeader>
                <BatchItem>
                  <Operation type="Enumeration" value="Decrypt"/>
                  <RequestPayload>
                    <UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>
                    <Data type="ByteString" value="$DATA_0"/>
                    <IVCounterNonce type="ByteString" value="$IV_COUNTER_NONCE"/>
                  </RequestPayload>
                </BatchItem>
              </RequestMessage>
              <ResponseMessage>
                <ResponseHeader><TimeStamp type="DateTime" value="$NOW-3600"/><BatchCount type="Integer" value="1"/></ResponseHeader>
              </ResponseMessage>
            </KMIP>
            """;

    @Test
    void requestsTakeNamedValuesThenTheServersLatestUnderTheTag() throws Exception {
        TestCase tc = TestCase.read(Path.of("T.xml"), "T", new StringReader(REQUEST));
        Bindings b = new Bindings();
        b.bind("$UNIQUE_IDENTIFIER_0", Ttlv.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, "id-7"));
        b.bind("$DATA_0", Ttlv.bytes(Tag.DATA, Bytes.of(new byte[] {1, 2})));
        // The 1.4 vectors write a server IV as literal bytes and refer to it later by name.
        b.observe(Ttlv.bytes(Tag.IV_COUNTER_NONCE, Bytes.of(new byte[] {9})));
        Ttlv sent = RequestBinder.bind(tc.request(0), tc, b, Instant.EPOCH);
        Ttlv payload = Edits.get(sent, "BatchItem/RequestPayload");
        assertThat(payload.child(Tag.UNIQUE_IDENTIFIER)).isEqualTo(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "id-7"));
        assertThat(payload.child(Tag.DATA).bytesValue()).isEqualTo(Bytes.of(new byte[] {1, 2}));
        assertThat(payload.child(Tag.IV_COUNTER_NONCE).bytesValue()).isEqualTo(Bytes.of(new byte[] {9}));
        // The header has no placeholder: bound requests share the untouched parts.
        assertThat(sent.child(Tag.REQUEST_HEADER)).isSameAs(tc.request(0).child(Tag.REQUEST_HEADER));
    }

    @Test
    void anUnboundPlaceholderStopsTheRequest() throws Exception {
        TestCase tc = TestCase.read(Path.of("T.xml"), "T", new StringReader(REQUEST));
        assertThatThrownBy(() -> RequestBinder.bind(tc.request(0), tc, new Bindings(), Instant.EPOCH))
                .isInstanceOf(RequestBinder.UnboundPlaceholderException.class)
                .hasMessage("$UNIQUE_IDENTIFIER_0 is not bound (no earlier response supplied it)");
    }

    @Test
    void aValueOfAnotherTypeIsNotSubstituted() throws Exception {
        TestCase tc = TestCase.read(Path.of("T.xml"), "T", new StringReader(REQUEST));
        Bindings b = new Bindings();
        b.bind("$UNIQUE_IDENTIFIER_0", Ttlv.bytes(Tag.UNIQUE_IDENTIFIER, Bytes.of(new byte[] {1})));
        assertThatThrownBy(() -> RequestBinder.bind(tc.request(0), tc, b, Instant.EPOCH))
                .hasMessage("$UNIQUE_IDENTIFIER_0 is bound to a ByteString (expected: TextString)");
    }

    @Test
    void nowIsTheTimeOfBindingPlusTheOffset() throws Exception {
        String xml = REQUEST.replace("<BatchCount type=\"Integer\" value=\"1\"/></RequestHeader>",
                "<BatchCount type=\"Integer\" value=\"1\"/><TimeStamp type=\"DateTime\" value=\"$NOW-3600\"/></RequestHeader>")
                .replace("$UNIQUE_IDENTIFIER_0", "fixed").replace("$DATA_0", "00").replace("$IV_COUNTER_NONCE", "00");
        TestCase tc = TestCase.read(Path.of("T.xml"), "T", new StringReader(xml));
        Ttlv sent = RequestBinder.bind(tc.request(0), tc, new Bindings(), Instant.parse("2030-01-01T01:00:00Z"));
        assertThat(Edits.get(sent, "RequestHeader/TimeStamp").instantValue()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void aMalformedFileNamesItself() {
        assertThatThrownBy(() -> TestCase.read(Path.of("T.xml"), "T", new StringReader(
                "<KMIP><ResponseMessage><ResponseHeader/></ResponseMessage></KMIP>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("T: message 1 is ResponseMessage (expected: RequestMessage)");
    }
}
