package io.kmipstack.conformance;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code $NAME} value of a test-case file. Two families exist in the OASIS vectors:
 * {@code $NOW}, {@code $NOW-n}, {@code $NOW+n} (a time relative to the run), and named values the
 * server chooses ({@code $UNIQUE_IDENTIFIER_n}, {@code $SHORT_UNIQUE_IDENTIFIER_n},
 * {@code $DATA_n}, {@code $KEY_MATERIAL_n}, {@code $KEY_VALUE_n}, {@code $IV_COUNTER_NONCE},
 * {@code $AUTHENTICATED_ENCRYPTION_TAG}, {@code $SIGNATURE_DATA}, {@code $MAC_DATA},
 * {@code $CORRELATION_VALUE}). A name ending in {@code _n} is indexed: it names one value for the
 * whole file. A name without index names the server's latest such value.
 */
record Placeholder(String text, boolean now, long offsetSeconds, boolean indexed) {

    private static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d{1,10}))?");
    private static final Pattern INDEXED = Pattern.compile("\\$[A-Z][A-Z0-9_]*_\\d+");
    static final String UNIQUE_IDENTIFIER = "$UNIQUE_IDENTIFIER_";

    Placeholder {
        Objects.requireNonNull(text, "text");
    }

    static Placeholder parse(String text) {
        Matcher m = NOW.matcher(text);
        if (m.matches()) {
            long offset = m.group(1) == null ? 0 : Long.parseLong(m.group(2));
            return new Placeholder(text, true, "-".equals(m.group(1)) ? -offset : offset, false);
        }
        return new Placeholder(text, false, 0, INDEXED.matcher(text).matches());
    }

    /** A server-assigned Unique Identifier, which must differ from every other one bound in the file. */
    boolean isUniqueIdentifier() {
        return text.startsWith(UNIQUE_IDENTIFIER);
    }

    @Override
    public String toString() {
        return text;
    }
}
