package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.util.Objects;

/**
 * A blob as read from a {@link DekStorage}, with the version to pass to
 * {@link DekStorage#replace} for a compare-and-swap: an opaque token that changes whenever the
 * blob is written (a counter, a content digest, an ETag, a KMIP unique identifier).
 */
public record StoredDek(String dekId, Bytes blob, String version) {

    public StoredDek {
        Objects.requireNonNull(dekId, "dekId");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(version, "version");
    }
}
