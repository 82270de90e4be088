package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.registry.AsynchronousIndicator;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder refuses whatever the target version does not define (a field, an enumeration value,
 * a mask bit, a whole structure, a bag item) and names the field and version; it never drops or
 * rewrites it. The same values encode for a version that defines them.
 */
class VersionGatingTest {

    private static RequestHeader header(KmipVersion v, String clientCorrelation) {
        return new RequestHeader(new ProtocolVersion(v.major(), v.minor()), null, clientCorrelation, null, null, null, null,
                null, null, null, null, null, 1);
    }

    @Test
    void clientCorrelationValueNeedsKmip14() {
        // Client Correlation Value came with KMIP 1.4 (1.4 section 6.18); 1.0 has no such field.
        assertThatThrownBy(() -> header(KmipVersion.V1_0, "trace-7").encode(KmipVersion.V1_0))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("RequestHeader.ClientCorrelationValue: not defined in KMIP 1.0 (defined since 1.4)")
                .satisfies(e -> assertThat(((KmipEncodingException) e).resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED));
        assertThatThrownBy(() -> header(KmipVersion.V1_3, "trace-7").encode(KmipVersion.V1_3))
                .isInstanceOf(KmipEncodingException.class);

        Ttlv encoded = header(KmipVersion.V1_4, "trace-7").encode(KmipVersion.V1_4);
        assertThat(encoded.child(Tag.CLIENT_CORRELATION_VALUE).textValue()).isEqualTo("trace-7");
        assertThat(header(KmipVersion.V2_1, "trace-7").encode(KmipVersion.V2_1).child(Tag.CLIENT_CORRELATION_VALUE)).isNotNull();
    }

    @Test
    void absentOptionalFieldsAreNotWrittenAndNeedNoVersion() {
        Ttlv encoded = header(KmipVersion.V1_0, null).encode(KmipVersion.V1_0);
        // Protocol Version and Batch Count only (1.4 table 282: the rest is optional)
        assertThat(encoded.children()).extracting(Ttlv::tag).containsExactly(Tag.PROTOCOL_VERSION, Tag.BATCH_COUNT);
    }

