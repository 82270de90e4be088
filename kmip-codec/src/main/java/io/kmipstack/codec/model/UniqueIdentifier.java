package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.util.Objects;

/**
 * A Unique Identifier value (KMIP 1.4 section 3.1, KMIP 2.1 section 4.58): the server-assigned
 * text, or, from 2.0, an Enumeration that stands for an identifier of the same batch (the ID
 * Placeholder and the per-operation values) or an Integer index into the identifiers the batch has
 * produced. The schema type {@code Id} maps to this; the field's tag stays the field's own (Unique
 * Identifier, Linked Object Identifier, ...).
 */
public sealed interface UniqueIdentifier permits UniqueIdentifier.Text, UniqueIdentifier.Placeholder, UniqueIdentifier.Index {

    /** The identifier {@code id} as the server assigned it. */
    static UniqueIdentifier of(String id) {
        return new Text(id);
    }

    /**
     * Decodes a Text String, Enumeration or Integer item.
     *
     * @throws KmipDecodingException for any other item type
     */
    static UniqueIdentifier decode(Ttlv item) {
        return switch (item.type()) {
            case TEXT_STRING -> new Text(item.textValue());
            case ENUMERATION -> new Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.valueOf(item.intValue()));
            case INTEGER -> new Index(item.intValue());
            default -> throw new KmipDecodingException(ResultReason.INVALID_MESSAGE, Registry.tagName(item.tag())
                    + ": type " + item.type().xmlName() + " (expected: TextString, Enumeration or Integer)");
        };
    }

    /**
     * Encodes under {@code tag}.
     *
     * @throws KmipEncodingException for a placeholder or index before 2.0, or a placeholder value
     *     {@code v} does not define
     */
    Ttlv encode(int tag, KmipVersion v);

    /** Writes the bytes of {@link #encode} into {@code w}, refusing the same way. */
    void writeTo(TtlvWriter w, int tag, KmipVersion v);

    /** A server-assigned identifier. */
    record Text(String value) implements UniqueIdentifier {

        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            return Ttlv.text(tag, value);
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            w.text(tag, value);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** A 2.x Unique Identifier enumeration value, standing for an identifier of the same batch. */
    record Placeholder(io.kmipstack.codec.registry.UniqueIdentifier value) implements UniqueIdentifier {

        public Placeholder {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            FieldCodec.checkField(v, KmipVersion.V2_0, null, Registry.tagName(tag), "placeholder");
            return FieldCodec.enumeration(tag, value, v, Registry.tagName(tag), "placeholder");
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            FieldCodec.checkField(v, KmipVersion.V2_0, null, Registry.tagName(tag), "placeholder");
            FieldCodec.writeEnumeration(w, tag, value, v, Registry.tagName(tag), "placeholder");
        }

        @Override
        public String toString() {
            return value.name();
        }
    }

    /** A 2.x Integer index into the identifiers of the batch (negative counts from the end). */
    record Index(int value) implements UniqueIdentifier {

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            FieldCodec.checkField(v, KmipVersion.V2_0, null, Registry.tagName(tag), "index");
            return Ttlv.integer(tag, value);
        }

        @Override
        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
            FieldCodec.checkField(v, KmipVersion.V2_0, null, Registry.tagName(tag), "index");
            w.integer(tag, value);
        }

        @Override
        public String toString() {
            return "#" + value;
        }
    }
}
