package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.payload.CreateRequestPayload;
import io.kmipstack.codec.registry.AlternativeNameType;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 1.x Attribute keeps its value raw, so its version gate looks at the attribute name and inside
 * the value (AttributeVersionCheck): an attribute, a value tag, an enumeration value or a mask bit
 * the target version does not define is refused, never sent; custom and vendor names pass.
 */
class AttributeVersionGatingTest {

    private static Attribute attribute(String name, Ttlv value) {
        return new Attribute(null, name, null, value);
    }

    // Alternative Name: attribute since KMIP 1.2 (1.4 section 3.40).
    private static final Attribute ALTERNATIVE_NAME = attribute("Alternative Name",
            new AlternativeName("db-key", AlternativeNameType.URI).encode(Tag.ATTRIBUTE_VALUE, KmipVersion.V1_2));

    @Test
    void anAttributeNewerThanTheVersionIsRefusedByName() {
        assertThatThrownBy(() -> ALTERNATIVE_NAME.encode(KmipVersion.V1_0))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("Attribute Alternative Name: not defined in KMIP 1.0 (defined since 1.2)");
        assertThatThrownBy(() -> ALTERNATIVE_NAME.encode(KmipVersion.V1_1)).isInstanceOf(KmipEncodingException.class);
        Ttlv encoded = ALTERNATIVE_NAME.encode(KmipVersion.V1_2);
        assertThat(encoded.child(Tag.ATTRIBUTE_NAME).textValue()).isEqualTo("Alternative Name");
        assertThat(encoded.child(Tag.ATTRIBUTE_VALUE)).isEqualTo(ALTERNATIVE_NAME.attributeValue());

        // Random Number Generator came with 1.3 (1.4 section 3.44), its RNG Parameters value too.
        Attribute rng = attribute("Random Number Generator",
                Ttlv.structure(Tag.ATTRIBUTE_VALUE, Ttlv.enumeration(Tag.RNG_ALGORITHM, 1)));
        assertThatThrownBy(() -> rng.encode(KmipVersion.V1_2))
                .hasMessage("Attribute Random Number Generator: not defined in KMIP 1.2 (defined since 1.3)");
        assertThat(rng.encode(KmipVersion.V1_3).child(Tag.ATTRIBUTE_VALUE)).isEqualTo(rng.attributeValue());
    }

    @Test
    void anAttributeTheVersionDroppedIsRefusedToo() {
        // Operation Policy Name: defined 1.0 to 1.4, gone in 2.0.
        Attribute policy = attribute("Operation Policy Name", Ttlv.text(Tag.ATTRIBUTE_VALUE, "default"));
        assertThat(policy.encode(KmipVersion.V1_4).child(Tag.ATTRIBUTE_VALUE).textValue()).isEqualTo("default");
        assertThatThrownBy(() -> policy.encode(KmipVersion.V2_0))
                .hasMessage("Attribute Operation Policy Name: not defined in KMIP 2.0 (defined 1.0 to 1.4)");
    }

    @Test
    void aTagInsideTheValueThatTheVersionLacksIsRefusedWithItsPath() {
        // Cryptographic Parameters is a 1.0 attribute; its Random IV field came with 1.2.
        Attribute params = attribute("Cryptographic Parameters", Ttlv.structure(Tag.ATTRIBUTE_VALUE,
                Ttlv.enumeration(Tag.BLOCK_CIPHER_MODE, 1), Ttlv.bool(Tag.RANDOM_IV, true)));
        assertThatThrownBy(() -> params.encode(KmipVersion.V1_1))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("Attribute Cryptographic Parameters: AttributeValue/RandomIV: not defined in KMIP 1.1"
                        + " (defined since 1.2)");
        assertThat(params.encode(KmipVersion.V1_2).child(Tag.ATTRIBUTE_VALUE)).isEqualTo(params.attributeValue());
    }

