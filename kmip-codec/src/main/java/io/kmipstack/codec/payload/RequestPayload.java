package io.kmipstack.codec.payload;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;

/**
 * The Request Payload of a batch item (KMIP 1.4 section 7.2, 2.1 section 8.3), whose content
 * depends on the operation. Each operation with a schema has a generated record implementing this
 * ({@code CreateRequestPayload}, ...); any other is a {@link RawPayload}. {@link RequestPayloads}
 * decodes by operation and names a payload's operation.
 */
public interface RequestPayload {

    /**
     * Encodes under the Request Payload tag for version {@code v}.
     *
     * @throws io.kmipstack.codec.model.KmipEncodingException if {@code v} does not define a present
     *     field or value
     */
    Ttlv encode(KmipVersion v);

    /** Encodes under {@code tag} for version {@code v}. */
    Ttlv encode(int tag, KmipVersion v);

    /**
     * Writes the bytes of {@link #encode(KmipVersion)} into {@code w}, refusing the same way. The
     * generated payloads and {@link RawPayload} write directly; this default goes through the tree.
     */
    default void writeTo(TtlvWriter w, KmipVersion v) {
        w.write(encode(v));
    }

    /** Writes the bytes of {@link #encode(int, KmipVersion)} into {@code w}, refusing the same way. */
    default void writeTo(TtlvWriter w, int tag, KmipVersion v) {
        w.write(encode(tag, v));
    }
}
