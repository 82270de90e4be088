package io.kmipstack.codec;

import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.List;

/**
 * Locates the first difference between two TTLV trees and describes it by tag path, so that a
 * failing round trip says where it broke without dumping the message. Byte String and Big
 * Integer values are never printed (they may be key material), only their lengths.
 */
final class TtlvDiff {

    private TtlvDiff() {
    }

    /** Returns null when the trees are equal, else a one-line description of the first difference. */
    static String firstDifference(Ttlv expected, Ttlv actual) {
        return compare(expected, actual, "");
    }

    private static String compare(Ttlv expected, Ttlv actual, String parent) {
        String path = parent + "/" + name(expected.tag());
        if (expected.tag() != actual.tag()) {
            return path + ": tag " + name(actual.tag()) + " (expected: " + name(expected.tag()) + ")";
        }
        if (expected.type() != actual.type()) {
            return path + ": type " + actual.type().xmlName() + " (expected: " + expected.type().xmlName() + ")";
        }
        if (expected.type() == ItemType.STRUCTURE) {
            List<Ttlv> e = expected.children();
            List<Ttlv> a = actual.children();
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                String d = compare(e.get(i), a.get(i), path);
                if (d != null) {
                    return d;
                }
            }
            if (e.size() != a.size()) {
                Ttlv extra = e.size() > a.size() ? e.get(a.size()) : a.get(e.size());
                return path + ": " + a.size() + " children (expected: " + e.size() + "), first unmatched "
                        + name(extra.tag());
            }
            return null;
        }
        if (expected.equals(actual)) {
            return null;
        }
        return path + ": value " + describe(actual) + " (expected: " + describe(expected) + ")";
    }

    private static String describe(Ttlv item) {
        return switch (item.type()) {
            case BYTE_STRING -> "ByteString[len=" + item.bytesValue().length() + "]";
            case BIG_INTEGER -> "BigInteger[redacted]";
            case TEXT_STRING -> '"' + item.textValue() + '"';
            case INTEGER, ENUMERATION -> String.format("0x%08X", item.intValue());
            case BOOLEAN -> String.valueOf(item.booleanValue());
            default -> String.valueOf(item.longValue());
        };
    }

    private static String name(int tag) {
        return Registry.tagName(tag);
    }
}
