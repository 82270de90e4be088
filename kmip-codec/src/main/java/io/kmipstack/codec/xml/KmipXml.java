package io.kmipstack.codec.xml;

import io.kmipstack.codec.ttlv.Ttlv;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * The KMIP XML encoding (KMIP Additional Message Encodings 1.0, section 6.1 "XML Encoding"), the
 * form of the OASIS KMIP test cases. Each item is one element named by its tag's normalized name
 * ({@code <ActivationDate>}), or {@code <TTLV tag="0x540001">} for a tag without a name; a
 * {@code type} attribute names the item type, and its absence means Structure, whose children are
 * the child elements; every other type carries a {@code value} attribute:
 * <ul>
 *   <li>Integer: decimal, or for a mask (Cryptographic Usage Mask, Protection Storage Mask, ...)
 *       the names of its bits separated by spaces ({@code "Encrypt Decrypt"});
 *   <li>Long Integer and Interval: decimal (Interval in seconds);
 *   <li>Big Integer and Byte String: hex digits (written lowercase);
 *   <li>Enumeration: the value's normalized name ({@code SymmetricKey}), or {@code 0x} and eight
 *       hex digits when it has none (vendor values such as {@code 0x80000001});
 *   <li>Boolean: {@code true} or {@code false};
 *   <li>Date-Time: ISO 8601 with an offset ({@code 2001-01-01T10:00:00+10:00}); Date-Time
 *       Extended likewise with up to six fraction digits;
 *   <li>numeric types also accept {@code 0x} hex of the value's bits.
 * </ul>
 * Enumeration and mask names come from the registry through {@link KmipText.Scope}, which also
 * applies the 1.x rule that an Attribute Value is named by its sibling Attribute Name. Reading is
 * strict; every problem is a {@link KmipXmlException} with line, column and element path.
 */
public final class KmipXml {

    private KmipXml() {
    }

    /**
     * Reads a test-case file: a {@code <KMIP>} root whose children are messages (comments and
     * whitespace between them are skipped), or a document that is a single message. Placeholder
     * values ({@code $NOW}, ...) go through {@code resolver}.
     */
    public static List<Ttlv> readAll(Reader in, ValueResolver resolver) {
        return XmlReader.readAll(Objects.requireNonNull(in, "in"), Objects.requireNonNull(resolver, "resolver"));
    }

    /** {@link #readAll(Reader, ValueResolver)} over a string. */
    public static List<Ttlv> readAll(String xml, ValueResolver resolver) {
        return readAll(new StringReader(Objects.requireNonNull(xml, "xml")), resolver);
    }

    /** Reads a document whose root element is one item (usually a message), resolving nothing. */
    public static Ttlv read(String xml) {
        return read(new StringReader(Objects.requireNonNull(xml, "xml")), ValueResolver.none());
    }

    /** Reads a document whose root element is one item, with placeholders through {@code resolver}. */
    public static Ttlv read(Reader in, ValueResolver resolver) {
        return XmlReader.readOne(Objects.requireNonNull(in, "in"), Objects.requireNonNull(resolver, "resolver"));
    }

    /** {@code item} as an XML element, indented by two spaces per level, without XML declaration. */
    public static String write(Ttlv item) {
        StringWriter out = new StringWriter();
        write(item, out);
        return out.toString();
    }

    /** Writes {@code item} to {@code out} as {@link #write(Ttlv)} does; does not close {@code out}. */
    public static void write(Ttlv item, Writer out) {
        XmlWriter.write(Objects.requireNonNull(item, "item"), Objects.requireNonNull(out, "out"));
    }

    /** {@code items} as a test-case document: a {@code <KMIP>} root holding one element per item. */
    public static String writeAll(List<Ttlv> items) {
        StringWriter out = new StringWriter();
        XmlWriter.writeAll(List.copyOf(items), out);
        return out.toString();
    }
}
