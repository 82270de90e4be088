package io.kmipstack.ckms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;

/**
 * The rules for DEK ids shared by the wrapping KMS and the storages: 1 to {@value #MAX_BYTES}
 * UTF-8 bytes, no control characters (they end up in file names, KMIP Names and log lines).
 * Ids sort by their UTF-8 bytes, the order S3 lists keys in.
 */
final class DekIds {

    static final int MAX_BYTES = 200;

    /** Ascending UTF-8 byte order (differs from {@code String.compareTo} only beyond the BMP). */
    static final Comparator<String> ORDER = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private DekIds() {
    }

    static String check(String dekId) {
        Objects.requireNonNull(dekId, "dekId");
        int n = dekId.getBytes(StandardCharsets.UTF_8).length;
        if (n == 0 || n > MAX_BYTES) {
            throw new IllegalArgumentException("dek id length: " + n + " bytes (expected: 1 to " + MAX_BYTES + ")");
        }
        for (int i = 0; i < dekId.length(); i++) {
            if (Character.isISOControl(dekId.charAt(i))) {
                throw new IllegalArgumentException("dek id: control character at index " + i + " (expected: printable text)");
            }
        }
        return dekId;
    }

    /**
     * The id in ASCII: {@code A-Z a-z 0-9 - _ .} kept (a leading dot escaped), every other UTF-8
     * byte as {@code %XX}. Reversible, and safe in file names and in KMIP text attributes of
     * servers that mishandle non-ASCII text (PyKMIP 0.10 fails to parse it).
     */
    static String encode(String id) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean plain = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
                    || (b == '.' && i > 0);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /** The id {@link #encode} made {@code name} from, or null for a name it would not have made. */
    static String decode(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return null;
                }
                int hi = Character.digit(name.charAt(i + 1), 16);
                int lo = Character.digit(name.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                return null;
            }
        }
        String id = new String(out.toByteArray(), StandardCharsets.UTF_8);
        // Only the canonical spelling counts, so one id never lists twice.
        return id.isEmpty() || !encode(id).equals(name) ? null : id;
    }

    static int checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("list limit: " + limit + " (expected: >= 1)");
        }
        return limit;
    }
}
