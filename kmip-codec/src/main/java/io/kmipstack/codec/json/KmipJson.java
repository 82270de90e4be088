package io.kmipstack.codec.json;

import io.kmipstack.codec.ttlv.Ttlv;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Objects;

/**
 * The KMIP JSON encoding (KMIP Additional Message Encodings 1.0, section 4.1 "JSON Encoding").
 * Each item is an object {@code {"tag": ..., "type": ..., "value": ...}} (section 4.1.6): the tag
 * is its normalized name ({@code "ActivationDate"}) or {@code "0x"} and six hex digits (4.1.2);
 * the type is the type's normalized name and is omitted for a Structure (4.1.4); the value
 * (4.1.5) is
 * <ul>
 *   <li>Structure: an array of the child objects;
 *   <li>Integer: a number, or for a mask the bit names joined by {@code |}
 *       ({@code "Encrypt|Decrypt"});
 *   <li>Long Integer: a number between -2^52 and 2^52 exclusive, else {@code "0x"} and 16 hex
 *       digits, since JSON numbers are doubles to most readers;
 *   <li>Big Integer: {@code "0x"} and the two's-complement hex (a number is also read);
 *   <li>Enumeration: the value's normalized name, or {@code "0x"} and eight hex digits;
 *   <li>Boolean: {@code true} or {@code false}; Text String: a string;
 *   <li>Byte String: a string of hex digits without prefix;
 *   <li>Date-Time and Date-Time Extended: an ISO 8601 string with an offset;
 *   <li>Interval: a number of seconds;
 *   <li>every numeric type, Boolean and Date-Time are also read from {@code "0x"} hex (4.1.1).
 * </ul>
 * Enumeration and mask names follow the same context rules as {@link io.kmipstack.codec.xml.KmipXml}
 * ({@link io.kmipstack.codec.xml.KmipText.Scope}). Reading is strict: members other than the
 * three, duplicates, or a value that does not fit its type fail with a {@link KmipJsonException}
 * carrying the JSON Pointer of the failing member.
 */
public final class KmipJson {

    private KmipJson() {
    }

    /** Reads one item (usually a message) from a JSON document. */
    public static Ttlv read(String json) {
        return read(new StringReader(Objects.requireNonNull(json, "json")));
    }

    /** Reads one item from a JSON document; does not close {@code in}. */
    public static Ttlv read(Reader in) {
        return JsonReader.read(Objects.requireNonNull(in, "in"));
    }

    /** {@code item} as compact JSON. */
    public static String write(Ttlv item) {
        StringWriter out = new StringWriter();
        write(item, out);
        return out.toString();
    }

    /** Writes {@code item} as compact JSON to {@code out}; does not close {@code out}. */
    public static void write(Ttlv item, Writer out) {
        JsonWriter.write(Objects.requireNonNull(item, "item"), Objects.requireNonNull(out, "out"));
    }
}
