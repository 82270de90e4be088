package io.kmipstack.codec.xml;

import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;
import java.util.Objects;

/**
 * Supplies the values the OASIS KMIP test cases leave open. A test case writes a value the server
 * chooses or the run determines as a placeholder, {@code value="$NAME"}: {@code $NOW},
 * {@code $NOW-3600}, {@code $NOW+3600}, {@code $UNIQUE_IDENTIFIER_n},
 * {@code $SHORT_UNIQUE_IDENTIFIER_n}, {@code $IV_COUNTER_NONCE},
 * {@code $AUTHENTICATED_ENCRYPTION_TAG}, {@code $SIGNATURE_DATA}, {@code $MAC_DATA},
 * {@code $CORRELATION_VALUE}, {@code $DATA_n}, {@code $KEY_MATERIAL_n}, {@code $KEY_VALUE_n}.
 * {@link KmipXml} calls the resolver for every value that starts with {@code $} followed by a
 * letter; the resolver answers with the item to use, or {@code null} to read the text as an
 * ordinary value of the declared type (a Text String then keeps it literally).
 */
@FunctionalInterface
public interface ValueResolver {

    /**
     * The item for {@code placeholder} (the whole attribute text, {@code "$NOW-3600"}) at
     * {@code tag} declared with {@code type}, or {@code null}. A returned item must have that
     * tag and type.
     */
    Ttlv resolve(int tag, ItemType type, String placeholder);

    /** Resolves nothing: every placeholder is read as an ordinary value. */
    static ValueResolver none() {
        return (tag, type, placeholder) -> null;
    }

    /**
     * Stable stand-ins, for tests that read the test cases without a server: {@code $NOW} (with an
     * optional {@code +n}/{@code -n} seconds) becomes {@code now}; a Byte String placeholder
     * becomes 16 bytes derived from its name, the same each time; a Text String keeps the
     * placeholder text. Any other placeholder is left to ordinary parsing.
     */
    static ValueResolver fixed(Instant now) {
        return new FixedValueResolver(Objects.requireNonNull(now, "now"));
    }
}
