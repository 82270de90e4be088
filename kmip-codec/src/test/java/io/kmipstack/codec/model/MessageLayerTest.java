package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.registry.CredentialType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages built by hand encode to the bytes the spec describes and decode back to equal records. */
class MessageLayerTest {

    private static String hex(Ttlv t) {
        return Bytes.wrap(TtlvEncoder.encode(t)).toHex();
    }

    @Test
    void protocolVersionBytes() {
        // KMIP 1.4 section 6.1 / 9.1: Protocol Version is a structure of two Integers.
        String expected = ("42 00 69 | 01 | 00 00 00 20"
                + " | 42 00 6A | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00"
                + " | 42 00 6B | 02 | 00 00 00 04 | 00 00 00 04 00 00 00 00").replace(" ", "").replace("|", "");
        assertThat(hex(new ProtocolVersion(1, 4).encode(KmipVersion.V1_4))).isEqualTo(expected);
    }

    @Test
    void requestRoundTripsThroughBytes() {
        Credential credential = new Credential(CredentialType.USERNAME_AND_PASSWORD,
                new UsernameAndPasswordCredential("alice", "hunter2"));
        RequestHeader header = new RequestHeader(new ProtocolVersion(1, 4), 4096, "corr-1", null, null, null, null, null,
                new Authentication(List.of(credential)), null, true, Instant.ofEpochSecond(1_600_000_000L), 2);
        Ttlv uid = Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "42"));
        RequestMessage message = new RequestMessage(header, List.of(
                new RequestBatchItem(Operation.GET, null, Bytes.of(new byte[] {1}), new RawPayload(uid), null),
                new RequestBatchItem(Operation.DESTROY, null, Bytes.of(new byte[] {2}), new RawPayload(uid),
                        List.of(new MessageExtension("vendor", false, VendorExtension.of(Ttlv.integer(0x540001, 9)))))));

        byte[] wire = TtlvEncoder.encode(message.encode(KmipVersion.V1_4));
        RequestMessage back = RequestMessage.decode(TtlvDecoder.create().decode(wire));
        assertThat(back.requestHeader()).isEqualTo(header);
        assertThat(back.batchItem()).hasSize(2);
        assertThat(back.requestHeader().authentication().credential().get(0).credentialValue())
                .isEqualTo(new UsernameAndPasswordCredential("alice", "hunter2"));
        assertThat(TtlvEncoder.encode(back.encode(KmipVersion.V1_4))).isEqualTo(wire);
        // Passwords are secret fields: records print them redacted.
        assertThat(back.toString()).contains("username=alice", "password=<redacted>").doesNotContain("hunter2");
        // Header fields in the order of 1.4 table 282
        assertThat(message.encode(KmipVersion.V1_4).child(Tag.REQUEST_HEADER).children()).extracting(Ttlv::tag)
                .containsExactly(Tag.PROTOCOL_VERSION, Tag.MAXIMUM_RESPONSE_SIZE, Tag.CLIENT_CORRELATION_VALUE,
                        Tag.AUTHENTICATION, Tag.BATCH_ORDER_OPTION, Tag.TIME_STAMP, Tag.BATCH_COUNT);
    }

    @Test
    void failedResponseItem() {
        ResponseMessage response = new ResponseMessage(
                ResponseHeader.of(new ProtocolVersion(2, 1), Instant.ofEpochSecond(1_600_000_000L), 1),
                List.of(new ResponseBatchItem(Operation.LOCATE, null, ResultStatus.OPERATION_FAILED,
                        ResultReason.ITEM_NOT_FOUND, "no such object", null, null, null)));
        Ttlv tree = response.encode(KmipVersion.V2_1);
        Ttlv item = tree.child(Tag.BATCH_ITEM);
        // 2.1 table 399 order; no payload on failure
        assertThat(item.children()).extracting(Ttlv::tag)
                .containsExactly(Tag.OPERATION, Tag.RESULT_STATUS, Tag.RESULT_REASON, Tag.RESULT_MESSAGE);
        assertThat(ResponseMessage.decode(tree)).isEqualTo(response);
    }

    @Test
    void responseWithoutOperationKeepsThePayloadRaw() {
        Ttlv payload = Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "7"));
        Ttlv item = Ttlv.structure(Tag.BATCH_ITEM, Ttlv.enumeration(Tag.RESULT_STATUS, 0), payload);
        ResponseBatchItem b = ResponseBatchItem.decode(item);
        assertThat(b.operation()).isNull();
        assertThat(b.responsePayload()).isEqualTo(new RawPayload(payload));
        assertThat(b.encode(KmipVersion.V1_0)).isEqualTo(item);
    }

    @Test
    void credentialValueFollowsTheCredentialTypeWhateverTheOrder() {
        // Credential Value before Credential Type: the selector is read first all the same.
        Ttlv device = Ttlv.structure(Tag.CREDENTIAL,
                Ttlv.structure(Tag.CREDENTIAL_VALUE, Ttlv.text(Tag.DEVICE_SERIAL_NUMBER, "SN-1"), Ttlv.text(Tag.PASSWORD, "pw")),
                Ttlv.enumeration(Tag.CREDENTIAL_TYPE, 2));
        Credential c = Credential.decode(device);
        assertThat(c.credentialType()).isEqualTo(CredentialType.DEVICE);
        assertThat(c.credentialValue()).isInstanceOfSatisfying(DeviceCredential.class,
                d -> assertThat(d.deviceSerialNumber()).isEqualTo("SN-1"));
        // Encode writes the spec's order back.
        assertThat(c.encode(KmipVersion.V1_1).children()).extracting(Ttlv::tag)
                .containsExactly(Tag.CREDENTIAL_TYPE, Tag.CREDENTIAL_VALUE);

        // A value of another form than its type names cannot be built.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Credential(CredentialType.DEVICE,
                new UsernameAndPasswordCredential("alice", null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CredentialValue: UsernameAndPasswordCredential does not fit CredentialType Device");

        // A vendor credential type stays raw and round-trips.
        Ttlv vendor = Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, 0x80000001),
                Ttlv.structure(Tag.CREDENTIAL_VALUE, Ttlv.bytes(0x540002, Bytes.of(new byte[] {9}))));
        Credential v = Credential.decode(vendor);
        assertThat(v.credentialValue()).isInstanceOf(CredentialValue.Unknown.class);
        assertThat(v.encode(KmipVersion.V1_4)).isEqualTo(vendor);
    }
}
