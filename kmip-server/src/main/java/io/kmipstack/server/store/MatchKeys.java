package io.kmipstack.server.store;

import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The indexable form of an attribute value for Locate's equality filters, computed from the
 * attribute item's TTLV encoding (tag, type, length, value; a custom attribute's item names its
 * vendor and attribute name too). Two items are equal exactly when their encodings are (the 1.x
 * Attribute Index is not part of the item), so equal keys find equal values.
 *
 * <p>An encoding shorter than {@link #RAW_LIMIT} bytes is its own key: {@code =} and its lowercase
 * hex. Identifiers (UUID version 7) and names that count up then sort in the order they are
 * created, so a new object's entry lands at the end of its part of the index instead of on a
 * random page, which is what each Create paid for with digests. A longer encoding is keyed by its
 * SHA-256 in lowercase hex (64 characters, never starting with {@code =}), which bounds the index
 * entry whatever the value; SHA-256 collisions are not a practical concern. The same text works
 * as a key in any SQL database, and the value itself is already stored in clear beside it.
 */
final class MatchKeys {

    /** Encodings shorter than this many bytes are kept as their hex; longer ones are digested. */
    static final int RAW_LIMIT = 128;

    private static final HexFormat HEX = HexFormat.of();

    private MatchKeys() {
    }

    static String of(Ttlv item) {
        return of(TtlvEncoder.encode(item));
    }

    static String of(byte[] encodedItem) {
        if (encodedItem.length < RAW_LIMIT) {
            return "=" + HEX.formatHex(encodedItem);
        }
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(encodedItem));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: not available", e);
        }
    }
}
