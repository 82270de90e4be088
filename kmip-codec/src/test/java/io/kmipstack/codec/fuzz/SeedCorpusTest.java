package io.kmipstack.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the checked-in seed corpora of the fuzz tests equal to what {@link FuzzSeeds} derives from
 * the shared vectors: a missing, changed or stale {@code seed-*} file fails the build, because a
 * fuzz test whose seeds silently went away would still pass having checked almost nothing. Run
 * with {@code -Dfuzz.writeSeeds=true} to rewrite them after the vectors or the encoders change.
 */
class SeedCorpusTest {

    /** Corpus folder (relative to {@link FuzzSeeds#RESOURCES}) to its seeds by file name. */
    static Map<String, Map<String, byte[]>> corpora() {
        List<Ttlv> oasis = FuzzSeeds.distinctShapes(FuzzSeeds.oasisMessages());
        Map<String, byte[]> wire = FuzzSeeds.wireVectors();

        Map<String, byte[]> ttlv = new LinkedHashMap<>();
        wire.forEach((name, bytes) -> ttlv.put("seed-" + name, bytes));
        ttlv.putAll(FuzzSeeds.numbered("seed-oasis", oasis, FuzzSeeds::ttlv));

        // Two messages back to back, as a pipelining client or a busy server sends them.
        Map<String, byte[]> frames = new LinkedHashMap<>();
        List<byte[]> w = new ArrayList<>(wire.values());
        for (int i = 0; i + 1 < w.size(); i += 2) {
            byte[] two = new byte[w.get(i).length + w.get(i + 1).length];
            System.arraycopy(w.get(i), 0, two, 0, w.get(i).length);
            System.arraycopy(w.get(i + 1), 0, two, w.get(i).length, w.get(i + 1).length);
            frames.put(String.format("seed-pair-%02d", i / 2), two);
        }

        Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
        out.put("TtlvDecoderFuzzTestInputs/decode", ttlv);
        out.put("TtlvDecoderFuzzTestInputs/frames", frames);
        out.put("XmlDecoderFuzzTestInputs/read",
                FuzzSeeds.numbered("seed-oasis", oasis, m -> KmipXml.write(m).getBytes(StandardCharsets.UTF_8)));
        out.put("JsonDecoderFuzzTestInputs/read",
                FuzzSeeds.numbered("seed-oasis", oasis, m -> KmipJson.write(m).getBytes(StandardCharsets.UTF_8)));
        out.put("ModelDecodeFuzzTestInputs/decode", ttlv);
        return out;
    }

    @Test
    void checkedInSeedsMatchTheVectors() throws IOException {
        boolean write = Boolean.getBoolean("fuzz.writeSeeds");
        for (Map.Entry<String, Map<String, byte[]>> corpus : corpora().entrySet()) {
            Path dir = FuzzSeeds.RESOURCES.resolve(corpus.getKey());
            if (write) {
                rewrite(dir, corpus.getValue());
            }
            assertThat(seedNames(dir)).as(dir + " (rewrite with -Dfuzz.writeSeeds=true)")
                    .containsExactlyInAnyOrderElementsOf(corpus.getValue().keySet());
            for (Map.Entry<String, byte[]> seed : corpus.getValue().entrySet()) {
                assertThat(Files.readAllBytes(dir.resolve(seed.getKey()))).as(dir + "/" + seed.getKey())
                        .isEqualTo(seed.getValue());
            }
        }
    }

    @Test
    void theCorporaCoverEveryTestCaseShapeAndTheWireCaptures() {
        Map<String, Map<String, byte[]>> corpora = corpora();
        // 1,051 OASIS messages thin to 98 distinct shapes; the 16 PyKMIP captures and the 15
        // test-case document messages are kept whole.
        assertThat(corpora.get("TtlvDecoderFuzzTestInputs/decode").size()).isGreaterThan(120);
        assertThat(corpora.get("TtlvDecoderFuzzTestInputs/decode").keySet()).anyMatch(n -> n.startsWith("seed-pykmip-"))
                .anyMatch(n -> n.startsWith("seed-tc11-"));
        assertThat(corpora.get("XmlDecoderFuzzTestInputs/read").size()).isGreaterThan(90);
        assertThat(corpora.get("JsonDecoderFuzzTestInputs/read").size()).isGreaterThan(90);
    }

    private static List<String> seedNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seed-")).sorted().toList();
        }
    }

    private static void rewrite(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        for (String stale : seedNames(dir)) {
            if (!seeds.containsKey(stale)) {
                Files.delete(dir.resolve(stale));
            }
        }
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }
}
