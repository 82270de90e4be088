package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;

/**
 * The version gate of a 1.x {@link Attribute} (KMIP 1.4 section 2.1.1) that its generated field
 * gates cannot give: the Attribute Value is kept raw, its type depending on the Attribute Name,
 * so {@code Attribute.encode} calls {@link #check} (schema option {@code check=}) to refuse, with
 * {@link KmipEncodingException}, an attribute the target version does not define:
 * <ul>
 *   <li>by name: a spec name ({@code "Alternative Name"}, since 1.2) whose tag the version does
 *       not define, or a name that is no attribute at all. Custom names ({@code x-...} set by a
 *       client, {@code y-...} by a server; 1.4 section 3.39) and the names of a 2.x vendor
 *       attribute (one with a Vendor Identification) are the owner's and pass;
 *   <li>by value: any item in the Attribute Value whose tag, enumeration value or mask bit the
 *       version does not define (a Cryptographic Parameters value holding the 1.2 Random IV field,
 *       say). Tags and values the registry does not know (extensions, vendor values) pass, as
 *       elsewhere in the model.
 * </ul>
 * Messages name the attribute, the item path and the versions, never a value.
 */
final class AttributeVersionCheck {

    private AttributeVersionCheck() {
    }

    static void check(Attribute attribute, KmipVersion v) {
        String name = attribute.attributeName();
        TagDef named = null;
        if (attribute.vendorIdentification() == null && !name.startsWith("x-") && !name.startsWith("y-")) {
            named = Registry.tagBySpecName(name);
            if (named == null) {
                throw new KmipEncodingException("Attribute.AttributeName: " + name + " is not a KMIP attribute name"
                        + " (expected: a spec name, or a custom name starting x- or y-)");
            }
            if (!named.definedIn(v)) {
                throw new KmipEncodingException("Attribute " + name + ": not defined in KMIP " + v + " (defined "
                        + range(named) + ")");
            }
        }
        Ttlv value = attribute.attributeValue();
        if (value != null) {
            // The value's own tag is Attribute Value; its enumeration or mask is the named attribute's.
            String problem = undefined(value, named == null ? null : named.enumeration(), v);
            if (problem != null) {
                throw new KmipEncodingException("Attribute " + name + ": AttributeValue" + problem);
            }
        }
    }

    /**
     * What {@code v} lacks in {@code item} or below, as {@code "/child/path: ..."} relative to
     * {@code item}, or null. The path is built only for a problem, on the way back up: every
     * encoding of a 1.x attribute runs this.
     */
    private static String undefined(Ttlv item, String enumeration, KmipVersion v) {
        TagDef def = Registry.tag(item.tag());
        if (def != null && !def.definedIn(v)) {
            return ": not defined in KMIP " + v + " (defined " + range(def) + ")";
        }
        if (item.isStructure()) {
            for (Ttlv child : item.children()) {
                TagDef c = Registry.tag(child.tag());
                String d = undefined(child, c == null ? null : c.enumeration(), v);
                if (d != null) {
                    return "/" + Registry.tagName(child.tag()) + d;
                }
            }
            return null;
        }
        EnumDef values = enumeration == null ? null : Registry.enumeration(enumeration);
        if (values == null) {
            return null;
        }
        if (item.type() == ItemType.ENUMERATION && !values.isMask()) {
            EnumValueDef e = values.byCode(item.intValue());
            if (e != null && !e.definedIn(v)) {
                return ": value " + e.name() + " not defined in KMIP " + v + " (defined " + range(e) + ")";
            }
        } else if (item.type() == ItemType.INTEGER && values.isMask()) {
            for (int rest = item.intValue(); rest != 0; rest &= rest - 1) {
                EnumValueDef bit = values.byCode(Integer.lowestOneBit(rest));
                if (bit != null && !bit.definedIn(v)) {
                    return ": bit " + bit.name() + " not defined in KMIP " + v + " (defined " + range(bit) + ")";
                }
            }
        }
        return null;
    }

    private static String range(TagDef def) {
        return def.until() == null ? "since " + def.since() : def.since() + " to " + def.until();
    }

    private static String range(EnumValueDef def) {
        return def.until() == null ? "since " + def.since() : def.since() + " to " + def.until();
    }
}
