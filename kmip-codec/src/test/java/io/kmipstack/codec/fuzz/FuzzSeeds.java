package io.kmipstack.codec.fuzz;

import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The seed corpora of the codec's fuzz tests, derived from the shared test material: every OASIS
 * test-case message (1.4 and 2.1) in the encoding a target reads, the PyKMIP wire captures
 * ({@code *.hex}) and the KMIP 1.1 test-case document messages. The OASIS messages are thinned to
 * those that bring a (parent tag, tag, type) triple no earlier message had, which keeps every shape
 * of the vectors at a few hundred files instead of a thousand; the fuzzer mutates from there.
 *
 * <p>The corpora are checked in under {@code src/test/resources/io/kmipstack/codec/fuzz/} (where
 * Jazzer's regression mode finds them); {@link SeedCorpusTest} fails when they drift from the
 * vectors, and {@code -Dfuzz.writeSeeds=true} rewrites them. Seeds are named {@code seed-*};
 * anything else in those folders (a fuzzer finding kept as a regression input) is left alone.
 */
final class FuzzSeeds {

    /** The module's test resources, relative to the module directory surefire runs in. */
    static final Path RESOURCES = Path.of("src/test/resources/io/kmipstack/codec/fuzz");

    private FuzzSeeds() {
    }

    /** Every OASIS test-case message, in file order then message order. */
    static List<Ttlv> oasisMessages() {
        try {
            List<Ttlv> out = new ArrayList<>();
            for (Path file : TestCaseFile.find(List.of(SharedData.path("kmip-vectors")))) {
                out.addAll(TestCaseFile.read(file).messages());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages among {@code all} that each add a (parent, tag, type) triple not seen before. */
    static List<Ttlv> distinctShapes(List<Ttlv> all) {
        Set<String> seen = new HashSet<>();
        List<Ttlv> out = new ArrayList<>();
        for (Ttlv m : all) {
            Set<String> mine = new HashSet<>();
            shapes(m, -1, mine);
            if (seen.addAll(mine)) {
                out.add(m);
            }
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

    /** TTLV messages as captured on the wire and in the 1.1 test-case document, by a stable name. */
    static Map<String, byte[]> wireVectors() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            Path root = SharedData.path("ttlv-vectors");
            try (Stream<Path> s = Files.list(root.resolve("pykmip-0.10-wire"))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".hex")).sorted().toList()) {
                    String name = p.getFileName().toString().replace(".hex", "");
                    out.put("pykmip-" + name, HexFormat.of().parseHex(Files.readString(p).replaceAll("\\s", "")));
                }
            }
            int n = 0;
            for (String line : Files.readAllLines(root.resolve("kmip-1.1-test-case-messages.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                out.put(String.format("tc11-%02d", n++), HexFormat.of().parseHex(cols[2].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Named seeds: {@code prefix-NNN} for each message, encoded by {@code encoding}. */
    static Map<String, byte[]> numbered(String prefix, List<Ttlv> messages, Function<Ttlv, byte[]> encoding) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            out.put(String.format("%s-%03d", prefix, i), encoding.apply(messages.get(i)));
        }
        return out;
    }

    static byte[] ttlv(Ttlv message) {
        return TtlvEncoder.encode(message);
    }
}
