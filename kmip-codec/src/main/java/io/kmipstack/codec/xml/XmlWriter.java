package io.kmipstack.codec.xml;

import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the KMIP XML encoding through the StAX (Woodstox) writer under jackson-dataformat-xml,
 * indented by two spaces per level like the OASIS test cases. Woodstox escapes markup characters
 * and writes tab, line feed and carriage return in attribute values as character references, so
 * every Text String that XML 1.0 can carry reads back unchanged; one it cannot carry (a C0 control
 * character) fails.
 */
final class XmlWriter {

    private static final XMLOutputFactory OUTPUT = new XmlFactory().getXMLOutputFactory();
    private static final String INDENT = "  ";

    private final XMLStreamWriter xml;
    private final ArrayList<String> path = new ArrayList<>();

    private XmlWriter(Writer out) {
        try {
            this.xml = OUTPUT.createXMLStreamWriter(out);
        } catch (XMLStreamException e) {
            throw new KmipXmlException("XML writer: " + e.getMessage(), 0, 0, "", e);
        }
    }

    static void write(Ttlv item, Writer out) {
        XmlWriter w = new XmlWriter(out);
        try {
            w.item(item, new KmipText.Scope(), "");
            w.finish();
        } catch (XMLStreamException e) {
            throw w.fail(e);
        }
    }

    static void writeAll(List<Ttlv> items, Writer out) {
        XmlWriter w = new XmlWriter(out);
        try {
            w.xml.writeStartElement(XmlReader.ROOT);
            for (Ttlv item : items) {
                w.xml.writeCharacters("\n");
                w.item(item, new KmipText.Scope(), "");
                w.xml.writeCharacters("\n");
            }
            w.xml.writeEndElement();
            w.finish();
        } catch (XMLStreamException e) {
            throw w.fail(e);
        }
    }

    private void finish() throws XMLStreamException {
        xml.writeEndDocument(); // closes a pending empty element
        xml.flush();
        xml.close();
    }

    private void item(Ttlv item, KmipText.Scope scope, String indent) throws XMLStreamException {
        int tag = item.tag();
        String name = KmipText.tagName(tag);
        path.add(name != null ? name : KmipText.hexTag(tag));
        boolean structure = item.isStructure();
        if (structure && !item.children().isEmpty()) {
            xml.writeStartElement(name != null ? name : XmlReader.HEX_ELEMENT);
        } else {
            xml.writeEmptyElement(name != null ? name : XmlReader.HEX_ELEMENT);
        }
        if (name == null) {
            xml.writeAttribute("tag", KmipText.hexTag(tag));
        }
        if (structure) {
            List<Ttlv> children = item.children();
            if (!children.isEmpty()) {
                String inner = indent + INDENT;
                KmipText.Scope childScope = new KmipText.Scope();
                for (Ttlv child : children) {
                    xml.writeCharacters("\n" + inner);
                    item(child, childScope, inner);
                    childScope.add(child);
                }
                xml.writeCharacters("\n" + indent);
                xml.writeEndElement();
            }
        } else {
            xml.writeAttribute("type", item.type().xmlName());
            xml.writeAttribute("value", value(item, scope));
        }
        path.remove(path.size() - 1);
    }

    private static String value(Ttlv item, KmipText.Scope scope) {
        int tag = item.tag();
        return switch (item.type()) {
            case INTEGER -> {
                KmipText.Symbols s = scope.symbolsFor(tag, item.type());
                String words = s == null ? null : s.formatMask(item.intValue(), " ");
                yield words != null ? words : Integer.toString(item.intValue());
            }
            case ENUMERATION -> {
                KmipText.Symbols s = scope.symbolsFor(tag, item.type());
                yield s != null ? s.format(item.intValue()) : String.format("0x%08X", item.intValue());
            }
            case LONG_INTEGER, INTERVAL -> Long.toString(item.longValue());
            case BIG_INTEGER, BYTE_STRING -> KmipText.hex(item.bytesValue());
            case BOOLEAN -> Boolean.toString(item.booleanValue());
            case TEXT_STRING -> item.textValue();
            case DATE_TIME -> KmipText.formatDateTime(item.longValue());
            case DATE_TIME_EXTENDED -> KmipText.formatDateTimeExtended(item.longValue());
            case STRUCTURE -> throw new AssertionError(item.type());
        };
    }

    private KmipXmlException fail(XMLStreamException e) {
        // Woodstox refuses characters XML 1.0 cannot carry; its message names the character only.
        String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return new KmipXmlException("cannot write as XML: " + detail, 0, 0, String.join("/", path), e);
    }
}
