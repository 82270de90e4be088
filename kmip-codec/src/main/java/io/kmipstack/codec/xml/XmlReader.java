package io.kmipstack.codec.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvLimits;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming reader of the KMIP XML encoding over the StAX (Woodstox) parser that
 * jackson-dataformat-xml is built on. One instance reads one document; it is not thread-safe.
 */
final class XmlReader {

    private static final XMLInputFactory INPUT;

    static {
        XMLInputFactory f = new XmlFactory().getXMLInputFactory();
        // A KMIP message never needs a DTD; refusing them closes the entity-expansion and
        // external-entity doors.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        // Woodstox caps attribute values at 512 KiB by default; a Byte String as large as the
        // TTLV message limit is twice that many hex digits.
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 2 * TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE + 64);
        INPUT = f;
    }

    static final String ROOT = "KMIP";
    static final String HEX_ELEMENT = "TTLV";

    private final XMLStreamReader xml;
    private final ValueResolver resolver;
    private final int maxDepth = TtlvLimits.DEFAULT_MAX_DEPTH;
    // Element names from the root to the element being read, for error messages.
    private final ArrayList<String> path = new ArrayList<>();

    private XmlReader(Reader in, ValueResolver resolver) {
        try {
            this.xml = INPUT.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        this.resolver = resolver;
    }

    /** Reads a test-case document: a {@code KMIP} root holding messages, or one message. */
    static List<Ttlv> readAll(Reader in, ValueResolver resolver) {
        XmlReader r = new XmlReader(in, resolver);
        try {
            r.nextStart();
            List<Ttlv> out = new ArrayList<>();
            if (ROOT.equals(r.xml.getLocalName()) && r.xml.getPrefix().isEmpty()) {
                if (r.xml.getAttributeCount() != 0) {
                    throw r.fail("attribute on " + ROOT + " (expected: none)");
                }
                while (r.nextChild()) {
                    out.add(r.item(new KmipText.Scope(), 0));
                }
            } else {
                out.add(r.item(new KmipText.Scope(), 0));
            }
            r.expectEnd();
            return out;
        } catch (XMLStreamException e) {
            throw r.malformed(e);
        } catch (WstxLazyException e) {
            throw r.malformed(e);
        } finally {
            r.close();
        }
    }

    /** Reads a document whose root element is one KMIP item. */
    static Ttlv readOne(Reader in, ValueResolver resolver) {
        XmlReader r = new XmlReader(in, resolver);
        try {
            r.nextStart();
            Ttlv item = r.item(new KmipText.Scope(), 0);
            r.expectEnd();
            return item;
        } catch (XMLStreamException e) {
            throw r.malformed(e);
        } catch (WstxLazyException e) {
            throw r.malformed(e);
        } finally {
            r.close();
        }
    }

    /** Advances to the first start element of the document. */
    private void nextStart() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
            skipOrFail(event);
        }
        throw fail("no element (expected: a KMIP message)");
    }

    /**
     * Advances within the current element to its next child element ({@code true}) or to its end
     * ({@code false}).
     */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            skipOrFail(event);
        }
    }

    /** After the root element: only comments, whitespace and processing instructions may follow. */
    private void expectEnd() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
            skipOrFail(event);
        }
    }

    private void skipOrFail(int event) {
        switch (event) {
            case XMLStreamConstants.COMMENT, XMLStreamConstants.SPACE, XMLStreamConstants.PROCESSING_INSTRUCTION,
                    XMLStreamConstants.START_DOCUMENT -> {
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                if (!xml.isWhiteSpace()) {
                    throw fail("text content (expected: only elements; values go in the value attribute)");
                }
            }
            case XMLStreamConstants.DTD -> throw fail("DTD (expected: none)");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw fail("entity reference (expected: none)");
            default -> throw fail("unexpected XML event " + event);
        }
    }

    /** Reads the element the parser is on, through its end tag. */
    private Ttlv item(KmipText.Scope scope, int depth) throws XMLStreamException {
        String name = xml.getLocalName();
        path.add(xml.getPrefix().isEmpty() ? name : xml.getPrefix() + ":" + name);
        Location at = xml.getLocation();
        int line = at.getLineNumber();
        int column = at.getColumnNumber();
        if (depth >= maxDepth) {
            throw fail("nesting depth: " + (depth + 1) + " (expected: <= " + maxDepth + ")", line, column);
        }
        if (!xml.getPrefix().isEmpty() || (xml.getNamespaceURI() != null && !xml.getNamespaceURI().isEmpty())) {
            throw fail("namespaced element (expected: a KMIP tag name without namespace)", line, column);
        }
        String tagAttr = null;
        String typeAttr = null;
        String valueAttr = null;
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            String attr = xml.getAttributeLocalName(i);
            if (!xml.getAttributePrefix(i).isEmpty()) {
                throw fail("attribute " + xml.getAttributePrefix(i) + ":" + attr + " (expected: tag, type or value)", line, column);
            }
            switch (attr) {
                case "tag" -> tagAttr = xml.getAttributeValue(i);
                case "type" -> typeAttr = xml.getAttributeValue(i);
                case "value" -> valueAttr = xml.getAttributeValue(i);
                default -> throw fail("attribute " + attr + " (expected: tag, type or value)", line, column);
            }
        }
        int tag;
        try {
            if (HEX_ELEMENT.equals(name)) {
                if (tagAttr == null) {
                    throw fail("missing tag attribute on " + HEX_ELEMENT + " (expected: tag=\"0x\" and 6 hex digits)", line, column);
                }
                tag = KmipText.parseHexTag(tagAttr);
                path.set(path.size() - 1, tagAttr);
            } else {
                if (tagAttr != null) {
                    throw fail("tag attribute on " + name + " (expected: only on " + HEX_ELEMENT + ")", line, column);
                }
                tag = KmipText.parseTag(name);
            }
        } catch (IllegalArgumentException e) {
            throw fail("unknown element: " + name + " (expected: a KMIP tag name, or " + HEX_ELEMENT
                    + " with a tag attribute)", line, column, e);
        }
        ItemType type = ItemType.STRUCTURE;
        if (typeAttr != null) {
            type = ItemType.fromXmlName(typeAttr);
            if (type == null) {
                throw fail("unknown type: " + typeAttr + " (expected: Structure, Integer, LongInteger, BigInteger, "
                        + "Enumeration, Boolean, TextString, ByteString, DateTime, Interval or DateTimeExtended)", line, column);
            }
        }
        Ttlv result;
        if (type == ItemType.STRUCTURE) {
            if (valueAttr != null) {
                throw fail("value attribute on a Structure (expected: child elements)", line, column);
            }
            List<Ttlv> children = new ArrayList<>();
            KmipText.Scope inner = new KmipText.Scope();
            while (nextChild()) {
                Ttlv child = item(inner, depth + 1);
                inner.add(child);
                children.add(child);
            }
            result = Ttlv.structure(tag, children);
        } else {
            if (valueAttr == null) {
                throw fail("missing value attribute (expected: one for type " + type.xmlName() + ")", line, column);
            }
            result = value(tag, type, valueAttr, scope, line, column);
            if (nextChild()) {
                throw fail("child element in a " + type.xmlName() + " (expected: none)");
            }
        }
        path.remove(path.size() - 1);
        return result;
    }

    private Ttlv value(int tag, ItemType type, String text, KmipText.Scope scope, int line, int column) {
        if (text.length() > 1 && text.charAt(0) == '$' && Character.isLetter(text.charAt(1))) {
            Ttlv resolved = resolver.resolve(tag, type, text);
            if (resolved != null) {
                if (resolved.tag() != tag || resolved.type() != type) {
                    throw fail("resolver answered " + KmipText.hexTag(resolved.tag()) + " " + resolved.type().xmlName()
                            + " (expected: " + KmipText.hexTag(tag) + " " + type.xmlName() + ")", line, column);
                }
                return resolved;
            }
        }
        try {
            return switch (type) {
                case INTEGER -> {
                    KmipText.Symbols s = scope.symbolsFor(tag, type);
                    yield Ttlv.integer(tag, s != null ? s.parseMask(text, ' ') : KmipText.parseInt32(text, "Integer"));
                }
                case LONG_INTEGER -> Ttlv.longInteger(tag, KmipText.parseInt64(text, "LongInteger"));
                case BIG_INTEGER -> KmipText.parseBigInteger(tag, text);
                case ENUMERATION -> {
                    KmipText.Symbols s = scope.symbolsFor(tag, type);
                    if (s != null) {
                        yield Ttlv.enumeration(tag, s.parse(text));
                    }
                    if (!KmipText.isHexPrefixed(text)) {
                        throw new IllegalArgumentException("Enumeration value: " + text
                                + " for a tag without enumeration (expected: 0x and 8 hex digits)");
                    }
                    yield Ttlv.enumeration(tag, (int) KmipText.parseHex(text, 4, "Enumeration"));
                }
                case BOOLEAN -> Ttlv.bool(tag, KmipText.parseBoolean(text));
                case TEXT_STRING -> Ttlv.text(tag, text);
                case BYTE_STRING -> Ttlv.bytes(tag, KmipText.parseHexBytes(text, "ByteString"));
                case DATE_TIME -> Ttlv.dateTime(tag, KmipText.parseDateTime(text));
                case INTERVAL -> Ttlv.interval(tag, KmipText.parseInterval(text));
                case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, KmipText.parseDateTimeExtended(text));
                case STRUCTURE -> throw new AssertionError(type);
            };
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage(), line, column, e);
        }
    }

    private void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // Closing releases parser buffers only; the caller owns the Reader.
        }
    }

    /**
     * Woodstox parses text lazily (the factory coalesces it) and reports a malformed character found
     * there only when the text is looked at, as this unchecked wrapper of the parse error.
     */
    private KmipXmlException malformed(WstxLazyException e) {
        return malformed(e.getCause() instanceof XMLStreamException x ? x : new XMLStreamException(e.getMessage()));
    }

    private KmipXmlException malformed(XMLStreamException e) {
        Location at = e.getLocation();
        String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        // Woodstox prefixes the position, which we report separately.
        int bracket = detail.indexOf("\n at [");
        if (bracket >= 0) {
            detail = detail.substring(0, bracket);
        }
        return new KmipXmlException("malformed XML: " + detail,
                at == null ? 0 : at.getLineNumber(), at == null ? 0 : at.getColumnNumber(), String.join("/", path), e);
    }

    private KmipXmlException fail(String problem) {
        Location at = xml.getLocation();
        return fail(problem, at.getLineNumber(), at.getColumnNumber());
    }

    private KmipXmlException fail(String problem, int line, int column) {
        return new KmipXmlException(problem, line, column, String.join("/", path));
    }

    private KmipXmlException fail(String problem, int line, int column, Throwable cause) {
        return new KmipXmlException(problem, line, column, String.join("/", path), cause);
    }
}
