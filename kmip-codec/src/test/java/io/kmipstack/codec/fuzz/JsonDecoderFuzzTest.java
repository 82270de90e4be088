package io.kmipstack.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.json.KmipJsonException;
import io.kmipstack.codec.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the KMIP JSON reader the way the HTTPS port uses it ({@link KmipJson#read(String)} on a
 * request body). Contract: a tree or {@link KmipJsonException}, nothing else; and a tree it
 * accepts writes back to JSON that reads to the same tree. Seeded with every OASIS test-case shape
 * in the JSON encoding.
 */
class JsonDecoderFuzzTest {

    @FuzzTest
    void read(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Ttlv tree;
        try {
            tree = KmipJson.read(text);
        } catch (KmipJsonException e) {
            return;
        }
        String written = KmipJson.write(tree);
        Ttlv back = KmipJson.read(written);
        if (!back.equals(tree)) {
            throw new AssertionError("JSON round trip changed the tree");
        }
    }
}
