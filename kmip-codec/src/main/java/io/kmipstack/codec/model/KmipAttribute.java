package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One attribute of a managed object, the same whichever protocol generation carried it. KMIP 1.x
 * sends an {@link Attribute} whose Attribute Name is the attribute's spec name
 * ({@code "Cryptographic Algorithm"}) and whose Attribute Value holds the value under the
 * Attribute Value tag; KMIP 2.x sends the value under the attribute's own tag
 * ({@code CryptographicAlgorithm}) inside {@link Attributes}. This record keeps the 2.x item;
 * {@link #fromAttribute} and {@link #toAttribute} convert, so a 1.x "Cryptographic Algorithm"
 * and a 2.x CryptographicAlgorithm item are equal here.
 *
 * <p>Custom and vendor attributes: a 1.x name the registry does not know, such as {@code x-ID},
 * becomes the 2.x vendor form (an Attribute structure with Vendor Identification {@code x} and
 * Attribute Name {@code ID}), and back. The 1.x Attribute Index, which 2.x dropped, is kept in
 * {@link #index} (null when absent).
 */
public record KmipAttribute(Ttlv item, Integer index) {

    public KmipAttribute {
        Objects.requireNonNull(item, "item");
    }

    /** The attribute carried as {@code item}, a 2.x attribute item (or vendor Attribute structure). */
    public static KmipAttribute of(Ttlv item) {
        return new KmipAttribute(item, null);
    }

    /**
     * The attribute a 1.x Attribute (or a 2.x vendor Attribute) carries.
     *
     * @throws IllegalArgumentException if it has no value (as in Notify), or a name that is
     *     neither a spec attribute name nor of the vendor form {@code prefix-name}
     */
    public static KmipAttribute fromAttribute(Attribute attribute) {
        Ttlv value = attribute.attributeValue();
        String name = attribute.attributeName();
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + ": no value");
        }
        if (attribute.vendorIdentification() != null) {
            return new KmipAttribute(vendorItem(attribute.vendorIdentification(), name, value), attribute.attributeIndex());
        }
        TagDef def = Registry.tagBySpecName(name);
        if (def != null && def.code() != Tag.ATTRIBUTE) {
            return new KmipAttribute(FieldCodec.retag(value, def.code()), attribute.attributeIndex());
        }
        int dash = name.indexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            throw new IllegalArgumentException("attribute name: " + name
                    + " (expected: a spec attribute name, or a custom name such as x-Name)");
        }
        return new KmipAttribute(vendorItem(name.substring(0, dash), name.substring(dash + 1), value),
                attribute.attributeIndex());
    }

    private static Ttlv vendorItem(String vendor, String name, Ttlv value) {
        return Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.VENDOR_IDENTIFICATION, vendor), Ttlv.text(Tag.ATTRIBUTE_NAME, name),
                FieldCodec.retag(value, Tag.ATTRIBUTE_VALUE));
    }

    /** The attributes of a 2.x Attributes structure, in order. */
    public static List<KmipAttribute> of(Attributes attributes) {
        List<KmipAttribute> out = new ArrayList<>(attributes.items().size());
        for (Ttlv item : attributes.items()) {
            out.add(of(item));
        }
        return out;
    }

    /** The attributes of 1.x Attribute structures, in order. */
    public static List<KmipAttribute> fromAttributes(List<Attribute> attributes) {
        List<KmipAttribute> out = new ArrayList<>(attributes.size());
        for (Attribute a : attributes) {
            out.add(fromAttribute(a));
        }
        return out;
    }

    /** The 2.x Attributes structure holding {@code attributes}. */
    public static Attributes toAttributes(List<KmipAttribute> attributes) {
        List<Ttlv> items = new ArrayList<>(attributes.size());
        for (KmipAttribute a : attributes) {
            items.add(a.item());
        }
        return new Attributes(items);
    }

    /** The 1.x Attribute structures for {@code attributes}. */
    public static List<Attribute> toAttributeList(List<KmipAttribute> attributes) {
        List<Attribute> out = new ArrayList<>(attributes.size());
        for (KmipAttribute a : attributes) {
            out.add(a.toAttribute());
        }
        return out;
    }

    /**
     * This attribute as a 1.x Attribute: named by the tag's spec name, or {@code vendor-name} for
     * a vendor attribute, with the value under the Attribute Value tag.
     *
     * @throws IllegalStateException if the item's tag is not in the registry
     */
    public Attribute toAttribute() {
        if (isVendor()) {
            Attribute vendor = Attribute.decode(item);
            return new Attribute(null, vendor.vendorIdentification() + "-" + vendor.attributeName(), index,
                    vendor.attributeValue());
        }
        TagDef def = Registry.tag(item.tag());
        if (def == null) {
            throw new IllegalStateException(String.format("attribute tag 0x%06X: not in the registry (expected: a KMIP attribute)",
                    item.tag()));
        }
        return new Attribute(null, def.specName(), index, FieldCodec.retag(item, Tag.ATTRIBUTE_VALUE));
    }

    /** The attribute's tag: its own, or Attribute for a vendor attribute. */
    public int tag() {
        return item.tag();
    }

    /** True for a custom or vendor attribute (2.x: an Attribute structure). */
    public boolean isVendor() {
        return item.tag() == Tag.ATTRIBUTE;
    }

    /** The 1.x Attribute Name: the spec name ({@code "Cryptographic Algorithm"}) or {@code vendor-name}. */
    public String name() {
        if (isVendor()) {
            Attribute vendor = Attribute.decode(item);
            return vendor.vendorIdentification() + "-" + vendor.attributeName();
        }
        return Registry.tag(item.tag()) != null ? Registry.tag(item.tag()).specName() : Registry.tagName(item.tag());
    }

    /** The value item: the item itself, or a vendor attribute's Attribute Value. */
    public Ttlv value() {
        if (isVendor()) {
            Ttlv v = item.child(Tag.ATTRIBUTE_VALUE);
            if (v == null) {
                throw new IllegalStateException("vendor attribute " + name() + ": no value");
            }
            return v;
        }
        return item;
    }

    /** The value read as {@code schema}, e.g. {@code Name::decode} or {@code Link::decode}. */
    public <T> T as(Function<Ttlv, T> schema) {
        return schema.apply(value());
    }
}
