package io.kmipstack.server.object;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.AttributeReference;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import java.util.Objects;

/**
 * Which attribute an instance belongs to: a standard attribute by its tag, or a custom/vendor
 * attribute by vendor identification and name (1.x {@code x-Name} is vendor {@code x}, name
 * {@code Name}). Two instances with equal keys are instances of the same attribute.
 */
public record AttributeKey(int tag, String vendor, String name) {

    public AttributeKey {
        if (tag == Tag.ATTRIBUTE) {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(name, "name");
        }
    }

    /** The standard attribute with {@code tag}. */
    public static AttributeKey of(int tag) {
        return new AttributeKey(tag, null, null);
    }

    /** The vendor attribute {@code name} of {@code vendor}. */
    public static AttributeKey vendor(String vendor, String name) {
        return new AttributeKey(Tag.ATTRIBUTE, vendor, name);
    }

    /** The attribute {@code attribute} is an instance of. */
    public static AttributeKey of(KmipAttribute attribute) {
        if (attribute.isVendor()) {
            Attribute a = Attribute.decode(attribute.item());
            return vendor(a.vendorIdentification(), a.attributeName());
        }
        return of(attribute.tag());
    }

    /** The attribute a 2.x Attribute Reference names. */
    public static AttributeKey of(AttributeReference reference) {
        if (reference instanceof AttributeReference.Vendor v) {
            return vendor(v.vendorIdentification(), v.attributeName());
        }
        return of(((AttributeReference.ByTag) reference).tag());
    }

    /**
     * The attribute a 1.x Attribute Name names: a spec name, or a custom name {@code prefix-name}.
     *
     * @return null if it is neither
     */
    public static AttributeKey ofName(String attributeName) {
        TagDef def = Registry.tagBySpecName(attributeName);
        if (def != null && def.code() != Tag.ATTRIBUTE) {
            return of(def.code());
        }
        int dash = attributeName.indexOf('-');
        if (dash <= 0 || dash == attributeName.length() - 1) {
            return null;
        }
        return vendor(attributeName.substring(0, dash), attributeName.substring(dash + 1));
    }

    public boolean isVendor() {
        return tag == Tag.ATTRIBUTE;
    }

    /** The rules of a standard attribute; null for vendor attributes and unknown tags. */
    public AttributeDef def() {
        return isVendor() ? null : AttributeDefs.of(tag);
    }

    /** The 1.x Attribute Name. */
    public String specName() {
        if (isVendor()) {
            return vendor + "-" + name;
        }
        TagDef def = Registry.tag(tag);
        return def != null ? def.specName() : Registry.tagName(tag);
    }

    /** The 2.x Attribute Reference. */
    public AttributeReference reference() {
        return isVendor() ? AttributeReference.vendor(vendor, name) : AttributeReference.of(tag);
    }

    @Override
    public String toString() {
        return isVendor() ? vendor + "-" + name : Registry.tagName(tag);
    }
}
