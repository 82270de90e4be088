package io.kmipstack.codec.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.ttlv.ItemType;
import org.junit.jupiter.api.Test;

/** Spot checks of the generated registry against the spec text, and the open-enum behaviour. */
class RegistryTest {

    @Test
    void tagCodesMatchTheSpec() {
        // KMIP 1.4 Table 288 / KMIP 2.1 Table 487
        assertThat(Tag.REQUEST_MESSAGE).isEqualTo(0x420078);
        assertThat(Tag.RESPONSE_MESSAGE).isEqualTo(0x42007B);
        assertThat(Tag.ACTIVATION_DATE).isEqualTo(0x420001);
        assertThat(Tag.CRYPTOGRAPHIC_USAGE_MASK).isEqualTo(0x42002C);
        assertThat(Tag.UNIQUE_IDENTIFIER).isEqualTo(0x420094);
        assertThat(Tag.PKCS_11_FUNCTION).isEqualTo(0x42015A);
        assertThat(Tag.ASYNCHRONOUS_CORRELATION_VALUES).isEqualTo(0x420176);

        TagDef usage = Registry.tag(0x42002C);
        assertThat(usage.name()).isEqualTo("CryptographicUsageMask");
        assertThat(usage.specName()).isEqualTo("Cryptographic Usage Mask");
        assertThat(usage.type()).isEqualTo(ItemType.INTEGER);
        assertThat(usage.enumeration()).isEqualTo("CryptographicUsageMask");
        assertThat(Registry.tagByName("CryptographicUsageMask")).isSameAs(usage);
        assertThat(Registry.tagBySpecName("Cryptographic Usage Mask")).isSameAs(usage);
        assertThat(Registry.tagName(Tag.REQUEST_MESSAGE)).isEqualTo("RequestMessage");
    }

    @Test
    void tagTypesAndEnumerations() {
        assertThat(Registry.tag(Tag.OBJECT_TYPE).type()).isEqualTo(ItemType.ENUMERATION);
        assertThat(Registry.tag(Tag.OBJECT_TYPE).enumeration()).isEqualTo("ObjectType");
        assertThat(Registry.tag(Tag.BLOCK_CIPHER_MODE).enumeration()).isEqualTo("BlockCipherMode");
        assertThat(Registry.tag(Tag.MASK_GENERATOR_HASHING_ALGORITHM).enumeration()).isEqualTo("HashingAlgorithm");
        assertThat(Registry.tag(Tag.ATTRIBUTE_REFERENCE).enumeration()).isEqualTo("Tag");
        assertThat(Registry.tag(Tag.REQUEST_MESSAGE).type()).isEqualTo(ItemType.STRUCTURE);
        assertThat(Registry.tag(Tag.ATTRIBUTE_VALUE).type()).as("varies").isNull();
        assertThat(Registry.tag(Tag.UNIQUE_IDENTIFIER).type()).as("Text String, or Enumeration in 2.x").isNull();
    }

    @Test
    void tagVersions() {
        TagDef templateAttribute = Registry.tag(Tag.TEMPLATE_ATTRIBUTE);
        assertThat(templateAttribute.since()).isEqualTo(KmipVersion.V1_0);
        assertThat(templateAttribute.until()).isEqualTo(KmipVersion.V1_4);
        assertThat(templateAttribute.definedIn(KmipVersion.V1_4)).isTrue();
        assertThat(templateAttribute.definedIn(KmipVersion.V2_0)).isFalse();

        TagDef attributes = Registry.tag(Tag.ATTRIBUTES); // the 2.x typed attribute structure
        assertThat(attributes.since()).isEqualTo(KmipVersion.V2_0);
        assertThat(attributes.until()).isNull();
        assertThat(attributes.definedIn(KmipVersion.V1_4)).isFalse();

        assertThat(Registry.tag(Tag.ROTATE_INTERVAL).since()).isEqualTo(KmipVersion.V2_1);
        assertThat(Registry.tag(Tag.SENSITIVE).since()).isEqualTo(KmipVersion.V1_4);
        assertThat(Registry.tag(Tag.DEVICE_IDENTIFIER).since()).isEqualTo(KmipVersion.V1_1);
        assertThat(Registry.tag(Tag.ATTRIBUTE_INDEX).until()).isEqualTo(KmipVersion.V1_4);
    }

