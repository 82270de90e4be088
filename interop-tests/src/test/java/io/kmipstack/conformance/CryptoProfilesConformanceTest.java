package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.crypto.Rngs;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.store.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cryptographic-services profiles (CS-BC, CS-AC, CS-RNG) of KMIP 1.4 and 2.1, mandatory and
 * optional, through the real {@link ConformanceRunner} against our server's message layer
 * ({@link MessageDispatcher} with {@link Handlers#standard()} and an in-memory store), one fresh
 * server per file. Requests and responses cross a binary TTLV encoding both ways, as on the wire;
 * only the socket and TLS are left out (the transport has its own tests).
 *
 * <p>Every file must pass, except where this class says why not:
 * <ul>
 *   <li>The four CS-RNG-O files show four answers a server may give to the same RNG Seed (all 32
 *       bytes taken, 16, none, refused); each runs against a server configured with that policy
 *       ({@link Handlers#rngSeed}).</li>
 *   <li>CS-AC-M-1, -2, -3 and -8 sign and verify: they pass when the server has Sign and
 *       Signature Verify handlers, and otherwise must fail exactly at their first Sign or Signature
 *       Verify with Operation Not Supported.</li>
 *   <li>CS-BC-M-2 and CS-BC-M-3 create an AES key and then decrypt a literal ciphertext that only
 *       the reference server's own random key turns into the expected plaintext; the runner's
 *       rules compare Decrypt output exactly whoever made the key, so no server with a fresh
 *       random key can pass them. They must fail exactly there (the Decrypt's Data) and nowhere
 *       earlier: their Create and, for M-3, Encrypt (compared by type and length) succeed.</li>
 * </ul>
 * The verdict of each file is written to {@code target/crypto-profiles.txt}.
 */
class CryptoProfilesConformanceTest {

    private static final List<String> PROFILES = List.of("CS-BC-", "CS-AC-", "CS-RNG-");
    private static final Map<String, String> VERDICTS = new ConcurrentHashMap<>();

    static Stream<Path> files() {
        return Vectors.all().stream().filter(f -> PROFILES.stream().anyMatch(p -> f.getFileName().toString().startsWith(p)));
    }

    /** The base name without version and extension: {@code CS-RNG-O-2-14.xml} gives {@code CS-RNG-O-2}. */
    private static String stem(String name) {
        return name.replaceFirst("-1[0-9]\\.xml$|-2[0-9]\\.xml$", "");
    }

    private static Rngs.SeedPolicy seedPolicy(String stem) {
        return switch (stem) {
            case "CS-RNG-O-2" -> Rngs.SeedPolicy.acceptUpTo(16);
            case "CS-RNG-O-3" -> Rngs.SeedPolicy.ignore();
            case "CS-RNG-O-4" -> Rngs.SeedPolicy.deny();
            default -> Rngs.SeedPolicy.acceptAll();
        };
    }

    /** One server: the dispatcher behind an in-memory exchange that encodes and decodes as the wire does. */
    private static Transport server(Map<Operation, OperationHandler> handlers) {
        MessageDispatcher dispatcher = MessageDispatcher.builder().handlers(handlers).store(ObjectStores.memory()).build();
        TtlvDecoder decoder = TtlvDecoder.create();
        return new Transport() {
            @Override
            public String unsupported(Wire wire) {
                return wire == Wire.TTLV ? null : "TTLV only";
            }

            @Override
            public Exchange open(Wire wire, Duration timeout) {
                return new Exchange() {
                    @Override
                    public Ttlv exchange(Ttlv request, Duration t) {
                        Ttlv received = decoder.decode(TtlvEncoder.encode(request));
                        Ttlv response = dispatcher.handle(received, "conformance", "127.0.0.1:5696");
                        return decoder.decode(TtlvEncoder.encode(response));
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void replays(Path file) throws IOException {
        String name = file.getFileName().toString();
        String stem = stem(name);
        Map<Operation, OperationHandler> handlers = Handlers.standard();
        handlers.put(Operation.RNG_SEED, Handlers.rngSeed(seedPolicy(stem)));
        TestCase tc = TestCase.read(file);
        FileResult r = ConformanceRunner.builder(server(handlers)).timeout(Duration.ofSeconds(10)).build().run(tc);
        VERDICTS.put(file.getParent().getParent().getFileName() + "/" + name, r.verdict() + (r.verdict() == Verdict.PASS ? ""
                : "  message " + r.message() + ": " + r.detail()));

        boolean signs = List.of("CS-AC-M-1", "CS-AC-M-2", "CS-AC-M-3", "CS-AC-M-8").contains(stem);
        if (signs && !(handlers.containsKey(Operation.SIGN) && handlers.containsKey(Operation.SIGNATURE_VERIFY))) {
            assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.FAIL);
            assertThat(r.message()).as(r.detail()).isEqualTo(firstMessageWith(tc, "Sign", "SignatureVerify"));
            assertThat(r.detail()).contains("OperationNotSupported");
            return;
        }
        if (stem.equals("CS-BC-M-2") || stem.equals("CS-BC-M-3")) {
            assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.FAIL);
            assertThat(r.message()).as(r.detail()).isEqualTo(firstMessageWith(tc, "Decrypt"));
            assertThat(r.difference().path()).as(r.detail()).endsWith("ResponsePayload/Data");
            return;
        }
        assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.PASS);
    }

    /** The 1-based number of the first request message of {@code tc} whose operation is one of {@code operations}. */
    private static int firstMessageWith(TestCase tc, String... operations) {
        for (int i = 0; i < tc.size(); i++) {
            for (Ttlv item : tc.request(i).children(io.kmipstack.codec.registry.Tag.BATCH_ITEM)) {
                Operation op = Operation.valueOf(item.child(io.kmipstack.codec.registry.Tag.OPERATION).intValue());
                if (List.of(operations).contains(op.name())) {
                    return i + 1;
                }
            }
        }
        throw new AssertionError(tc.name() + ": no " + String.join(" or ", operations));
    }

    @AfterAll
    static void writeVerdicts() {
        StringBuilder sb = new StringBuilder();
        VERDICTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append("  ").append(e.getValue()).append('\n'));
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "crypto-profiles.txt"), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
