package io.kmipstack.codec.testcase;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first difference between two TTLV trees, depth first, and names it by tag path
 * ({@code ResponseMessage/BatchItem[1]/ResultStatus}) with both values in words. Byte String and
 * Big Integer values (and Password text) are shown as their length and a SHA-256 fingerprint,
 * never as content, so a report about a wrapped key does not print the key.
 */
public final class TreeDiff {

    private TreeDiff() {
    }

    /** Where two trees first differ. {@code expected}/{@code actual} are human-readable. */
    public record Difference(String path, String expected, String actual) {
        @Override
        public String toString() {
            return path + ": expected " + expected + ", got " + actual;
        }
    }

    /** The first difference, or empty when the trees are equal. */
    public static Optional<Difference> first(Ttlv expected, Ttlv actual) {
        return Optional.ofNullable(diff(expected, actual, Registry.tagName(expected.tag())));
    }

    private static Difference diff(Ttlv e, Ttlv a, String path) {
        if (e.tag() != a.tag()) {
            return new Difference(path, Registry.tagName(e.tag()), Registry.tagName(a.tag()));
        }
        if (e.type() != a.type()) {
            return new Difference(path, e.type().xmlName(), a.type().xmlName());
        }
        if (e.type() != ItemType.STRUCTURE) {
            return e.equals(a) ? null : new Difference(path, describe(e), describe(a));
        }
        List<Ttlv> ec = e.children();
        List<Ttlv> ac = a.children();
        int n = Math.min(ec.size(), ac.size());
        for (int i = 0; i < n; i++) {
            Difference d = diff(ec.get(i), ac.get(i), path + "/" + step(ec, i));
            if (d != null) {
                return d;
            }
        }
        if (ec.size() > n) {
            return new Difference(path + "/" + step(ec, n), "present", "absent");
        }
        if (ac.size() > n) {
            return new Difference(path + "/" + step(ac, n), "absent", "present");
        }
        return null;
    }

    // "Name" for the only child with that tag, "Name[k]" (0-based among its tag) otherwise.
    static String step(List<Ttlv> siblings, int index) {
        int tag = siblings.get(index).tag();
        int ordinal = 0;
        int count = 0;
        for (int i = 0; i < siblings.size(); i++) {
            if (siblings.get(i).tag() == tag) {
                if (i < index) {
                    ordinal++;
                }
                count++;
            }
        }
        String name = Registry.tagName(tag);
        return count == 1 ? name : name + "[" + ordinal + "]";
    }

    /** A value in words: enumeration names, mask words, text in quotes, bytes as a fingerprint. */
    public static String describe(Ttlv item) {
        return switch (item.type()) {
            case STRUCTURE -> "Structure(" + item.children().size() + " items)";
            case ENUMERATION, INTEGER -> {
                TagDef def = Registry.tag(item.tag());
                EnumDef en = def == null || def.enumeration() == null ? null : Registry.enumeration(def.enumeration());
                if (en == null) {
                    yield String.valueOf(item.intValue());
                }
                yield en.isMask() ? en.formatMask(item.intValue()) : en.format(item.intValue());
            }
            // A password is a secret like key material; other text is shown.
            case TEXT_STRING -> item.tag() == Tag.PASSWORD
                    ? fingerprint(Bytes.wrap(item.textValue().getBytes(StandardCharsets.UTF_8)))
                    : "\"" + item.textValue() + "\"";
            case BOOLEAN -> String.valueOf(item.booleanValue());
            case BYTE_STRING, BIG_INTEGER -> fingerprint(item.bytesValue());
            case DATE_TIME, DATE_TIME_EXTENDED -> item.instantValue().toString();
            default -> String.valueOf(item.longValue());
        };
    }

    private static String fingerprint(Bytes b) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toByteArray());
            return b.length() + " bytes, sha256 " + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
