package io.kmipstack.codec.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.ItemType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every name the OASIS KMIP 1.4 and 2.1 XML test cases use resolves in the registry: element names
 * are tag names, typed values agree with the tag's type, enumeration values are names of the tag's
 * enumeration, mask words are bit names, and 1.x Attribute Name strings are tag spec names.
 */
class RegistryVectorsTest {

    private static final List<Element> ELEMENTS = new ArrayList<>();
    private static int files;

    @BeforeAll
    static void readVectors() throws Exception {
        Path vectors = SharedData.path("kmip-vectors");
        List<Path> xml;
        try (Stream<Path> s = Files.walk(vectors)) {
            xml = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path p : xml) {
            collect(f.newDocumentBuilder().parse(p.toFile()).getDocumentElement());
            files++;
        }
    }

    private static void collect(Element e) {
        if (!e.getTagName().equals("KMIP")) {
            ELEMENTS.add(e);
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child);
            }
        }
    }

    @Test
    void readsAllTestCases() {
        // 75 KMIP 1.4 and 93 KMIP 2.1 files (vectors README)
        assertThat(files).isEqualTo(168);
        assertThat(ELEMENTS).hasSizeGreaterThan(10_000);
    }

    @Test
    void everyElementNameIsATag() {
        TreeSet<String> unknown = new TreeSet<>();
        for (Element e : ELEMENTS) {
            if (Registry.tagByName(e.getTagName()) == null) {
                unknown.add(e.getTagName());
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyTypeAttributeAgreesWithTheTagType() {
        TreeSet<String> mismatches = new TreeSet<>();
        for (Element e : ELEMENTS) {
            TagDef tag = Registry.tagByName(e.getTagName());
            String type = e.hasAttribute("type") ? e.getAttribute("type") : "Structure";
            assertThat(ItemType.fromXmlName(type)).as("type of %s", e.getTagName()).isNotNull();
            if (tag != null && tag.type() != null && !tag.type().xmlName().equals(type)) {
                mismatches.add(e.getTagName() + ": " + type + " (registry: " + tag.type().xmlName() + ")");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyEnumerationValueAndMaskWordResolves() {
        List<String> unresolved = new ArrayList<>();
        int checked = 0;
        for (Element e : ELEMENTS) {
            String type = e.getAttribute("type");
            String value = e.getAttribute("value");
            boolean symbolic = type.equals("Enumeration") || type.equals("Integer") && !value.matches("-?\\d+");
            if (!symbolic || value.startsWith("$")) {
                continue;
            }
            TagDef tag = Registry.tagByName(e.getTagName());
            if (tag != null && tag.name().equals("AttributeValue")) {
                tag = Registry.tagBySpecName(siblingText(e, "AttributeName"));
            }
            EnumDef def = tag == null || tag.enumeration() == null ? null : Registry.enumeration(tag.enumeration());
            if (def == null) {
                unresolved.add(e.getTagName() + "=" + value + ": no enumeration");
                continue;
            }
            try {
                if (type.equals("Integer")) {
                    assertThat(def.isMask()).as("%s is a mask", def.name()).isTrue();
                    int bits = def.parseMask(value);
                    // every word is a name, not a hex fallback
                    for (String word : value.split(" ")) {
                        assertThat(def.byName(word)).as("%s word %s", def.name(), word).isNotNull();
                    }
                    assertThat(def.parseMask(def.formatMask(bits))).isEqualTo(bits);
                } else if (!value.startsWith("0x")) {
                    assertThat(def.byName(value)).as("%s value %s", def.name(), value).isNotNull();
                } else {
                    assertThat(def.format(def.parse(value))).isEqualTo(value);
                }
                checked++;
            } catch (AssertionError | IllegalArgumentException x) {
                unresolved.add(e.getTagName() + "=" + value + ": " + x.getMessage());
            }
        }
        assertThat(unresolved).isEmpty();
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void everyStandardAttributeNameIsATagSpecName() {
        TreeSet<String> unknown = new TreeSet<>();
        for (Element e : ELEMENTS) {
            if (!e.getTagName().equals("AttributeName")) {
                continue;
            }
            String name = e.getAttribute("value");
            // x-/y- custom attributes (1.x) and vendor attributes (2.x, next to a Vendor Identification)
            boolean custom = name.startsWith("x-") || name.startsWith("y-")
                    || siblingText(e, "VendorIdentification") != null;
            if (!custom && Registry.tagBySpecName(name) == null) {
                unknown.add(name);
            }
        }
        assertThat(unknown).isEmpty();
    }

    private static String siblingText(Element e, String tagName) {
        for (Node n = e.getParentNode().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element s && s.getTagName().equals(tagName)) {
                return s.getAttribute("value");
            }
        }
        return null;
    }
}
