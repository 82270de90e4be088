package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.op.OperationHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every OASIS test case outside the cryptographic-services profiles (which
 * {@code CryptoProfilesConformanceTest} runs), KMIP 1.4 and 2.1, mandatory and optional, through
 * the real {@link ConformanceRunner} against our server's message layer with the full handler set
 * ({@link Handlers#standard()}: key wrapping, Sign, Derive Key and the rest, and PKCS#11 over
 * SoftHSM2: {@link SoftHsm}), in process ({@link InProcessServer}). Each file gets a fresh server, except the files that find what an
 * earlier file of their profile left (SASED-M-3 after SASED-M-1/2, TL-M-3 after TL-M-1/2): a
 * profile of those runs on one server in order, as the test cases were written.
 *
 * <p>Every file must pass unless {@link #EXPECTED} names it with the reason; a named file must fail
 * exactly as written there, so the list notices when a gap closes. Verdicts go to
 * {@code target/object-profiles.txt}.
 */
class ObjectProfilesConformanceTest {

    /** File stem (no version suffix) -> text that the first difference must contain; the reasons beside. None left. */
    private static final Map<String, String> EXPECTED = Map.of();

    private static final List<String> CHAINED = List.of("SASED", "TL");
    private static final Map<String, String> VERDICTS = new ConcurrentHashMap<>();

    private static String stem(String name) {
        return name.replaceFirst("-1[0-9]\\.xml$|-2[0-9]\\.xml$", "");
    }

    private static String profile(String name) {
        return name.startsWith("SUITEB") ? name.substring(0, name.indexOf("-M-")) : name.substring(0, name.indexOf('-'));
    }

    @TestFactory
    Stream<DynamicContainer> objectProfiles() {
        // (version folder, profile) -> files in natural order
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        for (Path f : Vectors.all()) {
            String name = f.getFileName().toString();
            if (name.startsWith("CS-")) {
                continue;
            }
            String version = f.getParent().getParent().getFileName().toString();
            groups.computeIfAbsent(version + " " + profile(name), k -> new ArrayList<>()).add(f);
        }
        assertThat(groups.values().stream().mapToInt(List::size).sum()).as("files outside CS-*").isEqualTo(84);
        return groups.entrySet().stream().map(g -> {
            boolean chained = CHAINED.contains(g.getKey().substring(g.getKey().indexOf(' ') + 1));
            InProcessServer[] shared = {chained ? new InProcessServer(handlers(g.getKey())) : null};
            return DynamicContainer.dynamicContainer(g.getKey(), g.getValue().stream().map(f -> DynamicTest.dynamicTest(
                    f.getFileName().toString(), () -> check(f, chained ? shared[0] : new InProcessServer(handlers(g.getKey()))))));
        });
    }

    private static Map<Operation, OperationHandler> handlers(String group) {
        Map<Operation, OperationHandler> h = Handlers.standard();
        if (group.endsWith(" PKCS11")) {
            h.put(Operation.PKCS_11, Handlers.pkcs11(SoftHsm.module()));
        }
        return h;
    }

    private static void check(Path file, InProcessServer server) throws IOException {
        String name = file.getFileName().toString();
        FileResult r = ConformanceRunner.builder(server).timeout(Duration.ofSeconds(10)).build().run(TestCase.read(file));
        VERDICTS.put(file.getParent().getParent().getFileName() + "/" + name, r.verdict()
                + (r.verdict() == Verdict.PASS ? "" : "  message " + r.message() + ": " + r.detail()));
        String expected = EXPECTED.get(stem(name));
        if (expected == null) {
            assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
        } else {
            assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).contains(expected);
        }
    }

    @AfterAll
    static void writeVerdicts() {
        StringBuilder sb = new StringBuilder();
        VERDICTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append("  ").append(e.getValue()).append('\n'));
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "object-profiles.txt"), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