    @Test
    void extensionTagsAreUnknownWithoutBreakingLookups() {
        assertThat(Registry.tag(0x540001)).isNull();
        assertThat(Registry.tag(0x54FFFF)).isNull();
        assertThat(Registry.tag(0x420000)).isNull();
        assertThat(Registry.tag(0x42FFFF)).isNull();
        assertThat(Registry.tag(-1)).isNull();
        assertThat(Registry.tagName(0x540001)).isEqualTo("0x540001");
        assertThat(Registry.tag(Tag.REQUEST_MESSAGE).name()).isEqualTo("RequestMessage");
    }

    @Test
    void enumerationValuesMatchTheSpec() {
        assertThat(Operation.CREATE.value()).isEqualTo(1);
        assertThat(Operation.CREATE.name()).isEqualTo("Create");
        assertThat(ResultReason.ITEM_NOT_FOUND.value()).isEqualTo(1);
        assertThat(ResultStatus.OPERATION_FAILED.value()).isEqualTo(1);
        assertThat(ObjectType.SYMMETRIC_KEY.value()).isEqualTo(2);
        assertThat(CryptographicAlgorithm.AES.value()).isEqualTo(3);
        assertThat(HashingAlgorithm.SHA_256.value()).isEqualTo(6);
        assertThat(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY.value()).isEqualTo(0x0A);
        assertThat(CryptographicAlgorithm.fromName("HMAC_SHA256").value()).isEqualTo(0x09); // 1.4 Table 301
        assertThat(MaskGenerator.fromName("MGF1").value()).isEqualTo(1);

        assertThat(ObjectType.TEMPLATE.until()).isEqualTo(KmipVersion.V1_4);
        assertThat(ObjectType.CERTIFICATE_REQUEST.since()).isEqualTo(KmipVersion.V2_0);
        assertThat(Operation.PING.since()).isEqualTo(KmipVersion.V2_1);
        assertThat(Operation.PING.definedIn(KmipVersion.V2_0)).isFalse();
        assertThat(ObjectType.values()).contains(ObjectType.SYMMETRIC_KEY).hasSize(Registry.enumeration("ObjectType").values().size());
    }

    @Test
    void masksMatchTheSpec() {
        assertThat(CryptographicUsageMask.ENCRYPT).isEqualTo(0x4);
        assertThat(CryptographicUsageMask.DECRYPT).isEqualTo(0x8);
        assertThat(CryptographicUsageMask.MAC_GENERATE).isEqualTo(0x80);
        assertThat(StorageStatusMask.ARCHIVAL_STORAGE).isEqualTo(0x2);
        assertThat(ProtectionStorageMask.HARDWARE).isEqualTo(0x2);
        EnumDef usage = Registry.enumeration("CryptographicUsageMask");
        assertThat(usage.isMask()).isTrue();
        assertThat(usage.byCode(0x40).until()).as("Export is (Reserved) in 2.x").isEqualTo(KmipVersion.V1_4);
        assertThat(usage.byName("FPEEncrypt").since()).isEqualTo(KmipVersion.V2_0);
    }

