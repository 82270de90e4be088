package io.kmipstack.conformance;

import io.kmipstack.codec.ttlv.Ttlv;

/** Small operations on TTLV items the runner needs and the codec has no reason to offer. */
final class Items {

    private Items() {
    }

    /**
     * {@code value} under another tag: a value the server returned as, say, a Private Key Unique
     * Identifier is sent back as a Unique Identifier.
     */
    static Ttlv retag(Ttlv value, int tag) {
        if (value.tag() == tag) {
            return value;
        }
        return switch (value.type()) {
            case STRUCTURE -> Ttlv.structure(tag, value.children());
            case INTEGER -> Ttlv.integer(tag, value.intValue());
            case LONG_INTEGER -> Ttlv.longInteger(tag, value.longValue());
            case BIG_INTEGER -> Ttlv.bigInteger(tag, value.bytesValue());
            case ENUMERATION -> Ttlv.enumeration(tag, value.intValue());
            case BOOLEAN -> Ttlv.bool(tag, value.booleanValue());
            case TEXT_STRING -> Ttlv.text(tag, value.textValue());
            case BYTE_STRING -> Ttlv.bytes(tag, value.bytesValue());
            case DATE_TIME -> Ttlv.dateTime(tag, value.longValue());
            case INTERVAL -> Ttlv.interval(tag, value.longValue());
            case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, value.longValue());
        };
    }

    /** True if both items have the same type and value, whatever their tags. */
    static boolean sameValue(Ttlv a, Ttlv b) {
        return a.type() == b.type() && retag(a, b.tag()).equals(b);
    }

    /** The length a length-checking comparison looks at: bytes of a Byte String, Big Integer or Text String. */
    static int length(Ttlv item) {
        return switch (item.type()) {
            case BYTE_STRING, BIG_INTEGER -> item.bytesValue().length();
            case TEXT_STRING -> item.textValue().length();
            default -> item.type().fixedLength();
        };
    }

    /** The text of a Text String child with {@code tag}, or {@code null}. */
    static String text(Ttlv structure, int tag) {
        if (structure == null || !structure.isStructure()) {
            return null;
        }
        Ttlv c = structure.child(tag);
        return c != null && c.type() == io.kmipstack.codec.ttlv.ItemType.TEXT_STRING ? c.textValue() : null;
    }
}
