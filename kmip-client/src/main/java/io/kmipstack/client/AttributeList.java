package io.kmipstack.client;

import io.kmipstack.codec.model.Attributes;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.TemplateAttribute;
import io.kmipstack.codec.registry.KmipVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes a call collects once and writes per version: a 1.x Template-Attribute, a 2.x
 * Attributes structure, or a 1.x list of Attribute structures. A later attribute with the same
 * tag replaces an earlier single-valued one (algorithm, length, usage mask), so {@code aes(128)
 * .length(256)} means 256; names and custom attributes accumulate.
 */
final class AttributeList {

    private final List<KmipAttribute> items = new ArrayList<>();

    void set(KmipAttribute a) {
        items.removeIf(x -> x.tag() == a.tag() && !x.isVendor());
        items.add(a);
    }

    void add(KmipAttribute a) {
        items.add(a);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    List<KmipAttribute> items() {
        return List.copyOf(items);
    }

    /** The 1.x Template-Attribute, or null in 2.x or when empty and {@code required} is false. */
    TemplateAttribute template(KmipVersion v, boolean required) {
        if (v.isV2() || (items.isEmpty() && !required)) {
            return null;
        }
        return new TemplateAttribute(List.of(), KmipAttribute.toAttributeList(items));
    }

    /** The 2.x Attributes, or null in 1.x or when empty and {@code required} is false. */
    Attributes attributes(KmipVersion v, boolean required) {
        if (!v.isV2() || (items.isEmpty() && !required)) {
            return null;
        }
        return KmipAttribute.toAttributes(items);
    }
}
