package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Key Value (KMIP 1.4 section 2.1.4, 2.1 section 3.2): a Byte String while the key is wrapped (the
 * ciphertext of the encoded structure), else a structure of Key Material and the attributes bound
 * to the key: 1.x Attribute structures, or one 2.x Attributes structure.
 */
public sealed interface KeyValue permits KeyValue.Wrapped, KeyValue.Plain {

    /** An unwrapped key value carrying only key material. */
    static KeyValue of(KeyMaterial material) {
        return new Plain(material, List.of(), null);
    }

    /** A wrapped key value. */
    static KeyValue wrapped(Bytes ciphertext) {
        return new Wrapped(ciphertext);
    }

    /**
     * Decodes a Byte String (wrapped) or Structure (plaintext) item.
     *
     * @throws KmipDecodingException for any other item type or a malformed structure
     */
    static KeyValue decode(Ttlv item) {
        return switch (item.type()) {
            case BYTE_STRING -> new Wrapped(item.bytesValue());
            case STRUCTURE -> Plain.decode(item);
            default -> throw new KmipDecodingException(ResultReason.INVALID_MESSAGE, Registry.tagName(item.tag())
                    + ": type " + item.type().xmlName() + " (expected: ByteString or Structure)");
        };
    }

    Ttlv encode(int tag, KmipVersion v);

    /** Writes the bytes of {@link #encode} into {@code w}, refusing the same way. */
    void writeTo(TtlvWriter w, int tag, KmipVersion v);

    /** The key material, or {@code null} while wrapped. */
    default KeyMaterial keyMaterial() {
        return this instanceof Plain p ? p.keyMaterial() : null;
    }

    /** A wrapped key value: the encrypted (or MACed/signed) encoding of the plaintext structure. */
    record Wrapped(Bytes ciphertext) implements KeyValue {

        public Wrapped {
            Objects.requireNonNull(ciphertext, "ciphertext");
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            return Ttlv.bytes(tag, ciphertext);
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            w.bytes(tag, ciphertext);
        }
    }

    /**
     * A plaintext key value. {@code attribute} is the 1.x form (up to 1.4), {@code attributes} the
     * 2.x form (from 2.0); at most one of them is used for a given version.
     */
    record Plain(KeyMaterial keyMaterial, List<Attribute> attribute, Attributes attributes) implements KeyValue {

        public Plain {
            Objects.requireNonNull(keyMaterial, "keyMaterial");
            attribute = attribute == null ? List.of() : List.copyOf(attribute);
        }

        static Plain decode(Ttlv item) {
            KeyMaterial material = null;
            List<Attribute> attribute = null;
            Attributes attributes = null;
            Ttlv c = null;
            try {
                for (Ttlv child : item.children()) {
                    c = child;
                    switch (c.tag()) {
                        case Tag.KEY_MATERIAL -> {
                            if (material != null) {
                                throw FieldCodec.repeated("KeyValue", "KeyMaterial");
                            }
                            material = KeyMaterial.decode(c);
                        }
                        case Tag.ATTRIBUTE -> {
                            if (attribute == null) {
                                attribute = new ArrayList<>();
                            }
                            attribute.add(Attribute.decode(c));
                        }
                        case Tag.ATTRIBUTES -> {
                            if (attributes != null) {
                                throw FieldCodec.repeated("KeyValue", "Attributes");
                            }
                            attributes = Attributes.decode(c);
                        }
                        default -> throw FieldCodec.unexpected("KeyValue", c);
                    }
                }
                c = null;
                if (material == null) {
                    throw FieldCodec.missing("KeyValue", "KeyMaterial");
                }
                return new Plain(material, attribute, attributes);
            } catch (KmipDecodingException e) {
                throw e.within(c);
            }
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            List<Ttlv> out = new ArrayList<>(1 + attribute.size());
            out.add(keyMaterial.encode(Tag.KEY_MATERIAL, v));
            if (!attribute.isEmpty()) {
                FieldCodec.checkField(v, KmipVersion.V1_0, KmipVersion.V1_4, "KeyValue", "Attribute");
                for (Attribute a : attribute) {
                    out.add(a.encode(Tag.ATTRIBUTE, v));
                }
            }
            if (attributes != null) {
                FieldCodec.checkField(v, KmipVersion.V2_0, null, "KeyValue", "Attributes");
                out.add(attributes.encode(Tag.ATTRIBUTES, v));
            }
            return Ttlv.structure(tag, out);
        }

        // The same steps as encode, in the same order, so that the same value fails the same way.
        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            int mark = w.beginStructure(tag);
            keyMaterial.writeTo(w, Tag.KEY_MATERIAL, v);
            if (!attribute.isEmpty()) {
                FieldCodec.checkField(v, KmipVersion.V1_0, KmipVersion.V1_4, "KeyValue", "Attribute");
                for (Attribute a : attribute) {
                    a.writeTo(w, Tag.ATTRIBUTE, v);
                }
            }
            if (attributes != null) {
                FieldCodec.checkField(v, KmipVersion.V2_0, null, "KeyValue", "Attributes");
                attributes.writeTo(w, Tag.ATTRIBUTES, v);
            }
            w.endStructure(mark);
        }
    }
}
