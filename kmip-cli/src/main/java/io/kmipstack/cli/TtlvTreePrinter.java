package io.kmipstack.cli;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Renders a TTLV tree for people: one item per line, two spaces of indent per level, then the tag
 * name, the item type in parentheses and the value.
 *
 * <pre>
 * RequestMessage (Structure)
 *   RequestHeader (Structure)
 *     ProtocolVersion (Structure)
 *       ProtocolVersionMajor (Integer) 1
 * </pre>
 *
 * Tags the registry does not know print as {@code 0x%06X}, unnamed enumeration values as
 * {@code 0x%08X}, mask Integers as their bit names, text quoted, Byte Strings and Big Integers in
 * hex, Date-Times in ISO-8601 UTC. A KMIP 1.x Attribute Value takes its enumeration from the
 * sibling Attribute Name, so {@code Cryptographic Algorithm} prints {@code AES}, not a number.
 */
final class TtlvTreePrinter {

    private TtlvTreePrinter() {
    }

    /** The tree, each line ending in {@code \n}. */
    static String print(Ttlv root) {
        StringBuilder sb = new StringBuilder();
        item(sb, root, 0, null);
        return sb.toString();
    }

    /** {@code valueTag} is the tag whose enumeration names this item's value, when not its own. */
    private static void item(StringBuilder sb, Ttlv t, int depth, TagDef valueTag) {
        sb.append("  ".repeat(depth)).append(Registry.tagName(t.tag()))
                .append(" (").append(t.type().xmlName()).append(')');
        if (t.isStructure()) {
            sb.append('\n');
            TagDef attribute = attributeNamed(t);
            for (Ttlv c : t.children()) {
                item(sb, c, depth + 1, c.tag() == Tag.ATTRIBUTE_VALUE ? attribute : null);
            }
            return;
        }
        sb.append(' ').append(value(t, valueTag != null ? valueTag : Registry.tag(t.tag()))).append('\n');
    }

    /** The tag a 1.x Attribute Name child names ("Cryptographic Algorithm"), or null. */
    private static TagDef attributeNamed(Ttlv structure) {
        Ttlv name = structure.child(Tag.ATTRIBUTE_NAME);
        return name != null && name.type() == ItemType.TEXT_STRING ? Registry.tagBySpecName(name.textValue()) : null;
    }

    private static String value(Ttlv t, TagDef def) {
        EnumDef names = def == null || def.enumeration() == null ? null : Registry.enumeration(def.enumeration());
        return switch (t.type()) {
            case ENUMERATION -> names != null && !names.isMask() ? names.format(t.intValue()) : hex8(t.intValue());
            case INTEGER -> names != null && names.isMask() ? names.formatMask(t.intValue()) : Integer.toString(t.intValue());
            case LONG_INTEGER, INTERVAL -> Long.toString(t.longValue());
            case BIG_INTEGER -> "0x" + t.bytesValue().toHex();
            case BOOLEAN -> Boolean.toString(t.booleanValue());
            case TEXT_STRING -> quote(t.textValue());
            case BYTE_STRING -> t.bytesValue().toHex();
            case DATE_TIME, DATE_TIME_EXTENDED -> instant(t);
            case STRUCTURE -> throw new AssertionError("structures have no single value");
        };
    }

    private static String instant(Ttlv t) {
        try {
            return t.instantValue().toString();
        } catch (DateTimeException e) {
            // Beyond Instant's range (about a billion years): show the raw count instead of failing.
            return t.longValue() + (t.type() == ItemType.DATE_TIME ? " s" : " us") + " since " + Instant.EPOCH;
        }
    }

    private static String hex8(int v) {
        return String.format("0x%08X", v);
    }

    /** Double-quoted, with quotes, backslashes and control characters escaped so each item stays on one line. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
