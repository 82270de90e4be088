package io.kmipstack.server.store;

import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The indexable form of an attribute value for Locate's equality filters: the lowercase hex
 * SHA-256 of the attribute item's TTLV encoding (tag, type, length, value; a custom attribute's
 * item names its vendor and attribute name too). Two items are equal exactly when their encodings
 * are (the 1.x Attribute Index is not part of the item), so equal digests find equal values;
 * SHA-256 collisions are not a practical concern. A fixed 64 characters keeps the (tag, match_key)
 * index small whatever the values, and the same text works as a key in any SQL database.
 */
final class MatchKeys {

    private static final HexFormat HEX = HexFormat.of();

    private MatchKeys() {
    }

    static String of(Ttlv item) {
        return of(TtlvEncoder.encode(item));
    }

    static String of(byte[] encodedItem) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(encodedItem));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: not available", e);
        }
    }
}
