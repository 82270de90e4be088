package io.kmipstack.ckms;

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

    static int checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("list limit: " + limit + " (expected: >= 1)");
        }
        return limit;
    }
}
