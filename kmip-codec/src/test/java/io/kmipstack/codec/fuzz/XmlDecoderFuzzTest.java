package io.kmipstack.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.KmipXmlException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the KMIP XML reader the way the HTTPS port uses it ({@link KmipXml#read(String)} on a
 * request body). Contract: a tree or {@link KmipXmlException}, nothing else (no parser exception
 * leaking out, no DTD or entity processing); and a tree it accepts writes back to XML that reads
 * to the same tree. Seeded with every OASIS test-case shape in the XML encoding.
 */
class XmlDecoderFuzzTest {

    @FuzzTest
    void read(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Ttlv tree;
        try {
            tree = KmipXml.read(text);
        } catch (KmipXmlException e) {
            return;
        }
        String written = KmipXml.write(tree);
        Ttlv back = KmipXml.read(written);
        if (!back.equals(tree)) {
            throw new AssertionError("XML round trip changed the tree");
        }
    }
}
