package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tree that does not fit the model fails with a KmipDecodingException (Invalid Message) that
 * names the structure and the field and where it sits, and never quotes a value.
 */
class MalformedModelTest {

    private static Ttlv protocolVersion(int major, int minor) {
        return Ttlv.structure(Tag.PROTOCOL_VERSION, Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, major),
                Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, minor));
    }

    private static Ttlv request(Ttlv header) {
        return Ttlv.structure(Tag.REQUEST_MESSAGE, header, Ttlv.structure(Tag.BATCH_ITEM,
                Ttlv.enumeration(Tag.OPERATION, 0x0A), Ttlv.structure(Tag.REQUEST_PAYLOAD)));
    }

    private static KmipDecodingException decodeFails(Ttlv message) {
        try {
            RequestMessage.decode(message);
        } catch (KmipDecodingException e) {
            assertThat(e.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE);
            return e;
        }
        throw new AssertionError("decoded: " + message);
    }

    @Test
    void missingRequiredField() {
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, Ttlv.structure(Tag.PROTOCOL_VERSION,
                Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 1)), Ttlv.integer(Tag.BATCH_COUNT, 1));
        KmipDecodingException e = decodeFails(request(header));
        assertThat(e.problem()).isEqualTo("ProtocolVersion: missing field ProtocolVersionMinor");
        assertThat(e.path()).isEqualTo("RequestHeader/ProtocolVersion");
        assertThat(e).hasMessage("ProtocolVersion: missing field ProtocolVersionMinor at RequestHeader/ProtocolVersion");
    }

    @Test
    void missingRequiredListOfAtLeastOne() {
        Ttlv noItems = Ttlv.structure(Tag.REQUEST_MESSAGE,
                Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(1, 4), Ttlv.integer(Tag.BATCH_COUNT, 1)));
        assertThat(decodeFails(noItems)).hasMessage("RequestMessage: missing field BatchItem");
    }

    @Test
    void unexpectedChild() {
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(1, 4), Ttlv.dateTime(Tag.ACTIVATION_DATE, 0),
                Ttlv.integer(Tag.BATCH_COUNT, 1));
        assertThat(decodeFails(request(header)))
                .hasMessage("RequestHeader: unexpected field ActivationDate at RequestHeader/ActivationDate");
        // An extension tag the registry does not know is named by its code.
        Ttlv vendor = Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(1, 4), Ttlv.integer(0x540123, 1),
                Ttlv.integer(Tag.BATCH_COUNT, 1));
        assertThat(decodeFails(request(vendor))).hasMessageStartingWith("RequestHeader: unexpected field 0x540123");
    }

    @Test
    void wrongItemTypeNeverQuotesTheValue() {
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(1, 4), Ttlv.text(Tag.BATCH_COUNT, "s3cret-value"));
        KmipDecodingException e = decodeFails(request(header));
        assertThat(e).hasMessage("RequestHeader.BatchCount: type TextString (expected: Integer) at RequestHeader/BatchCount");
        assertThat(e.getMessage()).doesNotContain("s3cret");
    }

    @Test
    void aStructureWhereAPrimitiveBelongs() {
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, Ttlv.integer(Tag.PROTOCOL_VERSION, 1), Ttlv.integer(Tag.BATCH_COUNT, 1));
        assertThat(decodeFails(request(header)))
                .hasMessage("ProtocolVersion: type Integer (expected: Structure) at RequestHeader/ProtocolVersion");
        assertThatThrownBy(() -> RequestMessage.decode(Ttlv.integer(Tag.REQUEST_MESSAGE, 1)))
                .isInstanceOf(KmipDecodingException.class).hasMessage("RequestMessage: type Integer (expected: Structure)");
    }

    @Test
    void aFieldOfTwoTypesAcceptsOnlyThose() {
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(2, 0), Ttlv.text(Tag.ASYNCHRONOUS_INDICATOR, "yes"),
                Ttlv.integer(Tag.BATCH_COUNT, 1));
        assertThat(decodeFails(request(header))).hasMessageStartingWith(
                "RequestHeader.AsynchronousIndicator: type TextString (expected: Boolean or Enumeration)");
    }

    @Test
    void aRepeatedSingleField() {
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(1, 4), Ttlv.integer(Tag.BATCH_COUNT, 1),
                Ttlv.integer(Tag.BATCH_COUNT, 2));
        assertThat(decodeFails(request(header)))
                .hasMessage("RequestHeader.BatchCount: repeated (expected: at most once) at RequestHeader/BatchCount");
    }

    @Test
    void errorsDeepInsideNameTheWholePath() {
        // Authentication / Credential / Credential Value (Username and Password) without Username
        Ttlv credential = Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, 1),
                Ttlv.structure(Tag.CREDENTIAL_VALUE, Ttlv.text(Tag.PASSWORD, "hunter2")));
        Ttlv header = Ttlv.structure(Tag.REQUEST_HEADER, protocolVersion(1, 4),
                Ttlv.structure(Tag.AUTHENTICATION, credential), Ttlv.integer(Tag.BATCH_COUNT, 1));
        KmipDecodingException e = decodeFails(request(header));
        assertThat(e).hasMessage("UsernameAndPasswordCredential: missing field Username"
                + " at RequestHeader/Authentication/Credential/CredentialValue");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void childrenMayComeInAnyOrder() {
        Ttlv shuffled = Ttlv.structure(Tag.REQUEST_HEADER, Ttlv.integer(Tag.BATCH_COUNT, 1), protocolVersion(1, 4));
        RequestHeader h = RequestHeader.decode(shuffled);
        assertThat(h.batchCount()).isEqualTo(1);
        assertThat(h.protocolVersion()).isEqualTo(new ProtocolVersion(1, 4));
        // and encode restores the spec's order (1.4 section 7: fields SHALL appear in the order specified)
        assertThat(h.encode(io.kmipstack.codec.registry.KmipVersion.V1_4).children()).extracting(Ttlv::tag)
                .containsExactly(Tag.PROTOCOL_VERSION, Tag.BATCH_COUNT);
    }

    @Test
    void constructorsCheckWhatDecodeChecks() {
        assertThatThrownBy(() -> new ProtocolVersion(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("protocolVersionMinor");
        RequestHeader header = RequestHeader.of(new ProtocolVersion(1, 4), 1);
        assertThatThrownBy(() -> new RequestMessage(header, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RequestMessage.BatchItem: empty (expected: at least one)");
        assertThat(header.attestationType()).isEmpty();
    }
}
