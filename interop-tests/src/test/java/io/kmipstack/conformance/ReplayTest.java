package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OASIS test case against a faithful {@link Replayer}: a server that answers as the file
 * expects but with its own identifiers, times, IVs, generated values, list orders and optional
 * extras. Each file must pass, every request must reach the replayer carrying the values it
 * handed out (the binding rules are complete and right), and every message must be exchanged.
 */
class ReplayTest {

    static Stream<Path> vectors() {
        return Vectors.all().stream();
    }

    @Test
    void allVectorsAreThere() {
        // The README of kmip-vectors promises 168 files; a smaller number means a broken checkout.
        assertThat(Vectors.all()).hasSize(168);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void passesAgainstAFaithfulReplayer(Path file) throws IOException {
        TestCase tc = TestCase.read(file);
        Replayer replayer = new Replayer(tc, file.getFileName().toString().hashCode(), Replayer.Deviation.NONE);
        FileResult result = run(tc, replayer);
        assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.PASS);
        assertThat(replayer.problems()).as("requests as the replayer saw them").isEmpty();
        assertThat(replayer.answered()).isEqualTo(tc.size());
    }

    /** One file through the runner against {@code replayer}, over whatever wire the file names. */
    static FileResult run(TestCase tc, Exchange replayer) {
        Transport t = new Transport() {
            @Override
            public String unsupported(Wire wire) {
                return null;
            }

            @Override
            public Exchange open(Wire wire, Duration timeout) {
                return replayer;
            }
        };
        return ConformanceRunner.builder(t).timeout(Duration.ofSeconds(5)).build().run(tc);
    }

    /**
     * The replays above are only as good as what they vary: over all files, the replayer must
     * have exercised every kind of server-chosen value, reordering and extra the rules tolerate
     * that the vectors contain. ($MAC_DATA only ever appears in requests, where the replayer's
     * request check covers it; no vector has a literal tag, MAC or transparent key the server
     * generated.)
     */
    @Test
    void replaysVaryEveryKindOfServerChoice() throws IOException {
        java.util.Set<String> varied = new java.util.TreeSet<>();
        for (Path file : Vectors.all()) {
            TestCase tc = TestCase.read(file);
            Replayer replayer = new Replayer(tc, 7, Replayer.Deviation.NONE);
            assertThat(run(tc, replayer).verdict()).isEqualTo(Verdict.PASS);
            varied.addAll(replayer.varied());
        }
        assertThat(varied).contains(
                "placeholder:$NOW", "placeholder:$UNIQUE_IDENTIFIER_n", "placeholder:$SHORT_UNIQUE_IDENTIFIER_n",
                "placeholder:$DATA_n", "placeholder:$KEY_MATERIAL_n", "placeholder:$KEY_VALUE_n",
                "placeholder:$IV_COUNTER_NONCE", "placeholder:$AUTHENTICATED_ENCRYPTION_TAG",
                "placeholder:$SIGNATURE_DATA", "placeholder:$CORRELATION_VALUE",
                "Encrypt/IVCounterNonce", "Encrypt/Data",
                "Get/KeyMaterial", "GetAttributes/DigestValue", "GetAttributes/RandomNumberGenerator",
                "GetAttributes/AttributeValue", "GetAttributes/LeaseTime", "RNGRetrieve/Data",
                "Query/VendorIdentification", "Query/ServerInformation", "PKCS_11/PKCS_11OutputParameters",
                "extra:GetAttributes", "extra:GetAttributeList", "extra:Query", "fewer:Query", "extra:ServerCorrelationValue",
                "header:ProtocolVersion",
                "order:BatchItem", "order:list");
    }

    @Test
    void skipsWithTheTransportsReason() {
        TestCase tc = Vectors.read("v1.4/mandatory/MSGENC-XML-M-1-14");
        Transport noHttps = new Transport() {
            @Override
            public String unsupported(Wire wire) {
                return wire.isHttps() ? "needs --https" : null;
            }

            @Override
            public Exchange open(Wire wire, Duration timeout) {
                throw new AssertionError("a skipped file opens no exchange");
            }
        };
        FileResult r = ConformanceRunner.builder(noHttps).build().run(tc);
        assertThat(r.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(r.detail()).isEqualTo("needs --https");
    }

    @Test
    void skipsAProfileByPrefix() {
        Transport none = new Transport() {
            @Override
            public String unsupported(Wire wire) {
                return null;
            }

            @Override
            public Exchange open(Wire wire, Duration timeout) {
                throw new AssertionError("a skipped file opens no exchange");
            }
        };
        ConformanceRunner runner = ConformanceRunner.builder(none).skipProfile("CS-AC").build();
        FileResult r = runner.run(Vectors.read("v1.4/mandatory/CS-AC-M-OAEP-1-14"));
        assertThat(r.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(r.detail()).isEqualTo("profile CS-AC skipped (--skip-profile)");
        // "CS-A" is not a profile of CS-AC-M-1-14: prefixes end at a dash.
        TestCase other = Vectors.read("v1.4/mandatory/CS-AC-M-1-14");
        assertThat(other.hasPrefix("CS-A")).isFalse();
        assertThat(other.hasPrefix("CS")).isTrue();
        assertThat(other.profile()).isEqualTo("CS-AC");
    }

    @Test
    void foldersExpandInNaturalOrder() throws IOException {
        List<Path> files = ConformanceRunner.expand(List.of(Vectors.root().resolve("v1.4/mandatory")));
        List<String> names = files.stream().map(p -> TestCase.nameOf(p)).toList();
        assertThat(names.indexOf("CS-BC-M-2-14")).isLessThan(names.indexOf("CS-BC-M-10-14"));
        assertThat(names.indexOf("SASED-M-1-14")).isLessThan(names.indexOf("SASED-M-3-14"));
        assertThat(names).hasSize(68);
    }
}
