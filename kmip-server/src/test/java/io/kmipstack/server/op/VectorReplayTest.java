package io.kmipstack.server.op;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.server.store.MasterKey;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OASIS test cases of the object-management profiles (BL, TL, SKLC, AKLC, SKFF, OMOS, SASED,
 * AX, QS, MSGENC), KMIP 1.4 and 2.1, mandatory and optional, replayed against the handlers with
 * {@link VectorReplay}. The files of one profile and version run in order against one store, as
 * their authors ran them (TL-M-3 finds the key TL-M-2 created). A known gap is named with its
 * reason, and its test checks that the file fails exactly there and for that reason, so it
 * notices when the gap closes.
 */
class VectorReplayTest {

    private static final List<String> PROFILES = List.of("BL", "TL", "SKLC", "AKLC", "SKFF", "OMOS", "SASED", "AX", "QS", "MSGENC");
    private static final Pattern NAME = Pattern.compile("([A-Z]+)-.*?-(\\d+)-(14|21)\\.xml");

    // File -> what must appear in its (first) problem. None left: AX-M-2 (wrapped Get) passes
    // since the server wraps keys (DefaultKeyWrapping).
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    static Path vectors() {
        String shared = System.getProperty("kmipstack.shared", "../shared");
        return Path.of(shared).resolve("kmip-vectors");
    }

    @TempDir
    static Path sqliteDirs;

    private static final List<ObjectStore> STORES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void closeStores() {
        STORES.forEach(ObjectStore::close);
    }

    /** Against the in-memory store. */
    @TestFactory
    Stream<DynamicContainer> objectManagementTestCases() throws IOException {
        return testCases(group -> ObjectStores.memory());
    }

    /**
     * Against the SQLite store, whose Locate index must find what the handlers stored (Names,
     * custom attributes, Application Specific Information) exactly as the in-memory one does.
     */
    @TestFactory
    Stream<DynamicContainer> objectManagementTestCasesOnSqlite() throws IOException {
        return testCases(group -> ObjectStores.sqlite(sqliteDirs.resolve(group.replace(' ', '-')), MasterKey.generate()));
    }

    private Stream<DynamicContainer> testCases(java.util.function.Function<String, ObjectStore> stores) throws IOException {
        Map<String, List<Path>> groups = new TreeMap<>();
        try (Stream<Path> s = Files.walk(vectors())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".xml")).toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && PROFILES.contains(m.group(1))) {
                    groups.computeIfAbsent("v" + m.group(3).charAt(0) + "." + m.group(3).charAt(1) + " " + m.group(1),
                            k -> new ArrayList<>()).add(p);
                }
            }
        }
        // 33 files of these profiles in 1.4 and 48 in 2.1 (BL and QS are 2.x only).
        assertThat(groups.values().stream().mapToInt(List::size).sum()).isEqualTo(81);
        return groups.entrySet().stream().map(g -> {
            List<Path> files = new ArrayList<>(g.getValue());
            files.sort(Comparator.comparing((Path p) -> p.getParent().getFileName().toString())
                    .thenComparingInt(p -> number(p.getFileName().toString())));
            ObjectStore store = stores.apply(g.getKey());
            STORES.add(store);
            VectorReplay replay = new VectorReplay(store, "alice", Instant.parse("2024-05-01T12:00:00Z"));
            return DynamicContainer.dynamicContainer(g.getKey(), files.stream()
                    .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(replay, f))));
        });
    }

    private static void check(VectorReplay replay, Path file) {
        VectorReplay.Result r;
        try {
            r = replay.replay(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String gap = KNOWN_GAPS.get(r.file());
        if (gap == null) {
            assertThat(r.problems()).as(r.file()).isEmpty();
        } else {
            assertThat(r.problems()).as(r.file() + " (known gap: " + gap + ")").isNotEmpty();
            for (String word : gap.split(" ")) {
                assertThat(r.problems().get(0)).as(r.file()).containsIgnoringCase(word);
            }
        }
    }

    private static int number(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }
}