    @Test
    void aV2OnlyFieldInAV1MessageIsRefused() {
        // Ephemeral is a 2.0 field of the request batch item (2.1 table 396).
        RequestBatchItem item = new RequestBatchItem(Operation.GET, true, null,
                new RawPayload(Ttlv.structure(Tag.REQUEST_PAYLOAD)), null);
        assertThatThrownBy(() -> item.encode(KmipVersion.V1_4))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("RequestBatchItem.Ephemeral: not defined in KMIP 1.4 (defined since 2.0)");
        assertThat(item.encode(KmipVersion.V2_0).child(Tag.EPHEMERAL).booleanValue()).isTrue();

        // The vendor form of Attribute (Vendor Identification) is 2.x only (2.1 section 4.60).
        Attribute vendor = new Attribute("x", "ID", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "a"));
        assertThatThrownBy(() -> vendor.encode(KmipVersion.V1_4)).hasMessageContaining("Attribute.VendorIdentification");
        // Attribute Index is 1.x only (the tag ends with 1.4).
        Attribute indexed = new Attribute(null, "Name", 1, Ttlv.text(Tag.ATTRIBUTE_VALUE, "a"));
        assertThat(indexed.encode(KmipVersion.V1_4).child(Tag.ATTRIBUTE_INDEX).intValue()).isEqualTo(1);
        assertThatThrownBy(() -> indexed.encode(KmipVersion.V2_0))
                .hasMessage("Attribute.AttributeIndex: not defined in KMIP 2.0 (defined 1.0 to 1.4)");
    }

    @Test
    void aFieldIsGatedByItsTagsVersionWithoutASinceInTheSchema() {
        // Cryptographic Parameters lists Tag Length without since=; the tag came with KMIP 1.2.
        CryptographicParameters gcm = new CryptographicParameters(BlockCipherMode.GCM, null, null, null, null, null, null,
                null, 16, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> gcm.encode(KmipVersion.V1_1)).hasMessage(
                "CryptographicParameters.TagLength: not defined in KMIP 1.1 (defined since 1.2)");
        assertThat(gcm.encode(KmipVersion.V1_2).child(Tag.TAG_LENGTH).intValue()).isEqualTo(16);
    }

    @Test
    void anEnumerationValueFromALaterVersionIsRefused() {
        // Discover Versions (0x1E) was added in KMIP 1.1.
        RequestBatchItem discover = new RequestBatchItem(Operation.DISCOVER_VERSIONS, null, null,
                new RawPayload(Ttlv.structure(Tag.REQUEST_PAYLOAD)), null);
        assertThatThrownBy(() -> discover.encode(KmipVersion.V1_0))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("RequestBatchItem.Operation: value DiscoverVersions not defined in KMIP 1.0 (defined since 1.1)");
        assertThat(discover.encode(KmipVersion.V1_1).child(Tag.OPERATION).intValue()).isEqualTo(0x1E);

        // A vendor value (0x8XXXXXXX) is the caller's business and goes out as given.
        RequestBatchItem vendor = new RequestBatchItem(Operation.valueOf(0x80000001), null, null,
                new RawPayload(Ttlv.structure(Tag.REQUEST_PAYLOAD)), null);
        assertThat(vendor.encode(KmipVersion.V1_0).child(Tag.OPERATION).intValue()).isEqualTo(0x80000001);
    }

    @Test
    void aValueRemovedInALaterVersionIsRefusedThere() {
        KeyBlock block = new KeyBlock(KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY, null, null, null, null, null);
        assertThat(KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY.until()).isEqualTo(KmipVersion.V1_4);
        assertThat(block.encode(KmipVersion.V1_4).child(Tag.KEY_FORMAT_TYPE)).isNotNull();
        assertThatThrownBy(() -> block.encode(KmipVersion.V2_0)).hasMessageStartingWith(
                "KeyBlock.KeyFormatType: value TransparentECDSAPrivateKey not defined in KMIP 2.0");
    }

    @Test
    void theTwoFormsOfAsynchronousIndicatorFollowTheVersion() {
        // Boolean up to 1.4 (1.4 section 6.7), Enumeration from 2.0 (2.1 section 9.2).
        RequestHeader v1 = new RequestHeader(new ProtocolVersion(1, 4), null, null, null, true, null, null, null, null, null,
                null, null, 1);
        RequestHeader v2 = new RequestHeader(new ProtocolVersion(2, 0), null, null, null, null,
                AsynchronousIndicator.OPTIONAL, null, null, null, null, null, null, 1);
        assertThat(v1.encode(KmipVersion.V1_4).child(Tag.ASYNCHRONOUS_INDICATOR).booleanValue()).isTrue();
        assertThat(v2.encode(KmipVersion.V2_0).child(Tag.ASYNCHRONOUS_INDICATOR).intValue()).isEqualTo(2);
        assertThatThrownBy(() -> v1.encode(KmipVersion.V2_0)).hasMessageContaining("RequestHeader.AsynchronousIndicator");
        assertThatThrownBy(() -> v2.encode(KmipVersion.V1_4)).hasMessageContaining("RequestHeader.AsynchronousIndicator");
        // and decode tells them apart by item type
        assertThat(RequestHeader.decode(v1.encode(KmipVersion.V1_4))).isEqualTo(v1);
        assertThat(RequestHeader.decode(v2.encode(KmipVersion.V2_0))).isEqualTo(v2);
    }

    @Test
    void aStructureOutsideItsVersionsIsRefused() {
        // PGP Key arrived in 1.2; Template left in 2.0.
        PGPKey pgp = new PGPKey(4, new KeyBlock(KeyFormatType.RAW, null, null, null, null, null));
        assertThatThrownBy(() -> pgp.encode(KmipVersion.V1_1)).hasMessage("PGPKey: not defined in KMIP 1.1 (defined since 1.2)");
        assertThat(pgp.encode(KmipVersion.V1_2).tag()).isEqualTo(Tag.PGP_KEY);

        Template template = new Template(List.of(new Attribute(null, "Object Group", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "g"))));
        assertThat(template.encode(KmipVersion.V1_4).tag()).isEqualTo(Tag.TEMPLATE);
        assertThatThrownBy(() -> template.encode(KmipVersion.V2_0)).hasMessage("Template: not defined in KMIP 2.0 (defined 1.0 to 1.4)");

        // Through a choice field too: Managed Object alternatives keep their own range.
        ManagedObject object = template;
        assertThatThrownBy(() -> object.encode(KmipVersion.V2_1)).isInstanceOf(KmipEncodingException.class);
    }

    @Test
    void bagItemsAreCheckedAgainstTheirTags() {
        // Rotate Date is a KMIP 2.1 attribute; Attributes itself is 2.0.
        Attributes attributes = Attributes.of(Ttlv.dateTime(Tag.ROTATE_DATE, 0), Ttlv.integer(0x540001, 7));
        assertThat(attributes.encode(KmipVersion.V2_1).children()).hasSize(2);
        assertThatThrownBy(() -> attributes.encode(KmipVersion.V2_0))
                .hasMessage("Attributes.RotateDate: not defined in KMIP 2.0 (defined since 2.1)");
        assertThatThrownBy(() -> Attributes.of().encode(KmipVersion.V1_4))
                .hasMessage("Attributes: not defined in KMIP 1.4 (defined since 2.0)");
    }

    @Test
    void maskBitsAreCheckedAgainstTheMaskTable() {
        // Authenticate (0x00100000) is a 2.0 usage mask bit; Encrypt (0x4) is 1.0.
        int mask = CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.AUTHENTICATE;
        assertThatThrownBy(() -> FieldCodec.mask(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask, "CryptographicUsageMask", KmipVersion.V1_4,
                "X", "CryptographicUsageMask")).hasMessage(
                        "X.CryptographicUsageMask: bit Authenticate not defined in KMIP 1.4 (defined since 2.0)");
        assertThat(FieldCodec.mask(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask, "CryptographicUsageMask", KmipVersion.V2_0, "X", "M")
                .intValue()).isEqualTo(mask);
        // Unnamed (vendor) bits pass.
        assertThat(FieldCodec.mask(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x40000000, "CryptographicUsageMask", KmipVersion.V1_0, "X", "M")
                .intValue()).isEqualTo(0x40000000);
    }

    @Test
    void identifierPlaceholdersAndIndexesAreV2Only() {
        UniqueIdentifier placeholder = new UniqueIdentifier.Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.ID_PLACEHOLDER);
        EncryptionKeyInformation info = new EncryptionKeyInformation(placeholder, null);
        assertThat(info.encode(KmipVersion.V2_0).child(Tag.UNIQUE_IDENTIFIER).intValue()).isEqualTo(1);
        assertThatThrownBy(() -> info.encode(KmipVersion.V1_4)).hasMessageContaining("not defined in KMIP 1.4");
        assertThatThrownBy(() -> new UniqueIdentifier.Index(-1).encode(Tag.UNIQUE_IDENTIFIER, KmipVersion.V1_4))
                .isInstanceOf(KmipEncodingException.class);
        assertThat(UniqueIdentifier.of("1234").encode(Tag.UNIQUE_IDENTIFIER, KmipVersion.V1_0).textValue()).isEqualTo("1234");
    }

    @Test
    void keyValueAttributesFollowTheGeneration() {
        KeyMaterial material = KeyMaterial.of(Bytes.of(new byte[16]));
        KeyValue v1 = new KeyValue.Plain(material, List.of(new Attribute(null, "Cryptographic Length", null,
                Ttlv.integer(Tag.ATTRIBUTE_VALUE, 128))), null);
        KeyValue v2 = new KeyValue.Plain(material, null, Attributes.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)));
        assertThat(v1.encode(Tag.KEY_VALUE, KmipVersion.V1_4).children()).hasSize(2);
        assertThat(v2.encode(Tag.KEY_VALUE, KmipVersion.V2_0).children()).hasSize(2);
        assertThatThrownBy(() -> v1.encode(Tag.KEY_VALUE, KmipVersion.V2_0)).hasMessageContaining("KeyValue.Attribute");
        assertThatThrownBy(() -> v2.encode(Tag.KEY_VALUE, KmipVersion.V1_4)).hasMessageContaining("KeyValue.Attributes");
    }
}
