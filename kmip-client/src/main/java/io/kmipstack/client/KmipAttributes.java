package io.kmipstack.client;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.NameType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Factories for the attributes the fluent calls take ({@link KmipAttribute}, the codec's
 * generation-neutral form: the client writes it as a 1.x Attribute or a 2.x attribute item for
 * the negotiated version), and readers for the attributes a Get Attributes response returns.
 */
public final class KmipAttributes {

    private KmipAttributes() {
    }

    /** A Name attribute of type Uninterpreted Text String. */
    public static KmipAttribute name(String name) {
        Objects.requireNonNull(name, "name");
        return KmipAttribute.of(new Name(name, NameType.UNINTERPRETED_TEXT_STRING).encode(Tag.NAME, KmipVersion.V2_1));
    }

    public static KmipAttribute cryptographicAlgorithm(CryptographicAlgorithm algorithm) {
        return KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm.value()));
    }

    public static KmipAttribute cryptographicLength(int bits) {
        return KmipAttribute.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits));
    }

    /** A Cryptographic Usage Mask: the OR of {@code io.kmipstack.codec.registry.CryptographicUsageMask} bits. */
    public static KmipAttribute cryptographicUsageMask(int mask) {
        return KmipAttribute.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask));
    }

    public static KmipAttribute objectType(ObjectType type) {
        return KmipAttribute.of(Ttlv.enumeration(Tag.OBJECT_TYPE, type.value()));
    }

    public static KmipAttribute state(State state) {
        return KmipAttribute.of(Ttlv.enumeration(Tag.STATE, state.value()));
    }

    public static KmipAttribute objectGroup(String group) {
        return KmipAttribute.of(Ttlv.text(Tag.OBJECT_GROUP, group));
    }

    public static KmipAttribute contactInformation(String contact) {
        return KmipAttribute.of(Ttlv.text(Tag.CONTACT_INFORMATION, contact));
    }

    public static KmipAttribute link(LinkType type, String linkedObjectIdentifier) {
        return KmipAttribute.of(new Link(type, UniqueIdentifier.of(linkedObjectIdentifier)).encode(Tag.LINK, KmipVersion.V2_1));
    }

    /**
     * A custom attribute with a text value, named as in 1.x ({@code x-owner}: a client-defined
     * name starts with {@code x-}); in 2.x it is sent as a vendor attribute.
     */
    public static KmipAttribute custom(String name, String value) {
        return KmipAttribute.fromAttribute(new Attribute(null, name, null, Ttlv.text(Tag.ATTRIBUTE_VALUE, value)));
    }

    /**
     * Any attribute by its spec name ({@code "Cryptographic Algorithm"}) and value item; the
     * value's tag is replaced by the attribute's.
     *
     * @throws IllegalArgumentException for a name that is not a spec attribute name
     */
    public static KmipAttribute of(String specName, Ttlv value) {
        TagDef def = Registry.tagBySpecName(specName);
        if (def == null) {
            throw new IllegalArgumentException("attribute name: " + specName + " (expected: a KMIP attribute name such as Cryptographic Algorithm)");
        }
        return KmipAttribute.fromAttribute(new Attribute(null, specName, null, value));
    }

    /** The attributes of a Get Attributes response, whichever generation sent them. */
    public static List<KmipAttribute> of(GetAttributesResponsePayload response) {
        List<KmipAttribute> out = new ArrayList<>(KmipAttribute.fromAttributes(response.attributeList()));
        if (response.attributes() != null) {
            out.addAll(KmipAttribute.of(response.attributes()));
        }
        return out;
    }

    /** The first attribute named {@code specName} ({@code "State"}, {@code "x-owner"}) in {@code attributes}. */
    public static Optional<KmipAttribute> find(List<KmipAttribute> attributes, String specName) {
        for (KmipAttribute a : attributes) {
            if (a.name().equals(specName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The tag a spec attribute name ({@code "Cryptographic Length"}) stands for. */
    static int tagOf(String specName) {
        TagDef def = Registry.tagBySpecName(specName);
        if (def == null || def.type() == null) {
            throw new IllegalArgumentException("attribute name: " + specName + " (expected: a KMIP attribute name such as Cryptographic Algorithm)");
        }
        return def.code();
    }
}
