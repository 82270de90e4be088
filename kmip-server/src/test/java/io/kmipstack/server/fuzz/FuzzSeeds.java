package io.kmipstack.server.fuzz;

import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed corpus of {@link MessageDispatcherFuzzTest}: for each OASIS test case (1.4 and 2.1)
 * that brings a request shape, a (parent tag, tag, type) triple, no earlier one had, its first
 * {@link MessageDispatcherFuzzTest#MAX_MESSAGES} requests back to back in TTLV, so that the fuzzer
 * starts from real conversations (create, then use; ID Placeholder batches). Checked in under
 * {@code src/test/resources/io/kmipstack/server/fuzz/MessageDispatcherFuzzTestInputs/handle/} and
 * kept equal to the vectors by {@link SeedCorpusTest}.
 */
final class FuzzSeeds {

    static final Path CORPUS = Path.of("src/test/resources/io/kmipstack/server/fuzz/MessageDispatcherFuzzTestInputs/handle");

    private FuzzSeeds() {
    }

    static Map<String, byte[]> dispatcherSeeds() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try {
            for (Path file : TestCaseFile.find(List.of(SharedData.path("kmip-vectors")))) {
                List<Ttlv> requests = TestCaseFile.read(file).messages().stream()
                        .filter(m -> m.tag() == Tag.REQUEST_MESSAGE)
                        .limit(MessageDispatcherFuzzTest.MAX_MESSAGES)
                        .toList();
                Set<String> shapes = new HashSet<>();
                requests.forEach(r -> shapes(r, -1, shapes));
                if (!requests.isEmpty() && seen.addAll(shapes)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    requests.forEach(r -> bytes.writeBytes(TtlvEncoder.encode(r)));
                    String version = file.getParent().getFileName().toString();
                    String name = file.getFileName().toString().replace(".xml", "");
                    out.put("seed-" + version + "-" + name, bytes.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void shapes(Ttlv item, int parent, Set<String> into) {
        into.add(parent + "/" + item.tag() + "/" + item.type());
        if (item.isStructure()) {
            for (Ttlv c : item.children()) {
                shapes(c, item.tag(), into);
            }
        }
    }
}
