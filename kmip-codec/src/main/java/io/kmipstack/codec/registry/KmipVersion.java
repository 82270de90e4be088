package io.kmipstack.codec.registry;

import java.util.List;

/**
 * A KMIP protocol version (Protocol Version structure: major, minor). The known versions are
 * constants; any other pair can still be represented, because Discover Versions may name versions
 * this library does not speak.
 */
public record KmipVersion(int major, int minor) implements Comparable<KmipVersion> {

    public static final KmipVersion V1_0 = new KmipVersion(1, 0);
    public static final KmipVersion V1_1 = new KmipVersion(1, 1);
    public static final KmipVersion V1_2 = new KmipVersion(1, 2);
    public static final KmipVersion V1_3 = new KmipVersion(1, 3);
    public static final KmipVersion V1_4 = new KmipVersion(1, 4);
    public static final KmipVersion V2_0 = new KmipVersion(2, 0);
    public static final KmipVersion V2_1 = new KmipVersion(2, 1);

    /** Every version this library speaks, oldest first. */
    public static final List<KmipVersion> SUPPORTED = List.of(V1_0, V1_1, V1_2, V1_3, V1_4, V2_0, V2_1);

    public KmipVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version: " + major + "." + minor + " (expected: >= 0.0)");
        }
    }

    /** Parses {@code "1.4"}. */
    public static KmipVersion parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("version: " + text + " (expected: MAJOR.MINOR)");
        }
        try {
            return new KmipVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version: " + text + " (expected: MAJOR.MINOR)", e);
        }
    }

    /** True for 2.0 and later, where attributes are typed and Template-Attribute is gone. */
    public boolean isV2() {
        return major >= 2;
    }

    public boolean atLeast(KmipVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KmipVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
