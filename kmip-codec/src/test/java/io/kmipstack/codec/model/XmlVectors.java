package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Test-only reader of the OASIS XML test cases into TTLV trees, just enough to feed the typed
 * model: dynamic values ({@code $NOW}, {@code $UNIQUE_IDENTIFIER_0}, ...) become fixed values of
 * the right type, enumeration and mask names resolve through the registry, and a 1.x Attribute
 * Value takes its enumeration from the sibling Attribute Name.
 */
final class XmlVectors {

    /** One message of a test case file. */
    record Message(String file, KmipVersion version, Ttlv tree) {
        @Override
        public String toString() {
            return file + " " + Registry.tagName(tree.tag());
        }
    }

    private static final long NOW = 1_600_000_000L;

    private XmlVectors() {
    }

    static List<Message> all() throws Exception {
        Path root = SharedData.path("kmip-vectors");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<Message> out = new ArrayList<>();
        for (Path p : files) {
            KmipVersion v = p.toString().contains("/v1.4/") ? KmipVersion.V1_4 : KmipVersion.V2_1;
            Element doc = f.newDocumentBuilder().parse(p.toFile()).getDocumentElement();
            for (Element e : children(doc)) {
                out.add(new Message(p.getFileName().toString(), v, item(e, null)));
            }
        }
        return out;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Ttlv item(Element e, String attributeName) {
        TagDef def = Registry.tagByName(e.getTagName());
        int tag = def != null ? def.code() : Integer.parseInt(e.getTagName().substring(2), 16);
        String typeName = e.getAttribute("type");
        if (typeName.isEmpty()) {
            List<Ttlv> kids = new ArrayList<>();
            String name = null;
            for (Element c : children(e)) {
                Ttlv k = item(c, name);
                if (k.tag() == Tag.ATTRIBUTE_NAME) {
                    name = k.textValue();
                }
                kids.add(k);
            }
            return Ttlv.structure(tag, kids);
        }
        ItemType type = ItemType.fromXmlName(typeName);
        String value = e.getAttribute("value");
        // A 1.x Attribute Value's enumeration or mask is the named attribute's.
        String enumeration = def != null ? def.enumeration() : null;
        if (tag == Tag.ATTRIBUTE_VALUE && attributeName != null && Registry.tagBySpecName(attributeName) != null) {
            enumeration = Registry.tagBySpecName(attributeName).enumeration();
        }
        boolean dynamic = value.startsWith("$");
        return switch (type) {
            case INTEGER -> Ttlv.integer(tag, integer(value, enumeration));
            case LONG_INTEGER -> Ttlv.longInteger(tag, Long.parseLong(value));
            case BIG_INTEGER -> FieldCodec.bigInteger(tag, Bytes.fromHex(value));
            case ENUMERATION -> Ttlv.enumeration(tag, enumeration(value, enumeration));
            case BOOLEAN -> Ttlv.bool(tag, Boolean.parseBoolean(value));
            case TEXT_STRING -> Ttlv.text(tag, value);
            case BYTE_STRING -> Ttlv.bytes(tag, dynamic ? Bytes.of(new byte[16]) : Bytes.fromHex(value));
            case DATE_TIME -> Ttlv.dateTime(tag, dynamic ? NOW : OffsetDateTime.parse(value).toEpochSecond());
            case INTERVAL -> Ttlv.interval(tag, Long.parseLong(value));
            case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, dynamic ? NOW * 1_000_000L : Long.parseLong(value));
            case STRUCTURE -> throw new IllegalArgumentException("typed structure " + e.getTagName());
        };
    }

    private static int integer(String value, String enumeration) {
        if (value.matches("-?[0-9]+")) {
            return Integer.parseInt(value);
        }
        if (value.startsWith("0x")) {
            return (int) Long.parseLong(value.substring(2), 16);
        }
        EnumDef mask = Registry.enumeration(enumeration);
        return mask.parseMask(value);
    }

    private static int enumeration(String value, String enumeration) {
        if (value.startsWith("0x")) {
            return (int) Long.parseLong(value.substring(2), 16);
        }
        if ("Tag".equals(enumeration)) {
            return Registry.tagByName(value).code();
        }
        return Registry.enumeration(enumeration).parse(value);
    }
}
