package io.kmipstack.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the checked-in seeds of {@link MessageDispatcherFuzzTest} equal to what {@link FuzzSeeds}
 * derives from the OASIS test cases: a fuzz test whose seeds silently went away would pass having
 * checked almost nothing. {@code -Dfuzz.writeSeeds=true} rewrites them; files not named
 * {@code seed-*} (findings kept as regression inputs) are left alone.
 */
class SeedCorpusTest {

    @Test
    void checkedInSeedsMatchTheVectors() throws IOException {
        Map<String, byte[]> seeds = FuzzSeeds.dispatcherSeeds();
        Path dir = FuzzSeeds.CORPUS;
        if (Boolean.getBoolean("fuzz.writeSeeds")) {
            Files.createDirectories(dir);
            for (String stale : seedNames(dir)) {
                if (!seeds.containsKey(stale)) {
                    Files.delete(dir.resolve(stale));
                }
            }
            for (Map.Entry<String, byte[]> s : seeds.entrySet()) {
                Files.write(dir.resolve(s.getKey()), s.getValue());
            }
        }
        assertThat(seeds.size()).as("test cases with a new request shape").isGreaterThan(40);
        assertThat(seedNames(dir)).as(dir + " (rewrite with -Dfuzz.writeSeeds=true)")
                .containsExactlyInAnyOrderElementsOf(seeds.keySet());
        for (Map.Entry<String, byte[]> s : seeds.entrySet()) {
            assertThat(Files.readAllBytes(dir.resolve(s.getKey()))).as(s.getKey()).isEqualTo(s.getValue());
        }
    }

    private static List<String> seedNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seed-")).sorted().toList();
        }
    }
}
