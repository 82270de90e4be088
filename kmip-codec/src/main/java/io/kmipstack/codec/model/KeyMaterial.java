package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.util.Objects;
import java.util.function.Function;

/**
 * Key Material (KMIP 1.4 section 2.1.4, 2.1 section 3.2): a Byte String for the encoded formats
 * (Raw, Opaque, PKCS#1, PKCS#8, X.509, ECPrivateKey) or a structure for the Transparent formats.
 * Which transparent structure it is depends on the Key Format Type of the enclosing Key Block, so
 * the structure is kept as decoded and read through a generated record on demand:
 * {@code material.as(TransparentRSAPublicKey::decode)}.
 */
public sealed interface KeyMaterial permits KeyMaterial.Raw, KeyMaterial.Transparent {

    /** Encoded key bytes. */
    static KeyMaterial of(Bytes bytes) {
        return new Raw(bytes);
    }

    /** A transparent key structure, such as {@code TransparentSymmetricKey.encode(v)} gives. */
    static KeyMaterial transparent(Ttlv structure) {
        return new Transparent(structure);
    }

    /**
     * Decodes a Byte String or Structure item.
     *
     * @throws KmipDecodingException for any other item type
     */
    static KeyMaterial decode(Ttlv item) {
        return switch (item.type()) {
            case BYTE_STRING -> new Raw(item.bytesValue());
            case STRUCTURE -> new Transparent(item);
            default -> throw new KmipDecodingException(ResultReason.INVALID_MESSAGE, Registry.tagName(item.tag())
                    + ": type " + item.type().xmlName() + " (expected: ByteString or Structure)");
        };
    }

    Ttlv encode(int tag, KmipVersion v);

    /** Writes the bytes of {@link #encode} into {@code w}. */
    void writeTo(TtlvWriter w, int tag, KmipVersion v);

    /** The material of an encoded key format. */
    record Raw(Bytes bytes) implements KeyMaterial {

        public Raw {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            return Ttlv.bytes(tag, bytes);
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            w.bytes(tag, bytes);
        }
    }

    /** The structure of a transparent key format, as decoded. */
    record Transparent(Ttlv structure) implements KeyMaterial {

        public Transparent {
            Objects.requireNonNull(structure, "structure");
            if (structure.type() != ItemType.STRUCTURE) {
                throw new IllegalArgumentException("transparent key material: type " + structure.type().xmlName()
                        + " (expected: Structure)");
            }
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            return FieldCodec.retag(structure, tag);
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            w.write(tag, structure);
        }
    }

    /**
     * This material read as {@code schema}.
     *
     * @throws IllegalStateException for encoded (Byte String) material
     */
    default <T> T as(Function<Ttlv, T> schema) {
        if (this instanceof Transparent t) {
            return schema.apply(t.structure());
        }
        throw new IllegalStateException("key material: Byte String (expected: a transparent key structure)");
    }
}