    @Test
    void maskFormatAndParse() {
        int both = CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT;
        assertThat(CryptographicUsageMask.format(both)).isEqualTo("Encrypt Decrypt");
        assertThat(CryptographicUsageMask.parse("Decrypt Encrypt")).isEqualTo(both);
        assertThat(CryptographicUsageMask.parse("Decrypt|Encrypt")).isEqualTo(both);
        assertThat(CryptographicUsageMask.parse("12")).isEqualTo(both);
        assertThat(CryptographicUsageMask.has(both, CryptographicUsageMask.ENCRYPT)).isTrue();
        assertThat(CryptographicUsageMask.has(both, CryptographicUsageMask.SIGN)).isFalse();

        int vendor = CryptographicUsageMask.SIGN | 0x10000000 | 0x20000000;
        assertThat(CryptographicUsageMask.format(vendor)).isEqualTo("Sign 0x30000000");
        assertThat(CryptographicUsageMask.parse("Sign 0x30000000")).isEqualTo(vendor);
        assertThat(CryptographicUsageMask.format(0)).isEqualTo("0x00000000");
        assertThat(CryptographicUsageMask.parse("0x00000000")).isZero();
        assertThatThrownBy(() -> CryptographicUsageMask.parse("Encrypt Frobnicate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CryptographicUsageMask: Frobnicate (expected: a name or 0x followed by up to 8 hex digits)");
        assertThatThrownBy(() -> CryptographicUsageMask.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAndVendorValuesRoundTrip() {
        ObjectType vendor = ObjectType.valueOf(0x80000001);
        assertThat(vendor.isKnown()).isFalse();
        assertThat(vendor.value()).isEqualTo(0x80000001);
        assertThat(vendor.name()).isEqualTo("0x80000001");
        assertThat(vendor.toString()).isEqualTo("0x80000001");
        assertThat(vendor.since()).isNull();
        assertThat(vendor.definedIn(KmipVersion.V2_1)).isFalse();
        assertThat(ObjectType.fromName("0x80000001")).isEqualTo(vendor).isNotSameAs(vendor);
        assertThat(ObjectType.fromName(vendor.name()).value()).isEqualTo(0x80000001);
        assertThat(vendor.hashCode()).isEqualTo(ObjectType.valueOf(0x80000001).hashCode());

        // an unassigned standard code is just as open
        assertThat(Operation.valueOf(0x7FFF).name()).isEqualTo("0x00007FFF");
        // known codes come back as the constants
        assertThat(ObjectType.valueOf(2)).isSameAs(ObjectType.SYMMETRIC_KEY);
        assertThat(ObjectType.fromName("SymmetricKey")).isSameAs(ObjectType.SYMMETRIC_KEY);
        assertThat(ObjectType.fromName("0x00000002")).isSameAs(ObjectType.SYMMETRIC_KEY);
        // Opaque Data Type has no named values in either spec: everything is an extension
        assertThat(OpaqueDataType.values()).isEmpty();
        assertThat(OpaqueDataType.fromName("0x80123456").name()).isEqualTo("0x80123456");

        EnumDef def = Registry.enumeration("ObjectType");
        assertThat(def.format(0x80000001)).isEqualTo("0x80000001");
        assertThat(def.parse("0x80000001")).isEqualTo(0x80000001);
        assertThat(def.format(2)).isEqualTo("SymmetricKey");
        assertThat(def.parse("SymmetricKey")).isEqualTo(2);
        assertThat(def.byCode(0x80000001)).isNull();
        assertThat(def.parse("0xFFFFFFFF")).isEqualTo(-1);

        assertThatThrownBy(() -> ObjectType.fromName("SymetricKey"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ObjectType: SymetricKey (expected: a name or 0x followed by up to 8 hex digits)");
        assertThatThrownBy(() -> def.parse("0x1234567890")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> def.parse("0x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagEnumerationIsTheTagTable() {
        EnumDef tags = Registry.enumeration("Tag");
        assertThat(tags.values()).hasSize(Registry.tags().size());
        assertThat(tags.parse("State")).isEqualTo(Tag.STATE);
        assertThat(tags.format(0x540001)).isEqualTo("0x00540001");
    }

    @Test
    void everyGeneratedConstantAgreesWithItsDefinition() {
        for (EnumDef def : Registry.enumerations()) {
            for (EnumValueDef v : def.values()) {
                assertThat(def.byName(v.name())).isSameAs(v);
                assertThat(def.byCode(v.code())).isSameAs(v);
                assertThat(def.parse(def.format(v.code()))).isEqualTo(v.code());
            }
        }
        for (ResultReason r : ResultReason.values()) {
            EnumValueDef v = ResultReason.definition().byCode(r.value());
            assertThat(v.name()).isEqualTo(r.name());
            assertThat(v.since()).isEqualTo(r.since());
            assertThat(ResultReason.fromName(r.name())).isSameAs(r);
            assertThat(ResultReason.valueOf(r.value())).isSameAs(r);
        }
    }

    @Test
    void kmipExceptionCarriesTheTypedResult() {
        KmipException e = new KmipException(ResultReason.ITEM_NOT_FOUND, "unique identifier: 7 (expected: an existing object)");
        assertThat(e.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
        assertThat(e.resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
        assertThat(e).hasMessage("unique identifier: 7 (expected: an existing object)");
        KmipException undone = new KmipException(ResultStatus.OPERATION_UNDONE, ResultReason.GENERAL_FAILURE, "undone");
        assertThat(undone.resultStatus()).isEqualTo(ResultStatus.OPERATION_UNDONE);
        assertThatThrownBy(() -> new KmipException(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("resultReason");
    }
}