    @Test
    void enumerationValuesAndMaskBitsTheVersionLacksAreRefused() {
        // ChaCha20: Cryptographic Algorithm value since 1.4; the value is named by the attribute name.
        Attribute chacha = attribute("Cryptographic Algorithm",
                Ttlv.enumeration(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.CHA_CHA20.value()));
        assertThatThrownBy(() -> chacha.encode(KmipVersion.V1_3))
                .hasMessage("Attribute Cryptographic Algorithm: AttributeValue: value ChaCha20 not defined in KMIP 1.3"
                        + " (defined since 1.4)");
        assertThat(chacha.encode(KmipVersion.V1_4)).isNotNull();
        // A vendor value the registry does not name is the caller's choice and passes.
        assertThat(attribute("Cryptographic Algorithm", Ttlv.enumeration(Tag.ATTRIBUTE_VALUE, 0x8000_0001))
                .encode(KmipVersion.V1_0).child(Tag.ATTRIBUTE_VALUE).intValue()).isEqualTo(0x8000_0001);

        // Authenticate: Cryptographic Usage Mask bit since 2.0.
        Attribute mask = attribute("Cryptographic Usage Mask", Ttlv.integer(Tag.ATTRIBUTE_VALUE,
                CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.AUTHENTICATE));
        assertThatThrownBy(() -> mask.encode(KmipVersion.V1_4))
                .hasMessage("Attribute Cryptographic Usage Mask: AttributeValue: bit Authenticate not defined in KMIP 1.4"
                        + " (defined since 2.0)");
        assertThat(attribute("Cryptographic Usage Mask", Ttlv.integer(Tag.ATTRIBUTE_VALUE, CryptographicUsageMask.ENCRYPT))
                .encode(KmipVersion.V1_0)).isNotNull();

        // Inside a structured value, an enumeration is named by its own tag: URI is a 1.2 Alternative Name Type.
        Attribute alt = attribute("Alternative Name", Ttlv.structure(Tag.ATTRIBUTE_VALUE,
                Ttlv.text(Tag.ALTERNATIVE_NAME_VALUE, "n"), Ttlv.enumeration(Tag.ALTERNATIVE_NAME_TYPE, 0x0000_0063)));
        assertThat(alt.encode(KmipVersion.V1_2)).isNotNull(); // 0x63 is no registered type: passes
    }

    @Test
    void customAndVendorNamesPassAnyOtherUnknownNameIsRefused() {
        // Custom attributes (1.4 section 3.39): x- from a client, y- from a server; any value.
        Ttlv extension = Ttlv.structure(Tag.ATTRIBUTE_VALUE, Ttlv.text(0x540001, "v"));
        assertThat(attribute("x-Barcode", Ttlv.text(Tag.ATTRIBUTE_VALUE, "1234")).encode(KmipVersion.V1_0)).isNotNull();
        assertThat(attribute("y-Audit", extension).encode(KmipVersion.V1_0)).isNotNull();
        // A 2.x vendor attribute names itself (2.1 section 4.60).
        Attribute vendor = new Attribute("acme", "Barcode", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "1234"));
        assertThat(vendor.encode(KmipVersion.V2_0).child(Tag.ATTRIBUTE_NAME).textValue()).isEqualTo("Barcode");

        assertThatThrownBy(() -> attribute("Barcode", Ttlv.text(Tag.ATTRIBUTE_VALUE, "1234")).encode(KmipVersion.V1_4))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("Attribute.AttributeName: Barcode is not a KMIP attribute name"
                        + " (expected: a spec name, or a custom name starting x- or y-)");
        // The custom prefix does not excuse a value tag the version lacks.
        assertThatThrownBy(() -> attribute("x-Params", Ttlv.structure(Tag.ATTRIBUTE_VALUE, Ttlv.bool(Tag.RANDOM_IV, true)))
                .encode(KmipVersion.V1_0))
                .hasMessage("Attribute x-Params: AttributeValue/RandomIV: not defined in KMIP 1.0 (defined since 1.2)");
    }

    @Test
    void theGateHoldsWhereverAnAttributeTravels() {
        // The brief's case: a Create asking for an Alternative Name, encoded for KMIP 1.0.
        CreateRequestPayload create = new CreateRequestPayload(ObjectType.SYMMETRIC_KEY,
                new TemplateAttribute(List.of(), List.of(ALTERNATIVE_NAME)), null, null);
        assertThatThrownBy(() -> create.encode(KmipVersion.V1_0))
                .isInstanceOf(KmipEncodingException.class)
                .hasMessage("Attribute Alternative Name: not defined in KMIP 1.0 (defined since 1.2)");
        Ttlv v12 = create.encode(KmipVersion.V1_2);
        assertThat(CreateRequestPayload.decode(v12)).isEqualTo(create);
    }

    @Test
    void anAttributeWithoutValueIsCheckedByNameOnly() {
        // Attribute Value is absent in Notify (1.4 section 5.1) for deleted attributes; the name still decides.
        assertThat(Attribute.of("State").encode(KmipVersion.V1_0).children()).hasSize(1);
        assertThatThrownBy(() -> Attribute.of("Sensitive").encode(KmipVersion.V1_3))
                .hasMessage("Attribute Sensitive: not defined in KMIP 1.3 (defined since 1.4)");
    }
}
