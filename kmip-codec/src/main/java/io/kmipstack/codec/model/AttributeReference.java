package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.util.Objects;

/**
 * Attribute Reference (KMIP 2.1 section 5.5; since 2.0): names an attribute without a value,
 * either by its tag (an Enumeration of the Tag enumeration, e.g. {@code State}) or, for a vendor
 * attribute, by Vendor Identification and Attribute Name (a Structure).
 */
public sealed interface AttributeReference permits AttributeReference.ByTag, AttributeReference.Vendor {

    /** The attribute whose tag is {@code tag} ({@code Tag.STATE}). */
    static AttributeReference of(int tag) {
        return new ByTag(tag);
    }

    /** The vendor attribute {@code name} of {@code vendorIdentification}. */
    static AttributeReference vendor(String vendorIdentification, String name) {
        return new Vendor(vendorIdentification, name);
    }

    /**
     * Decodes an Enumeration or Structure item.
     *
     * @throws KmipDecodingException for any other item type or a malformed structure
     */
    static AttributeReference decode(Ttlv item) {
        return switch (item.type()) {
            case ENUMERATION -> new ByTag(item.intValue());
            case STRUCTURE -> Vendor.decode(item);
            default -> throw new KmipDecodingException(ResultReason.INVALID_MESSAGE, Registry.tagName(item.tag())
                    + ": type " + item.type().xmlName() + " (expected: Enumeration or Structure)");
        };
    }

    Ttlv encode(int tag, KmipVersion v);

    /** Writes the bytes of {@link #encode} into {@code w}. */
    void writeTo(TtlvWriter w, int tag, KmipVersion v);

    /** A reference by tag code. */
    record ByTag(int tag) implements AttributeReference {

        @Override
        public Ttlv encode(int itemTag, KmipVersion v) {
            return Ttlv.enumeration(itemTag, tag);
        }

        @Override
        public void writeTo(TtlvWriter w, int itemTag, KmipVersion v) {
            w.enumeration(itemTag, tag);
        }

        @Override
        public String toString() {
            return Registry.tagName(tag);
        }
    }

    /** A reference to a vendor attribute. */
    record Vendor(String vendorIdentification, String attributeName) implements AttributeReference {

        public Vendor {
            Objects.requireNonNull(vendorIdentification, "vendorIdentification");
            Objects.requireNonNull(attributeName, "attributeName");
        }

        static Vendor decode(Ttlv item) {
            String vendor = null;
            String name = null;
            Ttlv c = null;
            try {
                for (Ttlv child : item.children()) {
                    c = child;
                    switch (c.tag()) {
                        case Tag.VENDOR_IDENTIFICATION -> {
                            if (vendor != null) {
                                throw FieldCodec.repeated("AttributeReference", "VendorIdentification");
                            }
                            vendor = FieldCodec.text(c, "AttributeReference");
                        }
                        case Tag.ATTRIBUTE_NAME -> {
                            if (name != null) {
                                throw FieldCodec.repeated("AttributeReference", "AttributeName");
                            }
                            name = FieldCodec.text(c, "AttributeReference");
                        }
                        default -> throw FieldCodec.unexpected("AttributeReference", c);
                    }
                }
                c = null;
                if (vendor == null) {
                    throw FieldCodec.missing("AttributeReference", "VendorIdentification");
                }
                if (name == null) {
                    throw FieldCodec.missing("AttributeReference", "AttributeName");
                }
                return new Vendor(vendor, name);
            } catch (KmipDecodingException e) {
                throw e.within(c);
            }
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            return Ttlv.structure(tag, Ttlv.text(Tag.VENDOR_IDENTIFICATION, vendorIdentification),
                    Ttlv.text(Tag.ATTRIBUTE_NAME, attributeName));
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            int mark = w.beginStructure(tag);
            w.text(Tag.VENDOR_IDENTIFICATION, vendorIdentification);
            w.text(Tag.ATTRIBUTE_NAME, attributeName);
            w.endStructure(mark);
        }

        @Override
        public String toString() {
            return vendorIdentification + "-" + attributeName;
        }
    }
}
