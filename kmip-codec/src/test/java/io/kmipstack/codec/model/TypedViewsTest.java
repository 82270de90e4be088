package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.NameType;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written views of polymorphic values: Key Value, Key Material, attributes, identifiers. */
class TypedViewsTest {

    private static final Bytes KEY = Bytes.fromHex("000102030405060708090A0B0C0D0E0F");

    @Test
    void keyValueIsWrappedBytesOrAPlainStructure() {
        Ttlv wrapped = Ttlv.bytes(Tag.KEY_VALUE, KEY);
        assertThat(KeyValue.decode(wrapped)).isEqualTo(KeyValue.wrapped(KEY));
        assertThat(KeyValue.decode(wrapped).keyMaterial()).isNull();

        Ttlv plain = Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, KEY));
        KeyValue value = KeyValue.decode(plain);
        assertThat(value).isEqualTo(KeyValue.of(KeyMaterial.of(KEY)));
        assertThat(value.keyMaterial()).isEqualTo(new KeyMaterial.Raw(KEY));
        assertThat(value.encode(Tag.KEY_VALUE, KmipVersion.V1_0)).isEqualTo(plain);
        // Key material prints redacted, through every record around it.
        assertThat(value.toString()).contains("Bytes[len=16, redacted]").doesNotContain("0A0B");

        assertThatThrownBy(() -> KeyValue.decode(Ttlv.integer(Tag.KEY_VALUE, 1)))
                .isInstanceOf(KmipDecodingException.class).hasMessage("KeyValue: type Integer (expected: ByteString or Structure)");
        assertThatThrownBy(() -> KeyValue.decode(Ttlv.structure(Tag.KEY_VALUE)))
                .hasMessage("KeyValue: missing field KeyMaterial");
    }

    @Test
    void transparentKeyMaterialReadsThroughItsSchema() {
        // KMIP 1.4 section 2.1.7.5: Transparent RSA Public Key = Modulus, Public Exponent
        TransparentRSAPublicKey rsa = new TransparentRSAPublicKey(Bytes.wrap(BigInteger.valueOf(3233).toByteArray()),
                Bytes.wrap(BigInteger.valueOf(17).toByteArray()));
        KeyMaterial material = KeyMaterial.transparent(rsa.encode(KmipVersion.V1_4));
        KeyBlock block = new KeyBlock(KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY, null, KeyValue.of(material),
                CryptographicAlgorithm.RSA, 12, null);
        KeyBlock back = KeyBlock.decode(block.encode(KmipVersion.V1_4));
        TransparentRSAPublicKey read = back.keyValue().keyMaterial().as(TransparentRSAPublicKey::decode);
        // Big Integers go out sign-extended to 8 bytes (KMIP 1.4 section 9.1.1.4)
        assertThat(new BigInteger(read.modulus().toByteArray())).isEqualTo(3233);
        assertThat(read.modulus().length()).isEqualTo(8);
        assertThat(new BigInteger(read.publicExponent().toByteArray())).isEqualTo(17);

        TransparentECPublicKey ec = new TransparentECPublicKey(RecommendedCurve.P_256, KEY);
        assertThat(KeyMaterial.transparent(ec.encode(KmipVersion.V2_1)).as(TransparentECPublicKey::decode)).isEqualTo(ec);
        assertThatThrownBy(() -> KeyMaterial.of(KEY).as(TransparentSymmetricKey::decode)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aV1AttributeAndItsV2ItemAreTheSameAttribute() {
        // 1.x: Attribute Name "Cryptographic Algorithm", Attribute Value AES (1.4 section 3.4)
        Attribute v1 = new Attribute(null, "Cryptographic Algorithm", null, Ttlv.enumeration(Tag.ATTRIBUTE_VALUE, 3));
        KmipAttribute fromV1 = KmipAttribute.fromAttribute(v1);
        KmipAttribute fromV2 = KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, 3));
        assertThat(fromV1).isEqualTo(fromV2);
        assertThat(fromV2.name()).isEqualTo("Cryptographic Algorithm");
        assertThat(CryptographicAlgorithm.valueOf(fromV2.value().intValue())).isEqualTo(CryptographicAlgorithm.AES);
        assertThat(fromV2.toAttribute()).isEqualTo(v1);

        // A structured value reads as its model record under either form.
        Attribute name = new Attribute(null, "Name", null, new Name("key-1", NameType.UNINTERPRETED_TEXT_STRING)
                .encode(Tag.ATTRIBUTE_VALUE, KmipVersion.V1_4));
        assertThat(KmipAttribute.fromAttribute(name).as(Name::decode)).isEqualTo(new Name("key-1", NameType.UNINTERPRETED_TEXT_STRING));
        assertThat(KmipAttribute.fromAttribute(name).tag()).isEqualTo(Tag.NAME);

        // The 1.x index is kept for the way back.
        Attribute indexed = new Attribute(null, "Object Group", 2, Ttlv.text(Tag.ATTRIBUTE_VALUE, "g"));
        assertThat(KmipAttribute.fromAttribute(indexed).toAttribute()).isEqualTo(indexed);
    }

    @Test
    void customAttributesBecomeVendorAttributes() {
        // 1.4 test cases send "x-ID"; the 2.1 ones send Vendor Identification "x", Attribute Name "ID".
        Attribute custom = new Attribute(null, "x-ID", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "AKLC-M-1"));
        KmipAttribute a = KmipAttribute.fromAttribute(custom);
        assertThat(a.isVendor()).isTrue();
        assertThat(a.item()).isEqualTo(Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.VENDOR_IDENTIFICATION, "x"),
                Ttlv.text(Tag.ATTRIBUTE_NAME, "ID"), Ttlv.text(Tag.ATTRIBUTE_VALUE, "AKLC-M-1")));
        assertThat(a.name()).isEqualTo("x-ID");
        assertThat(a.value().textValue()).isEqualTo("AKLC-M-1");
        assertThat(a.toAttribute()).isEqualTo(custom);
        assertThat(KmipAttribute.fromAttribute(Attribute.decode(a.item()))).isEqualTo(a);

        assertThatThrownBy(() -> KmipAttribute.fromAttribute(new Attribute(null, "Colour", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "red"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("attribute name: Colour");
        assertThatThrownBy(() -> KmipAttribute.fromAttribute(new Attribute(null, "State", null, null)))
                .hasMessage("attribute State: no value");
    }

    @Test
    void attributeListsConvertBetweenGenerations() {
        List<Attribute> v1 = List.of(
                new Attribute(null, "Cryptographic Length", null, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 256)),
                new Attribute(null, "Cryptographic Usage Mask", null, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 12)));
        Attributes v2 = KmipAttribute.toAttributes(KmipAttribute.fromAttributes(v1));
        assertThat(v2.items()).containsExactly(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
                Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12));
        assertThat(v2.item(Tag.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(256);
        assertThat(KmipAttribute.toAttributeList(KmipAttribute.of(v2))).isEqualTo(v1);
    }

    @Test
    void attributeReferenceIsATagOrAVendorName() {
        // 2.1 section 5.5; AKLC-O-1-21 sends <AttributeReference type="Enumeration" value="State"/>
        Ttlv byTag = Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.STATE);
        assertThat(AttributeReference.decode(byTag)).isEqualTo(AttributeReference.of(Tag.STATE));
        assertThat(AttributeReference.of(Tag.STATE).toString()).isEqualTo("State");
        Ttlv vendor = Ttlv.structure(Tag.ATTRIBUTE_REFERENCE, Ttlv.text(Tag.VENDOR_IDENTIFICATION, "x"),
                Ttlv.text(Tag.ATTRIBUTE_NAME, "ID"));
        AttributeReference ref = AttributeReference.decode(vendor);
        assertThat(ref).isEqualTo(AttributeReference.vendor("x", "ID"));
        assertThat(ref.encode(Tag.ATTRIBUTE_REFERENCE, KmipVersion.V2_1)).isEqualTo(vendor);
        assertThatThrownBy(() -> AttributeReference.decode(Ttlv.structure(Tag.ATTRIBUTE_REFERENCE,
                Ttlv.text(Tag.ATTRIBUTE_NAME, "ID")))).hasMessage("AttributeReference: missing field VendorIdentification");
    }

    @Test
    void uniqueIdentifierTakesItsThreeForms() {
        assertThat(UniqueIdentifier.decode(Ttlv.text(Tag.UNIQUE_IDENTIFIER, "abc"))).isEqualTo(UniqueIdentifier.of("abc"));
        assertThat(UniqueIdentifier.of("abc").toString()).isEqualTo("abc");
        assertThat(UniqueIdentifier.decode(Ttlv.enumeration(Tag.UNIQUE_IDENTIFIER, 1)))
                .isEqualTo(new UniqueIdentifier.Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.ID_PLACEHOLDER));
        assertThat(UniqueIdentifier.decode(Ttlv.integer(Tag.UNIQUE_IDENTIFIER, -1))).isEqualTo(new UniqueIdentifier.Index(-1));
        assertThatThrownBy(() -> UniqueIdentifier.decode(Ttlv.bool(Tag.UNIQUE_IDENTIFIER, true)))
                .hasMessage("UniqueIdentifier: type Boolean (expected: TextString, Enumeration or Integer)");
        // The field's own tag is kept (Linked Object Identifier in a Link).
        Link link = new Link(io.kmipstack.codec.registry.LinkType.PUBLIC_KEY_LINK, UniqueIdentifier.of("pub-1"));
        assertThat(link.encode(KmipVersion.V1_0).child(Tag.LINKED_OBJECT_IDENTIFIER).textValue()).isEqualTo("pub-1");
    }
}
