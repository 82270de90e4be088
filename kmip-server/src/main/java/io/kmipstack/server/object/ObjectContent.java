package io.kmipstack.server.object;

import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.Template;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;

/**
 * The stored form of a managed object's content ({@link io.kmipstack.server.store.StoredObject#content}):
 * the binary TTLV of its structure (Symmetric Key, Certificate, ...), the same whatever protocol
 * version registered it. Templates, which 2.0 removed, are written as 1.4 structures; everything
 * else as 2.1, whose object structures are those of 1.x with optional fields added.
 */
public final class ObjectContent {

    // Stored content is our own output, but a certificate or opaque object can be large.
    private static final TtlvDecoder DECODER = TtlvDecoder.create(new TtlvLimits(64 << 20, TtlvLimits.DEFAULT_MAX_DEPTH));

    private ObjectContent() {
    }

    public static Bytes encode(ManagedObject object) {
        KmipVersion v = object instanceof Template ? KmipVersion.V1_4 : KmipVersion.V2_1;
        return Bytes.wrap(TtlvEncoder.encode(object.encode(v)));
    }

    public static ManagedObject decode(Bytes content) {
        return ManagedObject.decode(DECODER.decode(content.toByteArray()));
    }
}
