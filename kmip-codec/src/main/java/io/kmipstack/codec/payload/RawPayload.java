package io.kmipstack.codec.payload;

import io.kmipstack.codec.model.FieldCodec;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.util.Objects;

/**
 * A request or response payload kept as its TTLV structure: the payload of an operation this
 * library has no schema for (a vendor operation, or one added by a later version), or of a
 * response batch item without an Operation. It re-encodes verbatim; no version check applies,
 * since nothing is known about its content.
 */
public record RawPayload(Ttlv item) implements RequestPayload, ResponsePayload {

    public RawPayload {
        Objects.requireNonNull(item, "item");
    }

    /**
     * Keeps {@code item}, which must be a Structure.
     *
     * @throws io.kmipstack.codec.model.KmipDecodingException for any other item type
     */
    public static RawPayload decode(Ttlv item) {
        FieldCodec.requireStructure(item, "Payload");
        return new RawPayload(item);
    }

    /** The item as it was, under its own tag. */
    @Override
    public Ttlv encode(KmipVersion v) {
        return item;
    }

    @Override
    public Ttlv encode(int tag, KmipVersion v) {
        return FieldCodec.retag(item, tag);
    }

    @Override
    public void writeTo(TtlvWriter w, KmipVersion v) {
        w.write(item);
    }

    @Override
    public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
        w.write(tag, item);
    }
}
