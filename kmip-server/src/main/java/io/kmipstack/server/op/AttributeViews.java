package io.kmipstack.server.op;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.Attributes;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Attributes as a client of a given version sees them. Attributes its version does not define
 * (Short Unique Identifier or Key Format Type to a 1.x client, Operation Policy Name to a 2.x
 * client) are left out rather than refused: the same object serves every version. A 1.x client
 * gets Attribute structures named by spec name, with the Attribute Index when it is not 0; a 2.x
 * client gets the items under their own tags.
 */
final class AttributeViews {

    // The identifying attributes first, then the rest by spec name; custom attributes lead, in the
    // order they were added. (The OASIS reference server lists them the same way.)
    private static final List<Integer> LEADING = List.of(Tag.UNIQUE_IDENTIFIER, Tag.SHORT_UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE,
            Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH);

    private AttributeViews() {
    }

    /** True when a client of {@code version} may see {@code a}. */
    static boolean visible(KmipAttribute a, KmipVersion version) {
        if (a.isVendor()) {
            return true;
        }
        AttributeDef def = AttributeKey.of(a.tag()).def();
        return def != null && def.definedIn(version);
    }

    /** The attributes in presentation order, those {@code version} does not define left out. */
    static List<KmipAttribute> presented(List<KmipAttribute> attributes, KmipVersion version) {
        List<KmipAttribute> out = new ArrayList<>(attributes.size());
        for (KmipAttribute a : attributes) {
            if (visible(a, version)) {
                out.add(a);
            }
        }
        out.sort(ORDER);
        return out;
    }

    private static final Comparator<KmipAttribute> ORDER = Comparator
            .comparingInt((KmipAttribute a) -> a.isVendor() ? 0 : LEADING.contains(a.tag()) ? 1 : 2)
            .thenComparingInt(a -> a.isVendor() ? 0 : LEADING.contains(a.tag()) ? LEADING.indexOf(a.tag()) : 0)
            .thenComparing(a -> a.isVendor() ? "" : AttributeKey.of(a.tag()).specName())
            .thenComparingInt(a -> a.index() == null ? 0 : a.index());

    /** The 1.x Attribute of an instance: index shown only when not 0. */
    static Attribute v1(KmipAttribute a) {
        Integer index = a.index() == null || a.index() == 0 ? null : a.index();
        return new KmipAttribute(a.item(), index).toAttribute();
    }

    static List<Attribute> v1(List<KmipAttribute> attributes) {
        List<Attribute> out = new ArrayList<>(attributes.size());
        for (KmipAttribute a : attributes) {
            out.add(v1(a));
        }
        return out;
    }

    static Attributes v2(List<KmipAttribute> attributes) {
        return KmipAttribute.toAttributes(attributes);
    }
}
