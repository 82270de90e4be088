package io.kmipstack.codec.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Every OASIS KMIP 1.4 and 2.1 test case in {@code /work/shared/kmip-vectors}: each message must
 * parse; writing it as XML, as JSON and as binary TTLV and reading it back must give the same
 * tree; and the XML we write must say what the test case says, element by element (checked with
 * the JDK's DOM parser, independently of our reader).
 */
class ConformanceVectorsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Pattern TOP_LEVEL = Pattern.compile("^<(RequestMessage|ResponseMessage)>", Pattern.MULTILINE);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final TtlvDecoder DECODER = TtlvDecoder.create(new TtlvLimits(16 << 20, TtlvLimits.DEFAULT_MAX_DEPTH));

    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicInteger MESSAGES = new AtomicInteger();
    private static final AtomicInteger ITEMS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyTestCase() throws IOException {
        Path dir = SharedData.path("kmip-vectors");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        // The README promises 168 files (68 + 7 for 1.4, 86 + 7 for 2.1): fail if some went missing.
        assertThat(files).hasSize(168);
        return files.stream().map(f -> DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> check(f)));
    }

    private static void check(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Ttlv> messages = KmipXml.readAll(text, ValueResolver.fixed(NOW));

        // Counted on the text, independently of the reader; some files comment messages out.
        Matcher m = TOP_LEVEL.matcher(COMMENT.matcher(text).replaceAll(""));
        int expected = 0;
        while (m.find()) {
            expected++;
        }
        assertThat(messages).as("messages").hasSize(expected).isNotEmpty();

        List<Element> originals = children(parseDom(text));
        for (int i = 0; i < messages.size(); i++) {
            Ttlv message = messages.get(i);
            String xml = KmipXml.write(message);
            assertThat(KmipXml.read(xml)).as("XML round trip of message %d", i).isEqualTo(message);
            sameContent(originals.get(i), parseDom(xml), originals.get(i).getTagName());

            String json = KmipJson.write(message);
            assertThat(KmipJson.read(json)).as("JSON round trip of message %d", i).isEqualTo(message);

            byte[] ttlv = TtlvEncoder.encode(message);
            assertThat(DECODER.decode(ttlv)).as("TTLV round trip of message %d", i).isEqualTo(message);
            ITEMS.addAndGet(count(message));
        }
        FILES.incrementAndGet();
        MESSAGES.addAndGet(messages.size());
    }

    @AfterAll
    static void report() {
        System.out.printf("KMIP test vectors: %d files, %d messages, %d items; XML, JSON and TTLV round trips equal%n",
                FILES.get(), MESSAGES.get(), ITEMS.get());
    }

    private static int count(Ttlv t) {
        int n = 1;
        if (t.isStructure()) {
            for (Ttlv c : t.children()) {
                n += count(c);
            }
        }
        return n;
    }

    // ------------------------------------------------------------ independent comparison

    private static Element parseDom(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
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

    /**
     * The element we wrote says what the test case says: same names, same types, and values equal
     * up to what the encoding leaves free (hex case, mask word order, the offset of a date-time)
     * or what the resolver filled in (placeholders).
     */
    private static void sameContent(Element original, Element written, String path) {
        assertThat(written.getTagName()).as(path).isEqualTo(original.getTagName());
        assertThat(written.getAttribute("type")).as(path + " type").isEqualTo(original.getAttribute("type"));
        String type = original.getAttribute("type");
        String want = original.getAttribute("value");
        String got = written.getAttribute("value");
        if (!type.isEmpty() && !want.startsWith("$")) {
            switch (type) {
                case "ByteString", "BigInteger" -> assertThat(got.toLowerCase(Locale.ROOT)).as(path).isEqualTo(want.toLowerCase(Locale.ROOT));
                case "Integer" -> assertThat(words(got)).as(path).isEqualTo(words(want));
                case "DateTime" -> assertThat(OffsetDateTime.parse(got).toInstant()).as(path)
                        .isEqualTo(OffsetDateTime.parse(want).toInstant());
                default -> assertThat(got).as(path).isEqualTo(want);
            }
        }
        List<Element> a = children(original);
        List<Element> b = children(written);
        assertThat(b).as(path + " children").hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            sameContent(a.get(i), b.get(i), path + "/" + a.get(i).getTagName());
        }
    }

    private static Set<String> words(String mask) {
        return new TreeSet<>(Arrays.asList(mask.trim().split("\\s+")));
    }
}
